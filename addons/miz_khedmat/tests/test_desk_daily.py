"""What a clerk does every day: find a request as printed, be warned of a duplicate, cancel a mistake."""

import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from odoo.addons.miz_base.tools import digits

from ..tools import tracking
from .common import T0, MizKhedmatCommon


@tagged("post_install", "-at_install")
class TestDeskDaily(MizKhedmatCommon):
    def _registered(self):
        with freeze_time(T0):
            return self._register(self._new_request())

    # ------------------------------------------------------------------ search
    def test_tracking_code_found_in_every_printed_form(self):
        request = self._registered()
        self._register(self._new_request(applicant_code="0013456784", applicant_name="رضا کریمی"))
        code = request.tracking_code
        printed = tracking.format_code(code)
        Request = self.env["miz.khedmat.request"].with_user(self.clerk)
        for typed in (
            printed,
            digits.to_persian_digits(printed),
            code,
            digits.to_persian_digits(code),
            f"{request.get_base_url()}/miz/track/{code}",
        ):
            with self.subTest(typed=typed):
                self.assertEqual(Request.search([("tracking_code_display", "ilike", typed)]), request)
                self.assertEqual(Request.name_search(typed), [(request.id, request.display_name)])

    def test_applicant_national_code_searchable(self):
        request = self._registered()
        Request = self.env["miz.khedmat.request"].with_user(self.clerk)
        for typed in ("0012345679", "۰۰۱۲۳۴۵۶۷۹"):
            with self.subTest(typed=typed):
                self.assertEqual(Request.search([("applicant_lookup", "=", typed)]), request)
        self.assertFalse(Request.search([("applicant_lookup", "=", "0013456784")]))
        # a code typed with Persian digits at intake is stored with Latin digits
        other = self._new_request(applicant_code="۰۰۱۳۴۵۶۷۸۴", applicant_name="رضا کریمی")
        self.assertEqual(other.applicant_code, "0013456784")

    # ------------------------------------------------------------------ duplicates
    def test_duplicate_request_warns(self):
        first = self._registered()
        second = self._new_request()
        self.assertEqual(second.duplicate_ids, first)
        self.assertEqual(first.duplicate_ids, second)
        with self.assertLogs("odoo.tests.form.onchange", level="WARNING") as logs:
            form = Form(self.env["miz.khedmat.request"].with_user(self.clerk))
            form.applicant_code = "0012345679"
            form.service_id = self.service
        self.assertIn(first.display_name, "\n".join(logs.output))
        # another service, or a finished request, is no duplicate
        other = self._new_request(service_id=self.service_b.id)
        self.assertFalse(other.duplicate_ids)

    # ------------------------------------------------------------------ cancel
    def test_cancel_closes_referrals_and_keeps_the_number(self):
        request = self._registered()
        letter = request.letter_id
        number = letter.name
        referral = request.step_ids[0].referral_id
        wizard = (
            self.env["miz.khedmat.request.cancel"]
            .with_user(self.clerk)
            .create({"request_ids": [(6, 0, request.ids)], "reason": "ثبت اشتباه"})
        )
        with freeze_time(T0 + datetime.timedelta(minutes=10)):
            wizard.action_confirm()
        self.assertEqual(request.state, "cancelled")
        self.assertEqual(request.cancel_reason, "ثبت اشتباه")
        self.assertEqual(request.cancelled_by_id, self.clerk)
        self.assertEqual(request.step_ids.mapped("state"), ["cancelled", "cancelled"])
        self.assertEqual(referral.sudo().state, "done")
        self.assertIn("ثبت اشتباه", referral.sudo().answer)
        self.assertEqual(letter.sudo().name, number)
        self.assertEqual(letter.sudo().handling_state, "closed")
        self.assertEqual(request.tracking_code, request.tracking_code)
        self.assertFalse(request.is_overdue)

    def test_cancel_rights(self):
        request = self._registered()
        request.step_ids[0].with_user(self.rep_a).action_receive()
        # the file reached a unit: the clerk may no longer cancel, the desk manager may
        with self.assertRaises(UserError):
            request.with_user(self.clerk)._miz_cancel("انصراف متقاضی")
        self.assertEqual(request.state, "in_progress")
        with self.assertRaises(UserError):
            request.with_user(self.clerk)._miz_cancel("")
        request.with_user(self.manager)._miz_cancel("انصراف متقاضی")
        self.assertEqual(request.state, "cancelled")
        # a unit representative is no desk clerk
        other = self._registered()
        with self.assertRaises(UserError):
            other.with_user(self.rep_a).with_context(miz_khedmat_internal=True)._miz_cancel("x")
        self.assertEqual(other.state, "registered")

    def test_cancel_refused_after_delivery(self):
        with freeze_time(T0):
            request = self._to_delivered(self._new_request())
        for user in (self.clerk, self.manager):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                request.with_user(user)._miz_cancel("دیر شد")
        self.assertEqual(request.state, "delivered")
        self.assertFalse(request.cancel_reason)

    # ------------------------------------------------------------------ closing
    def test_paper_survey_suppresses_the_online_one(self):
        with freeze_time(T0):
            request = self._to_notified(self._new_request())
        Input = self.env["survey.user_input"]
        rated = Input._miz_rated_questions()
        request._miz_survey_record({q: q.suggested_answer_ids.sorted("answer_score")[-1].id for q in rated})
        sms_before = self._sms_of(request)
        with freeze_time(T0 + datetime.timedelta(hours=1)):
            request.with_user(self.clerk).action_deliver()
        self.assertEqual(request.state, "delivered")
        self.assertEqual(self._sms_of(request), sms_before)  # no survey link sent
        self.assertEqual(len(request.sudo().miz_survey_input_ids), 1)
        with self.assertRaises(UserError):
            request.with_user(self.clerk).action_miz_survey_send()
        # without a paper form, delivery sends the link (one open answer)
        with freeze_time(T0):
            other = self._to_notified(self._new_request(applicant_code="0013456784", applicant_name="رضا کریمی"))
        other.with_user(self.clerk).action_deliver()
        self.assertIn("/survey/start/", self._sms_of(other)[-1].body)
        self.assertEqual(len(other.sudo().miz_survey_input_ids), 1)

    # ------------------------------------------------------------------ reading a file
    def test_terms_shown_as_a_table_and_lateness_per_step(self):
        request = self._registered()
        html = str(request.terms_html)
        self.assertNotIn("{", html)
        for text in ("سند مالکیت", "نقشه معماری", "شهرسازی", "درآمد", "۱,۵۰۰,۰۰۰"):
            with self.subTest(text=text):
                self.assertIn(text, html)
        # unit A's deadline is Thursday 14 May's next working day; it hands on on Tuesday 19 May: late
        step = request.current_step_id
        with freeze_time(datetime.datetime(2026, 5, 19, 6, 0)):
            step.with_user(self.rep_a).action_hand_over()
        self.assertTrue(step.was_late)
        self.assertEqual(step.late_days, (datetime.date(2026, 5, 19) - step.deadline).days)
        self.assertGreater(step.late_days, 0)
