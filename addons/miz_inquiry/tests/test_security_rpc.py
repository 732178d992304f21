"""Driven as an RPC client would: ``with_user(...)`` plus the public method a JSON-RPC/XML-RPC call reaches, with
the context keys a client can send. Each call must be refused and the record, read back as the superuser, must be
unchanged."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.miz_inquiry.models.miz_inquiry_partner import hash_token

from .common import TOKEN, MizInquiryCommon

FORGED = {
    "miz_khedmat_internal": True,
    "miz_letter_registering": True,
    "default_state": "answered",
    "default_name": "INQ-FORGED",
    "default_answered_at": "2020-01-01 00:00:00",
    "default_answer_code": "VALID",
    "default_agency_id": False,
}


@tagged("post_install", "-at_install")
class TestInquirySecurityRpc(MizInquiryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inquiry_admin = new_test_user(
            cls.env, login="miz_inq_admin", groups="miz_inquiry.group_miz_inquiry_manager"
        )
        cls.unit.member_ids = [Command.link(cls.inquiry_admin.id)]
        cls.sysadmin = new_test_user(
            cls.env, login="miz_inq_sysadmin", groups="base.group_system,miz_inquiry.group_miz_inquiry_manager"
        )
        cls.outsider = new_test_user(cls.env, login="miz_inq_outsider", groups="miz_inquiry.group_miz_inquiry_user")
        cls.env["miz.org.unit"].create(
            {
                "name": "واحد دستگاه دیگر",
                "agency_id": cls.other_agency.id,
                "member_ids": [Command.set(cls.outsider.ids)],
            }
        )
        cls.request = (
            cls.env["miz.inquiry.request"]
            .with_user(cls.inquiry_user)
            .create({"type_id": cls.type_letter.id, "purpose_ref": "1404-KH-9"})
        )
        cls.inbound = (
            cls.env["miz.inquiry.inbound"]
            .sudo()
            .create(
                {
                    "type_id": cls.type_manual.id,
                    "agency_id": cls.agency.id,
                    "partner_id": cls.caller.id,
                    "request_id": "edu-00000001",
                    "purpose_ref": "X-1",
                }
            )
        )

    def _snapshot(self, record, names):
        record.invalidate_recordset()
        return record.sudo().read(names)[0]

    def test_inquiry_admin_cannot_generate_or_set_a_secret(self):
        partner = self.caller.with_user(self.inquiry_admin).with_context(**FORGED)
        with self.assertRaises(AccessError):
            partner.action_generate_token()
        with self.assertRaises(AccessError):
            partner.write({"new_token": "a-secret-the-admin-chose-0123456789abc"})
        self.caller.invalidate_recordset()
        self.assertEqual(self.caller.sudo().token_hash, hash_token(TOKEN))

    def test_other_agency_neither_reads_nor_acts_on_our_inquiries(self):
        Request = self.env["miz.inquiry.request"].with_user(self.outsider).with_context(**FORGED)
        self.assertFalse(Request.search([("id", "=", self.request.id)]))
        with self.assertRaises(AccessError):
            self.request.with_user(self.outsider).read(["answer_text"])
        with self.assertRaises(AccessError):
            self.request.with_user(self.outsider).with_context(**FORGED).action_send_now()
        with self.assertRaises(AccessError):
            self.inbound.with_user(self.outsider).read(["purpose_ref"])
        self.inbound.sudo().reject_reason = "بی‌اساس"
        with self.assertRaises(AccessError):
            self.inbound.with_user(self.outsider).with_context(**FORGED).action_reject()
        self.assertEqual(self._snapshot(self.inbound, ["state"])["state"], "received")
        self.assertEqual(
            self.env["miz.inquiry.inbound"].with_user(self.answerer).search([("id", "=", self.inbound.id)]),
            self.inbound,
        )

    def test_request_answer_and_queue_fields_change_only_through_the_queue(self):
        names = ["name", "state", "answer_code", "answered_at", "attempt_count", "next_attempt_at", "request_uuid"]
        before = self._snapshot(self.request, names)
        request = self.request.with_user(self.inquiry_user).with_context(**FORGED)
        for vals in (
            {"state": "answered"},
            {"answer_code": "VALID"},
            {"answered_at": "2030-01-01 00:00:00"},
            {"attempt_count": 0},
            {"next_attempt_at": "2030-01-01 00:00:00"},
            {"request_uuid": "forged-uuid-0001"},
            {"agency_id": self.other_agency.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                request.write(vals)
        self.assertEqual(self._snapshot(self.request, names), before)
        Request = self.env["miz.inquiry.request"].with_user(self.inquiry_user).with_context(**FORGED)
        with self.assertRaises(UserError):
            Request.create({"type_id": self.type_letter.id, "purpose_ref": "p", "state": "answered"})
        new = Request.create({"type_id": self.type_letter.id, "purpose_ref": "p"})
        snap = self._snapshot(new, ["name", "state", "answered_at", "agency_id", "answer_code"])
        self.assertEqual((snap["state"], snap["answered_at"], snap["answer_code"]), ("queued", False, False))
        self.assertNotEqual(snap["name"], "INQ-FORGED")
        self.assertEqual(snap["agency_id"][0], self.agency.id)
        new.write({"purpose_ref": "p2"})  # a queued, never sent inquiry stays editable

    def test_inbound_is_written_by_the_service_and_its_actions_only(self):
        inbound = self.inbound.with_user(self.answerer).with_context(**FORGED)
        for vals in ({"state": "answered"}, {"answer_code": "VALID"}, {"partner_id": False}, {"purpose_ref": "x"}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                inbound.write(vals)
        with self.assertRaises(UserError):
            inbound.action_reject()  # no reason yet
        inbound.write({"reject_reason": "مدرک در سامانه نیست."})
        inbound.action_reject()
        after = self._snapshot(self.inbound, ["state", "answer_code", "answer_text"])
        self.assertEqual((after["state"], after["answer_code"]), ("rejected", "REJECTED"))
        with self.assertRaises(UserError):
            inbound.write({"reject_reason": "دیگر"})
