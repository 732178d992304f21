"""Holes of issue 8 in the inquiries, driven as an RPC client would: ``with_user(...)`` plus the public method a
JSON-RPC/XML-RPC call reaches, with the context keys a client can send. Each call must be refused and the record,
read back as the superuser, must be unchanged."""

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.miz_inquiry.models.miz_inquiry_partner import hash_token

from .common import NATIONAL_CODE, TOKEN, MizInquiryCommon

# what a client adds to its call's context to make write guards stand aside or to preset protected fields
FORGED = {
    "miz_khedmat_internal": True,
    "miz_letter_registering": True,
    "miz_referral_force": True,
    "miz_letter_no_register": True,
    "default_state": "answered",
    "default_name": "INQ-FORGED",
    "default_answered_at": "2020-01-01 00:00:00",
    "default_agency_id": False,
}


@tagged("post_install", "-at_install")
class TestInquirySecurityRpc(MizInquiryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inquiry_admin = new_test_user(
            cls.env, login="miz_inq_admin", groups="miz_inquiry.group_miz_inquiry_manager", name="مدیر استعلام"
        )
        cls.unit.member_ids = [(4, cls.inquiry_admin.id)]
        cls.sysadmin = new_test_user(
            cls.env, login="miz_inq_sysadmin", groups="base.group_system,miz_inquiry.group_miz_inquiry_manager"
        )
        cls.outsider = new_test_user(
            cls.env, login="miz_inq_outsider", groups="miz_inquiry.group_miz_inquiry_user", name="کاربر دستگاه دیگر"
        )
        cls.env["miz.org.unit"].create(
            {"name": "واحد دستگاه دیگر", "agency_id": cls.other_agency.id, "member_ids": [(6, 0, cls.outsider.ids)]}
        )
        cls.request = (
            cls.env["miz.inquiry.request"]
            .with_user(cls.inquiry_user)
            .create({"type_id": cls.type_person.id, "key": NATIONAL_CODE})
        )
        cls.request.sudo().write(
            {
                "state": "answered",
                "response_status": "answered",
                "response_payload": '{"exists": true}',
                "sent_at": "2025-01-05 08:00:00",
                "answered_at": "2025-01-05 08:00:01",
                "attempt_count": 1,
            }
        )
        cls.inbound = (
            cls.env["miz.inquiry.inbound"]
            .sudo()
            .create(
                {
                    "type_id": cls.type_manual.id,
                    "type_code": cls.type_manual.code,
                    "key": "دیپلم ۱۲۳۴",
                    "partner_id": cls.caller.id,
                    "requester_agency_code": "AGENCY-A",
                    "request_id": "edu-1",
                }
            )
        )

    def _snapshot(self, record, names):
        record.invalidate_recordset()
        return record.sudo().read(names)[0]

    # ------------------------------------------------------------------------------------------ token
    def test_inquiry_admin_cannot_generate_or_set_a_token(self):
        partner = self.caller.with_user(self.inquiry_admin).with_context(**FORGED)
        with self.assertRaises(AccessError):
            partner.action_generate_token()
        with self.assertRaises(AccessError):
            partner.write({"new_token": "a-token-the-admin-chose-123456"})
        self.caller.invalidate_recordset()
        self.assertEqual(self.caller.sudo().token_hash, hash_token(TOKEN))
        self.assertEqual(self.env["miz.inquiry.partner"]._authenticate(TOKEN, "AGENCY-A"), self.caller)
        # a system administrator still can, and the new token replaces the old one
        action = self.caller.with_user(self.sysadmin).action_generate_token()
        token = action["params"]["message"].rsplit(" ", 1)[1]
        self.assertEqual(self.caller.sudo().token_hash, hash_token(token))
        self.assertFalse(self.env["miz.inquiry.partner"]._authenticate(TOKEN, "AGENCY-A"))

    # ------------------------------------------------------------------------------------------ agency
    def test_other_agency_neither_reads_nor_acts_on_our_inquiries(self):
        Request = self.env["miz.inquiry.request"].with_user(self.outsider).with_context(**FORGED)
        self.assertFalse(Request.search([("id", "=", self.request.id)]))
        self.assertFalse(Request.search([("key", "=", NATIONAL_CODE)]))
        with self.assertRaises(AccessError):
            self.request.with_user(self.outsider).read(["key", "response_payload"])
        draft = (
            self.env["miz.inquiry.request"]
            .with_user(self.inquiry_user)
            .create({"type_id": self.type_person.id, "key": NATIONAL_CODE})
        )
        with self.assertRaises(AccessError):
            draft.with_user(self.outsider).with_context(**FORGED).action_file_paper()
        with self.assertRaises(AccessError):
            draft.with_user(self.outsider).with_context(**FORGED).action_send()
        self.assertEqual(self._snapshot(draft, ["state", "letter_id"])["state"], "draft")
        self.assertFalse(draft.sudo().letter_id)

        Inbound = self.env["miz.inquiry.inbound"].with_user(self.outsider).with_context(**FORGED)
        self.assertFalse(Inbound.search([("id", "=", self.inbound.id)]))
        with self.assertRaises(AccessError):
            self.inbound.with_user(self.outsider).read(["key"])
        with self.assertRaises(AccessError):
            self.inbound.with_user(self.outsider).with_context(**FORGED).write({"answer": "جعلی"})
        self.inbound.sudo().answer = "پاسخ کارشناس"
        with self.assertRaises(AccessError):
            self.inbound.with_user(self.outsider).with_context(**FORGED).action_answer()
        after = self._snapshot(self.inbound, ["state", "answer", "answered_by_id"])
        self.assertEqual((after["state"], after["answer"], after["answered_by_id"]), ("pending", "پاسخ کارشناس", False))
        # the people of our agency do see them
        self.assertEqual(
            self.env["miz.inquiry.inbound"].with_user(self.answerer).search([("id", "=", self.inbound.id)]),
            self.inbound,
        )

    def test_secretariat_clerk_of_the_agency_sees_it_and_loses_it_at_once(self):
        clerk = new_test_user(
            self.env,
            login="miz_inq_sec_clerk",
            groups="miz_inquiry.group_miz_inquiry_user,miz_secretariat.group_miz_secretariat_clerk",
        )
        Request = self.env["miz.inquiry.request"].with_user(clerk)
        self.assertFalse(Request.search([("id", "=", self.request.id)]))
        clerk.miz_secretariat_agency_ids = self.agency
        self.assertEqual(Request.search([("id", "=", self.request.id)]), self.request)
        clerk.miz_secretariat_agency_ids = self.other_agency
        self.assertFalse(Request.search([("id", "=", self.request.id)]))

    # ------------------------------------------------------------------------------------------ whitelist
    def test_request_state_dates_result_and_links_change_only_through_actions(self):
        names = ["name", "state", "response_payload", "response_status", "sent_at", "answered_at", "letter_id"]
        before = self._snapshot(self.request, names)
        request = self.request.with_user(self.inquiry_user).with_context(**FORGED)
        for vals in (
            {"state": "failed"},
            {"answered_at": "2030-01-01 00:00:00"},
            {"sent_at": "2030-01-01 00:00:00"},
            {"response_payload": '{"exists": false}'},
            {"response_status": "pending"},
            {"name": "INQ-000001"},
            {"key": "0084575948"},
            {"agency_id": self.other_agency.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                request.write(vals)
        self.assertEqual(self._snapshot(self.request, names), before)

        # create: protected values are refused, forged defaults are ignored, the number comes from the sequence
        Request = self.env["miz.inquiry.request"].with_user(self.inquiry_user).with_context(**FORGED)
        with self.assertRaises(UserError):
            Request.create({"type_id": self.type_person.id, "key": NATIONAL_CODE, "state": "answered"})
        with self.assertRaises(UserError):
            Request.create({"type_id": self.type_person.id, "key": NATIONAL_CODE, "name": "INQ-FORGED"})
        new = Request.create({"type_id": self.type_person.id, "key": NATIONAL_CODE})
        snap = self._snapshot(new, ["name", "state", "answered_at", "agency_id"])
        self.assertEqual(snap["state"], "draft")
        self.assertFalse(snap["answered_at"])
        self.assertTrue(snap["name"].startswith("INQ-"))
        self.assertNotEqual(snap["name"], "INQ-FORGED")
        self.assertEqual(snap["agency_id"][0], self.agency.id)
        # the draft's own fields stay editable; the answer only once it went on paper
        new.write({"key": "0084575948"})
        with self.assertRaises(UserError):
            new.write({"response_payload": "جعلی"})
        self.assertFalse(self._snapshot(new, ["response_payload"])["response_payload"])

    def test_paper_answer_then_frozen(self):
        request = (
            self.env["miz.inquiry.request"]
            .with_user(self.inquiry_user)
            .create({"type_id": self.type_person.id, "key": NATIONAL_CODE})
        )
        request.action_file_paper()
        letter = request.letter_id
        for vals in ({"state": "answered"}, {"letter_id": False}, {"answered_at": fields.Datetime.now()}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                request.with_context(**FORGED).write(vals)
        self.assertEqual(self._snapshot(request, ["letter_id"])["letter_id"][0], letter.id)
        request.write({"response_payload": "فرد وجود دارد."})
        request.action_mark_answered()
        self.assertEqual(request.state, "answered")
        for vals in ({"response_payload": "تغییر"}, {"answered_at": fields.Datetime.now()}, {"state": "paper"}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                request.with_context(**FORGED).write(vals)
        self.assertEqual(self._snapshot(request, ["response_payload"])["response_payload"], "فرد وجود دارد.")

    def test_inbound_log_is_written_by_the_service_and_the_answer_action_only(self):
        names = ["state", "key", "answer", "answered_at", "answered_by_id", "call_count", "letter_id", "partner_id"]
        inbound = self.inbound.with_user(self.answerer).with_context(**FORGED)
        for vals in (
            {"state": "answered"},
            {"answered_by_id": self.inquiry_user.id},
            {"answered_at": "2025-01-01 00:00:00"},
            {"key": "دیپلم جعلی"},
            {"call_count": 0},
            {"partner_id": False},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                inbound.write(vals)
        before = self._snapshot(self.inbound, names)
        self.assertEqual(before["state"], "pending")
        self.assertFalse(before["answered_by_id"])
        inbound.write({"answer": "مدرک معتبر است."})
        inbound.action_answer()
        after = self._snapshot(self.inbound, names)
        self.assertEqual(after["state"], "answered")
        self.assertEqual(after["answered_by_id"][0], self.answerer.id)
        with self.assertRaises(UserError):
            inbound.write({"answer": "مدرک معتبر نیست."})
        with self.assertRaises(UserError):
            inbound.action_answer()
        self.assertEqual(self._snapshot(self.inbound, names), after)

    # ------------------------------------------------------------------------------------------ persons
    def test_secretariat_staff_read_the_person_identity(self):
        partner = self.person.with_user(self.inquiry_user)
        self.assertEqual(partner.read(["miz_national_code"])[0]["miz_national_code"], NATIONAL_CODE)
        self.assertEqual(
            self.env["res.partner"].with_user(self.inquiry_user).search([("miz_national_code", "=", NATIONAL_CODE)]),
            self.person,
        )
