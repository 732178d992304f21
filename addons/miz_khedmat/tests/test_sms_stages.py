import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from ..tools import tracking
from .common import MOBILE, T0, MizKhedmatCommon, tehran

AGENCY = "شهرداری آزمون"
SERVICE = "صدور پروانه ساختمان"


@tagged("post_install", "-at_install")
class TestSmsStages(MizKhedmatCommon):
    """The SMS of each stage: its exact body (the desk's Persian templates filled with the request's values), the
    recipient's number and partner, queued once."""

    def assertSms(self, sms, body):
        self.assertEqual(len(sms), 1, sms.mapped("body"))
        self.assertEqual(sms.body, body)
        self.assertEqual(sms.number, MOBILE)
        self.assertEqual(sms.partner_id.miz_national_code, "0012345679")
        self.assertEqual(sms.state, "outgoing")

    def _online(self):
        return self.env["ir.module.module"]._get("miz_khedmat_online").state == "installed"

    def _link(self, request):
        """The tracking link ending an SMS after registration, only where the electronic desk serves the page."""
        return f"\nپیگیری: {request.get_base_url()}/miz/track/{request.tracking_code}" if self._online() else ""

    def test_registered_sms_with_tracking_code(self):
        with freeze_time(T0):
            request = self._register(self._new_request())
        code = request.tracking_code_display
        self.assertEqual(code, tracking.format_code(request.tracking_code))
        self.assertSms(
            self._sms_of(request),
            f"{AGENCY}\n"
            f"درخواست شما برای خدمت «{SERVICE}» در میز خدمت ثبت شد.\n"
            f"کد رهگیری: {code}\n"
            "موعد پاسخ: ۱۴۰۵/۰۲/۲۸"  # Monday 18 May 2026, three working days after Tuesday 12 May
            # the tracking link only where the electronic desk serves a public tracking page
            + (f"\nپیگیری: {request.get_base_url()}/miz/track/{request.tracking_code}" if self._online() else ""),
        )

    def test_deficient_sms_lists_missing_document(self):
        request = self._new_request()
        request.document_ids.filtered(lambda d: d.name == "سند مالکیت").received = True
        request.action_mark_deficient()
        self.assertSms(
            self._sms_of(request),
            f"{AGENCY}\n"
            f"مدارک درخواست شما برای خدمت «{SERVICE}» کامل نیست.\n"
            "مدارک مورد نیاز: نقشه معماری\n"
            "لطفاً برای تکمیل مدارک به میز خدمت مراجعه فرمایید.",
        )

    def test_every_stage(self):
        with freeze_time(T0) as frozen:
            request = self._register(self._new_request())
            frozen.move_to(tehran(datetime.date(2026, 5, 13), 10))
            self._handle(request)
            request.action_notify_response()  # Wednesday 13 May: objection until Saturday 23 May (1405/03/02)
            frozen.move_to(tehran(datetime.date(2026, 5, 17), 10))
            request.action_deliver()
        sms = self._sms_of(request)
        self.assertEqual(len(sms), 4, sms.mapped("body"))  # registered, ready, response, survey link
        registered, ready, response, survey = sms
        code = request.tracking_code_display
        self.assertIn(f"کد رهگیری: {code}\nموعد پاسخ: ۱۴۰۵/۰۲/۲۸", registered.body)
        self.assertSms(
            ready,
            f"{AGENCY}\n"
            f"نتیجه درخواست شما با کد رهگیری {code} آماده است.\n"
            "لطفاً برای دریافت آن به میز خدمت مراجعه فرمایید." + self._link(request),
        )
        self.assertEqual(request.objection_deadline, datetime.date(2026, 5, 23))
        # the result word is the Persian label of the result code, whatever the clerk's language
        result = request.with_context(lang="fa_IR")._miz_sms_result()
        self.assertNotEqual(result, "approved")
        self.assertSms(
            response,
            f"{AGENCY}\n"
            f"پاسخ درخواست شما با کد رهگیری {code}: {result}\n"
            "در صورت اعتراض تا ۱۴۰۵/۰۳/۰۲ به میز خدمت مراجعه فرمایید." + self._link(request),
        )
        link = request.sudo().miz_survey_input_ids.filtered(lambda i: i.miz_entry_mode == "link")
        self.assertEqual(len(link), 1)
        self.assertSms(
            survey,
            f"{AGENCY}\n"
            f"شهروند گرامی، با اعلام میزان رضایت خود از خدمت «{SERVICE}» (کد رهگیری {code}) ما را یاری فرمایید:\n"
            f"{request.get_base_url()}/survey/start/{link.survey_id.access_token}?answer_token={link.access_token}",
        )
        messages = self.env["mail.message"].search(
            [("model", "=", request._name), ("res_id", "=", request.id), ("message_type", "=", "sms")]
        )
        self.assertEqual(sorted(messages.ids), sorted(sms.mail_message_id.ids))

    def test_template_edited_by_manager_is_used(self):
        template = self.env.ref("miz_khedmat.sms_template_miz_khedmat_request_registered")
        template.with_user(self.manager).with_context(lang="fa_IR").body = "کد {{ object.tracking_code_display }}"
        request = self._register(self._new_request())
        self.assertSms(self._sms_of(request), f"کد {request.tracking_code_display}")

    def test_no_mobile_no_sms(self):
        request = self._register(self._new_request(applicant_code="0499370899", applicant_mobile=False))
        self.assertFalse(request.partner_id.mobile)
        self.assertFalse(self._sms_of(request))
        # a note on the request names the SMS that was not sent
        template = self.env.ref("miz_khedmat.sms_template_miz_khedmat_request_registered")
        notes = self.env["mail.message"].search(
            [
                ("model", "=", request._name),
                ("res_id", "=", request.id),
                ("subtype_id", "=", self.env.ref("mail.mt_note").id),
            ]
        )
        name = template.with_context(lang=request.env.lang).name
        self.assertEqual(len(notes.filtered(lambda m: name in m.body)), 1, notes.mapped("body"))
