import json

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.miz_inquiry.tools import soap
from odoo.addons.miz_khedmat.tests.common import NATIONAL_CODE, OTHER_NATIONAL_CODE, MizKhedmatCommon

TOKEN = "test-secret-of-the-caller-0123456789abcdef"


@tagged("post_install", "-at_install")
class TestDeskInquiry(MizKhedmatCommon):
    """The desk asks the inquiries its services need, waits for them before notifying, and answers the status of
    its requests to other agencies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.module.module"]._load_module_terms(
            ["miz_inquiry", "miz_khedmat_inquiry"], ["fa_IR"], overwrite=True
        )
        Type = cls.env["miz.inquiry.type"]
        common = {
            "direction": "outbound",
            "agency_id": cls.agency.id,
            "provider_agency_id": cls.other_agency.id,
            "requester_code": "T-KHEDMAT-1",
            "sla_days": 3,
        }
        cls.type_police = Type.create(
            {
                **common,
                "name": "گواهی عدم سوء پیشینه",
                "code": "police.clearance",
                "endpoint_url": "http://127.0.0.1:9/miz/inquiry/soap",
                "param_ids": [Command.create({"name": "trackingCode"}), Command.create({"name": "other"})],
            }
        )
        cls.type_paper = Type.create({**common, "name": "استعلام ثبت اسناد", "code": "sabt.deed"})
        cls.service.inquiry_type_ids = cls.type_police | cls.type_paper
        # the status of our desk requests, answered automatically to the other agency
        cls.type_status = Type.create(
            {
                "name": "وضعیت درخواست میز خدمت",
                "code": "desk.status",
                "direction": "inbound",
                "agency_id": cls.agency.id,
                "answer_kind": "desk_request_status",
                "subject_required": True,
                "param_ids": [Command.create({"name": "trackingCode"})],
            }
        )
        cls.caller = cls.env["miz.inquiry.partner"].create(
            {
                "agency_id": cls.other_agency.id,
                "agency_code": "T-KHEDMAT-2",
                "new_token": TOKEN,
                "type_ids": [Command.set(cls.type_status.ids)],
            }
        )

    def _answer(self, inquiry, code="CLEAR", text="سابقه‌ای ندارد."):
        """What the queue does with an ANSWERED reply of the responding agency."""
        inquiry.sudo()._miz_apply_answer(
            {
                "inquiry_id": "INB-000001",
                "status": "ANSWERED",
                "result": {"code": code, "text": text, "values": [], "answered_at": None},
            },
            fields.Datetime.now(),
        )

    # ------------------------------------------------------------------ registration
    def test_registration_sends_one_queued_inquiry_per_type(self):
        request = self._register(self._new_request())
        inquiries = request.sudo().inquiry_ids
        self.assertEqual(len(inquiries), 2)
        self.assertEqual(inquiries.type_id, self.type_police | self.type_paper)
        by_type = {inquiry.type_id: inquiry for inquiry in inquiries}
        police, paper = by_type[self.type_police], by_type[self.type_paper]
        self.assertEqual((police.state, paper.state), ("queued", "paper_needed"))
        for inquiry in inquiries:
            self.assertEqual(inquiry.purpose_ref, request.tracking_code)
            self.assertEqual(inquiry.origin_ref, request)
            self.assertEqual(inquiry.subject_national_id, NATIONAL_CODE)
            self.assertEqual(inquiry.agency_id, self.agency)
            self.assertEqual(inquiry.create_uid, self.clerk)  # the overdue activity goes to the clerk
        self.assertEqual(
            [(p.name, p.value) for p in police.param_ids], [("trackingCode", request.tracking_code), ("other", "")]
        )
        self.assertTrue(police.next_attempt_at)  # the cron sends it; nothing was sent during registration
        self.assertEqual(police.attempt_count, 0)
        self.assertEqual((request.inquiry_count, request.inquiry_pending_count), (2, 2))
        # the clerk reads them on the request; the terms keep the types
        self.assertEqual(request.with_user(self.clerk).inquiry_ids, inquiries)
        terms = json.loads(request.terms_snapshot)
        self.assertEqual(sorted(t["code"] for t in terms["inquiry_types"]), ["police.clearance", "sabt.deed"])
        # a service without inquiry types sends none
        other = self._register(self._new_request(service_id=self.service_b.id, applicant_code=OTHER_NATIONAL_CODE))
        self.assertFalse(other.sudo().inquiry_ids)

    def test_inquiry_types_change_the_terms_version(self):
        version = self.service.terms_version
        self.service.inquiry_type_ids = self.type_police
        self.assertEqual(self.service.terms_version, version + 1)

    def test_nobody_links_an_inquiry_to_a_desk_request(self):
        request = self._register(self._new_request())
        officer = self.env["res.users"].create(
            {
                "name": "مسئول استعلام",
                "login": "miz_kinq_officer",
                "groups_id": [Command.set(self.env.ref("miz_inquiry.group_miz_inquiry_user").ids)],
            }
        )
        self.desk_unit.member_ids |= officer
        with self.assertRaises(UserError):
            self.env["miz.inquiry.request"].with_user(officer).create(
                {"type_id": self.type_police.id, "purpose_ref": "X", "khedmat_request_id": request.id}
            )
        self.assertEqual(len(request.sudo().inquiry_ids), 2)

    # ------------------------------------------------------------------ response
    def test_notify_refused_while_unanswered_then_allowed(self):
        request = self._to_result(self._new_request())
        with self.assertRaisesRegex(UserError, "استعلام‌های زیر هنوز پاسخ داده نشده"):
            request.with_context(lang="fa_IR").action_notify_response()
        self.assertEqual(request.state, "result")
        police, paper = request.sudo().inquiry_ids.sorted(lambda i: i.type_id != self.type_police)
        self._answer(police)
        with self.assertRaises(UserError):
            request.action_notify_response()
        self.assertEqual(request.state, "result")
        # the answer is posted on the request's chatter
        self.assertIn("سابقه‌ای ندارد.", request.message_ids[0].body)
        self.assertIn(police.name, request.message_ids[0].body)
        self._answer(paper, code="ANSWERED_BY_LETTER", text="ملک در رهن نیست.")
        self.assertEqual(request.inquiry_pending_count, 0)
        request.action_notify_response()
        self.assertEqual(request.state, "notified")

    def test_rejected_inquiry_still_holds_the_response(self):
        request = self._to_result(self._new_request())
        for inquiry in request.sudo().inquiry_ids:
            inquiry._miz_apply_answer(
                {"inquiry_id": "INB-2", "status": "REJECTED", "result": {"code": "REJECTED", "text": "نامشخص"}},
                fields.Datetime.now(),
            )
        with self.assertRaises(UserError):
            request.action_notify_response()
        self.assertEqual(request.state, "result")

    def test_manager_waives_a_clerk_cannot(self):
        request = self._to_result(self._new_request())
        forged = {"miz_inquiry_waiver": True, "default_inquiry_waived_by_id": self.clerk.id}
        with self.assertRaises(AccessError):
            request.with_user(self.clerk).with_context(**forged).action_waive_inquiries("عجله دارد")
        with self.assertRaises(UserError):
            request.with_user(self.clerk).write({"inquiry_waived_date": fields.Datetime.now()})
        request.invalidate_recordset()
        check = request.sudo()
        self.assertEqual(
            (check.inquiry_waiver_reason, check.inquiry_waived_by_id.id, check.inquiry_waived_date), (False,) * 3
        )
        with self.assertRaises(UserError):
            request.with_user(self.clerk).action_notify_response()
        # a manager must give the reason
        with self.assertRaises(UserError):
            request.with_user(self.manager).action_waive_inquiries("  ")
        self.assertFalse(check.inquiry_waived_date)
        # through the wizard of the form
        wizard = (
            self.env["miz.khedmat.inquiry.waive"]
            .with_user(self.manager)
            .with_context(tracking_disable=False, mail_notrack=False)  # BaseCommon disables tracking
            .create({"request_id": request.id, "reason": "متقاضی گواهی را خود آورده است."})
        )
        wizard.action_confirm()
        self.env.flush_all()
        self.env.cr.precommit.run()  # the tracking values are written at commit
        request.invalidate_recordset()
        self.assertEqual(check.inquiry_waiver_reason, "متقاضی گواهی را خود آورده است.")
        self.assertEqual(check.inquiry_waived_by_id, self.manager)
        self.assertTrue(check.inquiry_waived_date)
        self.assertEqual(
            len(request.sudo().message_ids.filtered(lambda m: "متقاضی گواهی را خود آورده است." in m.body)), 1
        )
        # the waiver is tracked (reason and manager in the tracking values)
        tracked = request.sudo().message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("inquiry_waiver_reason", tracked)
        self.assertIn("inquiry_waived_by_id", tracked)
        request.with_user(self.clerk).action_notify_response()
        self.assertEqual(request.state, "notified")

    # ------------------------------------------------------------------ we answer: the desk status
    def _ask_status(self, tracking_code, national_code, request_id):
        security = soap.build_security("T-KHEDMAT-2", TOKEN)
        data = soap.build_submit(
            {
                "requestId": request_id,
                "requesterAgencyCode": "T-KHEDMAT-2",
                "inquiryType": "desk.status",
                "subjectNationalId": national_code,
                "purposeRef": "1405-PRV-9",
            },
            [("trackingCode", tracking_code)],
            security,
        )
        status, body = self.env["miz.inquiry.inbound"]._miz_soap_dispatch(data, "127.0.0.1")
        self.assertEqual(status, 200, body[:400])
        return soap.parse_response(body)

    def test_status_answer_right_pair_and_one_answer_for_wrong_pairs(self):
        request = self._register(self._new_request())
        other = self._register(self._new_request(service_id=self.service_b.id, applicant_code=OTHER_NATIONAL_CODE))
        answer = self._ask_status(request.tracking_code, NATIONAL_CODE, "status-000001")
        self.assertEqual(answer["status"], "ANSWERED")
        self.assertEqual(answer["result"]["code"], "FOUND")
        values = dict(answer["result"]["values"])
        self.assertEqual(values["trackingCode"], request.tracking_code)
        self.assertEqual(values["state"], "registered")
        self.assertEqual(values["serviceCode"], "10011234000")
        self.assertRegex(values["promisedDate"], r"^14\d\d/\d\d/\d\d$")
        self.assertNotIn("مریم احمدی", json.dumps(answer["result"], ensure_ascii=False, default=str))
        # the printed code (dashes, Persian digits) is the same code
        printed = request.tracking_code_display.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
        self.assertEqual(self._ask_status(printed, NATIONAL_CODE, "status-000002")["result"]["code"], "FOUND")
        wrong = [
            self._ask_status(request.tracking_code, OTHER_NATIONAL_CODE, "status-000003"),  # another's code
            self._ask_status(other.tracking_code, NATIONAL_CODE, "status-000004"),  # another's request
            self._ask_status("12345678901", NATIONAL_CODE, "status-000005"),  # no such request
        ]
        for answer in wrong:
            self.assertEqual(answer["status"], "ANSWERED")
            self.assertEqual(answer["result"]["values"], [])
        self.assertEqual({a["result"]["code"] for a in wrong}, {"NOT_FOUND"})
        self.assertEqual(len({a["result"]["text"] for a in wrong}), 1)
        # a cancelled request still answers its status (the caller learns it was cancelled)
        request.sudo().write({"state": "cancelled"})
        self.assertEqual(
            self._ask_status(request.tracking_code, NATIONAL_CODE, "status-000006")["result"]["code"], "FOUND"
        )
