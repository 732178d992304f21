"""The units' side as the seed describes it: the daily hand-over at a set hour with one sheet, sending a file back,
back to the desk for a missing document (the promise clock pauses), assigning a file to a staff member."""

import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.miz_base.tools import digits

from .common import T0, MizKhedmatCommon, tehran


@tagged("post_install", "-at_install")
class TestDeskRouting(MizKhedmatCommon):
    def _registered(self, **vals):
        with freeze_time(T0):
            return self._register(self._new_request(**vals))

    # ------------------------------------------------------------------ the daily hand-over
    def test_daily_hand_over_at_the_units_hour_makes_one_sheet(self):
        self.unit_a.miz_handover_hour = 13.0
        first = self._registered()
        second = self._registered(applicant_code="0013456784", applicant_name="رضا کریمی")
        third = self._registered(applicant_code="0012345679", service_id=self.service_b.id)
        with freeze_time(tehran(datetime.date(2026, 5, 13), 10)):  # Wednesday 10:00 in Tehran
            (first | second).step_ids.filtered(lambda s: s.state == "active").with_user(
                self.rep_a
            ).action_queue_hand_over()
        queued = (first | second).step_ids.filtered("handover_queued")
        self.assertEqual(len(queued), 2)
        Batch = self.env["miz.khedmat.handover.batch"]
        with freeze_time(tehran(datetime.date(2026, 5, 13), 12, 50)):
            Batch._cron_hand_over_queued()
        self.assertEqual((first | second).mapped("current_unit_id"), self.unit_a)
        with freeze_time(tehran(datetime.date(2026, 5, 13), 13, 5)):
            Batch._cron_hand_over_queued()
        self.assertEqual((first | second).mapped("current_unit_id"), self.unit_b)
        self.assertEqual(third.current_unit_id, self.unit_a)  # not queued: stays
        batch = Batch.search([("from_unit_id", "=", self.unit_a.id)])
        self.assertEqual(len(batch), 1)
        self.assertTrue(batch.scheduled)
        self.assertEqual(batch.user_id, self.rep_a)
        self.assertEqual(batch.handover_ids.request_id, first | second)
        self.assertFalse((first | second).step_ids.filtered("handover_queued"))
        html = (
            self.env["ir.actions.report"]
            .with_context(lang="fa_IR")
            ._render_qweb_html("miz_khedmat.action_report_handover_batch", batch.ids)[0]
            .decode()
        )
        printed = digits.to_latin_digits(html).replace("-", "")
        for request in first | second:
            self.assertIn(request.tracking_code, printed)
        self.assertNotIn(third.tracking_code, printed)
        self.assertEqual(printed.count("<tr>") - 1, 2)  # the header row and exactly the two files

    def test_queue_needs_the_units_hour_and_its_representative(self):
        request = self._registered()
        step = request.current_step_id
        with self.assertRaises(UserError):
            step.with_user(self.rep_a).action_queue_hand_over()  # unit A has no hand-over hour
        self.unit_a.miz_handover_hour = 13.0
        with self.assertRaises(UserError):
            step.with_user(self.rep_b).action_queue_hand_over()
        with self.assertRaises(UserError):
            step.with_user(self.rep_a).write({"handover_queued": True})
        self.assertFalse(step.handover_queued)

    def test_bulk_hand_over_is_one_batch(self):
        requests = self._registered() | self._registered(applicant_code="0013456784", applicant_name="رضا کریمی")
        with freeze_time(T0 + datetime.timedelta(hours=1)):
            action = requests.current_step_id.with_user(self.rep_a).action_hand_over()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn(self.unit_b.name, action["params"]["message"])
        batch = self.env["miz.khedmat.handover.batch"].search([("from_unit_id", "=", self.unit_a.id)])
        self.assertEqual(len(batch), 1)
        self.assertEqual(batch.handover_ids.request_id, requests)
        self.assertFalse(batch.scheduled)

    # ------------------------------------------------------------------ back and forth
    def test_send_back_to_the_previous_unit(self):
        request = self._registered()
        with freeze_time(T0 + datetime.timedelta(hours=1)):
            request.with_user(self.rep_a).action_hand_over()
        step_a, step_b = request.step_ids.sorted("sequence")
        with self.assertRaises(UserError):
            step_b.with_user(self.rep_b).action_send_back()  # no reason written
        step_b.with_user(self.rep_b).write({"note": "نقشه امضای مهندس ناظر ندارد"})
        with freeze_time(T0 + datetime.timedelta(hours=2)):
            step_b.with_user(self.rep_b).action_send_back()
        self.assertEqual((step_a.state, step_b.state), ("active", "waiting"))
        self.assertEqual(request.current_unit_id, self.unit_a)
        self.assertEqual(step_a.referral_id.sudo().to_user_id, self.rep_a)
        self.assertEqual(request.handover_ids.sorted("id")[-1].to_unit_id, self.unit_a)
        with freeze_time(T0 + datetime.timedelta(hours=3)):
            step_a.with_user(self.rep_a).action_hand_over()
        self.assertEqual((step_a.state, step_b.state), ("done", "active"))
        # the first unit has no previous unit
        other = self._registered(applicant_code="0013456784", applicant_name="رضا کریمی")
        first = other.current_step_id
        first.with_user(self.rep_a).write({"note": "x"})
        with self.assertRaises(UserError):
            first.with_user(self.rep_a).action_send_back()

    def test_back_to_the_desk_pauses_the_promise(self):
        request = self._registered()  # Tuesday 12 May, promised Monday 18 May
        self.assertEqual(request.promised_date, datetime.date(2026, 5, 18))
        step = request.current_step_id
        step.with_user(self.rep_a).write({"note": "گواهی پایان کار قبلی"})
        with freeze_time(tehran(datetime.date(2026, 5, 13), 9)):  # Wednesday
            step.with_user(self.rep_a).action_back_to_desk()
        self.assertTrue(request.paused_since)
        self.assertIn("گواهی پایان کار قبلی", request.missing_document_names)
        sms = self._sms_of(request).filtered(lambda s: "گواهی پایان کار قبلی" in (s.body or ""))
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.number, "09121234567")
        with freeze_time(tehran(datetime.date(2026, 5, 20), 9)):  # past the promise, but the clock is paused
            request.invalidate_recordset(["is_overdue"])
            self.assertFalse(request.is_overdue)
            self.assertFalse(
                self.env["miz.khedmat.request"].search([("id", "=", request.id), ("is_overdue", "=", True)])
            )
            self.assertTrue(
                self.env["miz.khedmat.request"].search([("id", "=", request.id), ("is_overdue", "=", False)])
            )
        with self.assertRaises(UserError):
            request.with_user(self.rep_a).action_resume_documents()  # the desk receives documents
        # Sunday 17 May: Thursday and Friday are closed and Saturday 16 May is a holiday → 1 working day waited
        with freeze_time(tehran(datetime.date(2026, 5, 17), 10)):
            request.with_user(self.clerk).action_resume_documents()
        self.assertFalse(request.paused_since)
        self.assertEqual(request.paused_days, 1)
        self.assertEqual(request.promised_date, datetime.date(2026, 5, 19))
        self.assertFalse(request.missing_count)
        self.assertEqual(request.current_unit_id, self.unit_a)
        self.assertEqual(request.handover_ids.sorted("id")[-1].kind, "desk_to_unit")

    # ------------------------------------------------------------------ inside the unit
    def test_assign_to_a_staff_member_of_the_unit(self):
        request = self._registered()
        step = request.current_step_id
        with self.assertRaises(UserError):
            step.with_user(self.rep_a).action_assign(self.outsider.id)
        step.with_user(self.rep_a).action_assign(self.staff_a.id)
        self.assertEqual(step.assigned_user_id, self.staff_a)
        child = step.referral_id.sudo().child_ids
        self.assertEqual(child.to_user_id, self.staff_a)
        self.assertEqual(child.from_user_id, self.rep_a)
        with self.assertRaises(UserError):
            step.with_user(self.staff_a).action_assign(self.staff_a.id)

    def test_result_recorded_on_the_last_step(self):
        request = self._registered()
        with freeze_time(T0 + datetime.timedelta(hours=1)):
            request.with_user(self.rep_a).action_hand_over()
        first, last = request.step_ids.sorted("sequence")
        self.assertTrue(last.is_last)
        self.assertFalse(first.is_last)
        with self.assertRaises(UserError):  # AccessError or the whitelist's UserError
            first.with_user(self.rep_a).write({"result": "approved"})
        last.with_user(self.rep_b).write({"result": "approved", "result_note": "پروانه صادر شد"})
        self.assertEqual(request.result, "approved")
        with freeze_time(T0 + datetime.timedelta(hours=2)):
            last.with_user(self.rep_b).action_hand_over()
        self.assertEqual(request.state, "result")
