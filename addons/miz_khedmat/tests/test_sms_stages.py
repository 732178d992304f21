from odoo.tests import tagged

from odoo.addons.miz_base.tools import jalali

from .desk2_common import Desk2Common


@tagged("post_install", "-at_install")
class TestSmsStages(Desk2Common):
    def test_registered_sms_with_tracking_code(self):
        request = self._register(self._new_request())
        sms = self._sms_of(request)
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.state, "outgoing")
        self.assertEqual(sms.number, "09171234567")
        self.assertEqual(sms.partner_id, self.citizen)
        self.assertTrue(request.tracking_code)
        self.assertIn(f"کد رهگیری: {request.tracking_code_display}", sms.body)
        self.assertIn("درخواست شما برای خدمت «صدور مجوز آزمایشی» در میز خدمت ثبت شد.", sms.body)
        self.assertIn(f"موعد پاسخ: {jalali.format_date(request.promised_date)}", sms.body)
        self.assertTrue(sms.body.startswith("اداره کل آزمون"))

    def test_deficient_sms_lists_missing_document(self):
        request = self._new_request()
        request.document_ids.filtered(lambda d: d.name == "تصویر کارت ملی").received = True
        request.action_mark_deficient()
        sms = self._sms_of(request)
        self.assertEqual(len(sms), 1)
        self.assertIn("مدارک مورد نیاز: فرم تقاضا", sms.body)
        self.assertNotIn("تصویر کارت ملی", sms.body)

    def test_every_stage(self):
        request = self._to_delivered(self._new_request())
        bodies = self._sms_of(request).mapped("body")
        self.assertEqual(len(bodies), 4, bodies)  # registered, ready, response, survey link
        code = request.tracking_code_display
        self.assertIn("ثبت شد", bodies[0])
        self.assertIn(f"نتیجه درخواست شما با کد رهگیری {code} آماده است.", bodies[1])
        self.assertIn(f"پاسخ درخواست شما با کد رهگیری {code}", bodies[2])
        self.assertIn(jalali.format_date(request.objection_deadline), bodies[2])
        self.assertIn("/survey/start/", bodies[3])
        messages = self.env["mail.message"].search(
            [("model", "=", request._name), ("res_id", "=", request.id), ("message_type", "=", "sms")]
        )
        self.assertEqual(len(messages), 4)

    def test_template_edited_by_manager_is_used(self):
        template = self.env.ref("miz_khedmat.sms_template_miz_khedmat_request_registered")
        template.with_user(self.manager).with_context(lang="fa_IR").body = "کد {{ object.tracking_code_display }}"
        request = self._register(self._new_request())
        self.assertEqual(self._sms_of(request).body, f"کد {request.tracking_code_display}")

    def test_no_mobile_no_sms(self):
        partner = self.env["res.partner"].create({"name": "بی‌شماره", "miz_national_code": "0499370899"})
        request = self._register(self._new_request(partner=partner))
        self.assertFalse(self._sms_of(request))
        notes = self.env["mail.message"].search([("model", "=", request._name), ("res_id", "=", request.id)])
        self.assertTrue(any("SMS" in (m.body or "") or "پیامک" in (m.body or "") for m in notes))
