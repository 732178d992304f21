import datetime

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from odoo.addons.miz_khedmat.tests.common import MOBILE, NATIONAL_CODE, T0, pdf_text
from odoo.addons.miz_khedmat.tools import tracking

from ..models.miz_khedmat_online_otp import MAX_ATTEMPTS, SEND_LIMIT_MOBILE
from .common import EXE, PNG, MizKhedmatOnlineSetup, csrf


@tagged("post_install", "-at_install")
class TestOnlineRequest(MizKhedmatOnlineSetup, HttpCase):
    """The online request through the public pages: one-time code read from the SMS queue, uploads checked by
    content, the desk's registration with origin online, the receipt on screen and as PDF."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._miz_online_setup()

    def test_catalog_and_booklet(self):
        page = self.url_open("/miz/services?q=پروانه")
        self.assertEqual(page.status_code, 200)
        self.assertIn("صدور پروانه ساختمان", page.text)
        self.assertNotIn("بازرسی ساختمان", page.text)  # supervision: not a desk service
        self.assertIn('dir="rtl"', page.text)
        self.assertNotIn("خدمت دستگاه دیگر", self.url_open("/miz/services?q=پروانه").text)
        by_code = self.url_open("/miz/services?q=۱۰۰۱۱۲۳۴۰۰۰")  # Persian digits typed
        self.assertIn("صدور پروانه ساختمان", by_code.text)
        booklet = self.url_open(f"/miz/services/{self.service.id}")
        self.assertEqual(booklet.status_code, 200)
        for text in ("شهرسازی", "بررسی نقشه", "درآمد", "سند مالکیت", "استعلام ثبت", "تعرفه عوارض مصوب شورای شهر"):
            self.assertIn(text, booklet.text)
        self.assertIn("۱٬۵۰۰٬۰۰۰", booklet.text)  # the fee in Persian digits
        self.assertIn(f"/miz/services/{self.service.id}/apply", booklet.text)
        self.assertEqual(self.url_open(f"/miz/services/{self.supervision.id}").status_code, 404)
        pdf = self.url_open(f"/miz/services/{self.service.id}/booklet.pdf")
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        self.assertIn("صدور پروانه ساختمان", pdf_text(pdf.content))
        kiosk = self.url_open("/miz/kiosk")
        self.assertIn("url=/miz/kiosk", kiosk.headers.get("Refresh", ""))
        self.assertIn("o_miz_kiosk", kiosk.text)

    def test_full_online_request(self):
        requests_before = self.env["miz.khedmat.request"].search_count([])
        with freeze_time(T0):
            form = self._confirmed_form()
            sms = self._otp_sms()[:1]
            self.assertEqual(sms.number, MOBILE)
            self.assertTrue(sms.to_delete)
            otp = self.env["miz.khedmat.online.otp"].sudo().search([], limit=1)
            self.assertNotIn(self._code_of(sms), otp.code_hash)  # digests only
            self.assertEqual(len(otp.code_hash), 64)
            self.assertIn("پلاک ثبتی", form.text)
            done = self._submit(form, self._documents())
        self.assertEqual(done.status_code, 200, done.text)
        self.assertTrue(done.url.endswith("/miz/online/receipt"), done.url)
        Request = self.env["miz.khedmat.request"]
        self.assertEqual(Request.search_count([]), requests_before + 1)
        request = Request.search([], order="id desc", limit=1)
        self.assertEqual((request.origin, request.channel, request.state), ("online", "electronic", "registered"))
        self.assertEqual(request.partner_id.miz_national_code, NATIONAL_CODE)
        self.assertEqual(request.clerk_id, self.manager)  # the desk's representative receives online requests
        self.assertTrue(tracking.is_valid(request.tracking_code))
        self.assertEqual(request.promised_date, datetime.date(2026, 5, 18))  # the desk's rule: 3 working days
        self.assertEqual(request.letter_id.state, "registered")
        self.assertEqual(request.letter_id.referral_ids.to_unit_id, self.unit_a)
        self.assertEqual(request.online_answer_ids.mapped("value"), ["1234", "مسکونی"])
        received = request.document_ids.filtered("received")
        self.assertEqual(received.mapped("name"), ["سند مالکیت", "نقشه معماری"])
        attachments = received.attachment_ids
        self.assertEqual(len(attachments), 2)
        self.assertEqual(set(attachments.mapped("public")), {False})
        self.assertEqual(set(attachments.mapped("res_model")), {"miz.khedmat.request"})
        self.assertEqual(set(attachments.mapped("mimetype")), {"application/pdf"})
        self.assertEqual(request.letter_id.attachment_ids, attachments)
        # the attachments are not served to anybody else (public user, no token)
        self.opener.cookies.clear()
        self.assertNotEqual(self.url_open(f"/web/content/{attachments[0].id}").status_code, 200)
        registered = self._sms_of(request).filtered(lambda s: request.tracking_code_display in s.body)
        self.assertEqual(len(registered), 1)
        self.assertIn(f"/miz/track/{request.tracking_code}", registered.body)
        # the receipt's QR code opens this addon's tracking page
        values = self.env["report.miz_khedmat.report_receipt"]._get_report_values(request.ids)
        self.assertEqual(
            values["tracking_urls"][request.id], f"{request.get_base_url()}/miz/track/{request.tracking_code}"
        )
        self.assertTrue(values["qr_images"][request.id].startswith("data:image/png;base64,"))
        # the receipt page shows the code
        self.assertIn(request.tracking_code_display.replace("-", "")[:3], tracking.normalize(done.text))
        self.assertIn('id="miz_tracking_code"', done.text)

    def test_receipt_pdf_of_the_session_only(self):
        form = self._confirmed_form()
        self._submit(form, self._documents())
        request = self.env["miz.khedmat.request"].search([("origin", "=", "online")], order="id desc", limit=1)
        pdf = self.url_open("/miz/online/receipt.pdf")
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        text = pdf_text(pdf.content)
        self.assertIn("رسید خدمت", text)
        self.assertIn("صدور پروانه ساختمان", text)
        # another browser (no session) gets no receipt
        self.opener.cookies.clear()
        other = self.url_open("/miz/online/receipt.pdf")
        self.assertNotEqual(other.headers.get("Content-Type"), "application/pdf")
        self.assertTrue(request.tracking_code)

    def test_disguised_exe_refused(self):
        form = self._confirmed_form()
        count = self.env["miz.khedmat.request"].search_count([])
        attachments = self.env["ir.attachment"].search_count([])
        refused = self._submit(form, self._documents(EXE, "نقشه.pdf"))
        self.assertEqual(refused.status_code, 400)
        self.assertIn('id="miz_error"', refused.text)
        self.assertIn("نقشه.pdf", refused.text)
        self.assertIn("PDF", refused.text)
        self.assertEqual(self.env["miz.khedmat.request"].search_count([]), count)
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)
        # a real PNG named .pdf is refused too (name and content disagree), a missing required one as well
        mismatch = self._submit(form, self._documents(PNG, "plan.pdf"))
        self.assertEqual(mismatch.status_code, 400)
        self.assertIn("plan.pdf", mismatch.text)
        deed = self.service.document_ids[0]
        missing = self._submit(form, [(f"doc_{deed.id}", ("سند.pdf", b"%PDF-1.4 x", "application/pdf"))])
        self.assertEqual(missing.status_code, 400)
        self.assertIn("نقشه معماری", missing.text)
        self.assertEqual(self.env["miz.khedmat.request"].search_count([]), count)

    def test_bad_answer_refused(self):
        form = self._confirmed_form()
        refused = self._submit(form, self._documents(), {self.q_plate: "abc", self.q_use: "مسکونی"})
        self.assertEqual(refused.status_code, 400)
        self.assertIn("پلاک ثبتی", refused.text)
        wrong_choice = self._submit(form, self._documents(), {self.q_plate: "12", self.q_use: "صنعتی"})
        self.assertEqual(wrong_choice.status_code, 400)
        self.assertFalse(self.env["miz.khedmat.request"].search([("origin", "=", "online")]))

    def test_otp_brute_force_stopped(self):
        sent = self._identify()
        code = self._code_of(self._otp_sms()[:1])
        wrong = "000000" if code != "000000" else "111111"
        for attempt in range(1, MAX_ATTEMPTS + 1):
            answer = self._verify(wrong, sent)
            self.assertEqual(answer.status_code, 400, attempt)
        otp = self.env["miz.khedmat.online.otp"].sudo().search([], limit=1)
        self.assertEqual((otp.state, otp.attempts), ("blocked", MAX_ATTEMPTS))
        # the right code no longer opens the form
        late = self._verify(code, sent)
        self.assertEqual(late.status_code, 400)
        self.assertNotIn('enctype="multipart/form-data"', late.text)
        self.assertNotIn('enctype="multipart/form-data"', self.url_open(f"/miz/services/{self.service.id}/apply").text)
        otp.invalidate_recordset()
        self.assertEqual(otp.state, "blocked")

    def test_otp_expires(self):
        with freeze_time(T0) as frozen:
            sent = self._identify()
            code = self._code_of(self._otp_sms()[:1])
            frozen.tick(datetime.timedelta(minutes=6))
            late = self._verify(code, sent)
        self.assertEqual(late.status_code, 400)
        self.assertNotIn('enctype="multipart/form-data"', late.text)

    def test_send_rate_limited_per_mobile(self):
        limit = SEND_LIMIT_MOBILE[0]
        for _i in range(limit):
            self.assertEqual(self._identify().status_code, 200)
        refused = self._identify()
        self.assertEqual(refused.status_code, 400)
        self.assertIn('id="miz_error"', refused.text)
        self.assertEqual(len(self._otp_sms()), limit)

    def test_known_citizen_other_mobile_gets_no_code(self):
        self.env["res.partner"].sudo().miz_find_or_create_person(NATIONAL_CODE, {"name": "مریم", "mobile": MOBILE})
        answer = self._identify(mobile="09351112233")
        self.assertEqual(answer.status_code, 200)  # the same page as for anybody
        self.assertIn('name="code"', answer.text)
        self.assertFalse(self._otp_sms("09351112233"))

    def test_csrf_required(self):
        self.url_open(f"/miz/services/{self.service.id}/apply")
        answer = self.url_open(
            "/miz/online/identify",
            data={"service_id": self.service.id, "national_code": NATIONAL_CODE, "mobile": MOBILE, "name": "x"},
        )
        self.assertEqual(answer.status_code, 400)
        self.assertFalse(self._otp_sms())
        self.assertTrue(csrf)
