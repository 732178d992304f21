import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.miz_base.tools import digits

from ..tools import tracking
from .common import HOLIDAY, T0, MizKhedmatSetup, pdf_text


def fa(value):
    return digits.to_persian_digits(value)


@tagged("post_install", "-at_install")
class TestDeskFlow(MizKhedmatSetup, HttpCase):
    """The whole story of seed 001, one user per role, PDFs read back with pdftotext.

    HttpCase: wkhtmltopdf fetches the report CSS and fonts from this test server.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._miz_setup()

    def _pdf(self, xmlid, records):
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(self.clerk)
            .with_context(force_report_rendering=True, lang="fa_IR", tz="Asia/Tehran")
            ._render_qweb_pdf(xmlid, records.ids)
        )
        self.assertEqual(kind, "pdf")
        return pdf_text(pdf)

    def test_end_to_end(self):
        Request = self.env["miz.khedmat.request"]
        partners_before = self.env["res.partner"].search_count([("miz_national_code", "=", "0012345679")])
        self.assertEqual(partners_before, 0)
        # ---- intake: the plan is missing → deficient, the notice lists it
        with freeze_time(T0):
            request = self._new_request()
            self.assertEqual(request.partner_id.miz_national_code, "0012345679")
            self.assertEqual(len(request.document_ids), 3)
            request.document_ids.filtered(lambda d: d.name == "سند مالکیت").received = True
            self.assertEqual(request.missing_document_names, "نقشه معماری")
            action = request.with_user(self.clerk).action_intake()
            self.assertEqual(action["report_name"], "miz_khedmat.report_deficiency_notice")
            self.assertEqual(request.state, "deficient")
            self.assertFalse(request.promised_date)
            self.assertFalse(request.tracking_code)
        text = self._pdf("miz_khedmat.action_report_deficiency_notice", request)
        self.assertIn("اعلام نقص مدارک", text)
        self.assertIn("نقشه معماری", text)
        self.assertIn("مریم احمدی", text)
        self.assertIn("شهرداری آزمون", text)

        # ---- completion and registration (Tuesday; Thursday, Friday and the Saturday holiday are skipped)
        with freeze_time(T0 + datetime.timedelta(hours=1)):
            request.with_user(self.clerk).document_ids.write({"received": True})
            action = request.with_user(self.clerk).action_intake()
            self.assertEqual(action["report_name"], "miz_khedmat.report_receipt")
        self.assertEqual(request.state, "registered")
        self.assertTrue(tracking.is_valid(request.tracking_code))
        self.assertEqual(request.promised_date, datetime.date(2026, 5, 18))
        self.assertTrue(self.agency.is_working_day(datetime.date(2026, 5, 17)))
        self.assertFalse(self.agency.is_working_day(HOLIDAY))
        letter = request.letter_id
        self.assertEqual(letter.state, "registered")
        self.assertTrue(letter.name)
        self.assertEqual(letter.sender_partner_id, request.partner_id)
        self.assertEqual(letter.kind, "incoming")
        self.assertEqual(letter.referral_ids.to_user_id, self.rep_a)
        self.assertEqual(letter.referral_ids.to_unit_id, self.unit_a)
        self.assertEqual(request.step_ids.mapped("unit_id"), self.unit_a | self.unit_b)
        self.assertEqual(request.step_ids.mapped("state"), ["active", "waiting"])
        self.assertEqual(request.current_unit_id, self.unit_a)
        # Wed 13 + Sun 17 (Thu/Fri off, Sat holiday) → deadline of the first unit: two working days
        self.assertEqual(request.step_ids[0].deadline, datetime.date(2026, 5, 17))
        terms = request._miz_terms_dict()
        self.assertEqual(terms["promised_days"], 3)
        self.assertEqual([r["unit"] for r in terms["routing"]], ["شهرسازی", "درآمد"])
        sms = self.env["sms.sms"].sudo().search([("partner_id", "=", request.partner_id.id)])
        registered_sms = sms.filtered(lambda s: tracking.format_code(request.tracking_code) in s.body)
        self.assertEqual(len(registered_sms), 1, sms.mapped("body"))
        self.assertIn(registered_sms.state, ("outgoing", "pending", "sent"))
        self.assertEqual(registered_sms.number[-10:], "9121234567")
        handover = request.handover_ids
        self.assertEqual(handover.kind, "desk_to_unit")
        self.assertEqual((handover.from_user_id, handover.to_user_id), (self.clerk, self.rep_a))
        text = self._pdf("miz_khedmat.action_report_receipt", request)
        self.assertIn("رسید خدمت", text)
        self.assertIn(fa(request.tracking_code[:5]), text)
        self.assertIn("شماره نامه دبیرخانه", text)
        self.assertIn("صدور پروانه ساختمان", text)
        self.assertIn(fa("10011234000"), text)
        self.assertIn("سند مالکیت", text)
        self.assertIn("نقشه معماری", text)
        self.assertIn(fa("1405/02/28"), text)  # promised date 2026-05-18
        self.assertIn(fa("1405/02/22"), text)  # registration date
        self.assertIn("کارشناس میز", text)

        # ---- public pages belong to the electronic desk (miz_khedmat_online): the desk alone exposes none and its
        # receipt carries no tracking link; with the electronic desk the receipt links its tracking page
        online = self.env["ir.module.module"]._get("miz_khedmat_online").state == "installed"
        if online:
            self.assertIn("/miz/track", text)
        else:
            self.assertNotIn("/miz/track", text)
            self.assertEqual(self.url_open(f"/miz/track/{request.tracking_code}").status_code, 404)

        # ---- hand-over through two units; the second unit cannot act before the file reaches it
        with freeze_time(T0 + datetime.timedelta(days=1)):
            with self.assertRaises(UserError):
                request.step_ids[1].with_user(self.manager).with_context(lang="en_US").action_receive()
            request.with_user(self.rep_a).action_receive()
            self.assertEqual(request.state, "in_progress")
            request.with_user(self.rep_a).action_hand_over()
        self.assertEqual(request.current_unit_id, self.unit_b)
        self.assertEqual(request.step_ids.mapped("state"), ["done", "active"])
        self.assertEqual(letter.referral_ids.filtered(lambda r: r.to_user_id == self.rep_a).state, "done")
        to_b = letter.referral_ids.filtered(lambda r: r.to_user_id == self.rep_b)
        self.assertEqual(to_b.from_user_id, self.rep_a)
        self.assertEqual(to_b.parent_id.to_user_id, self.rep_a)
        with self.assertRaises(UserError):
            request.with_user(self.rep_a).action_hand_over()  # the file has left unit A
        # the daily sheet of unit B lists the file
        sheet = (
            self.env["miz.khedmat.handover.sheet"]
            .with_user(self.clerk)
            .create({"unit_id": self.unit_b.id, "date": datetime.date(2026, 5, 13)})
        )
        self.assertEqual(sheet.handover_ids.request_id, request)
        text = self._pdf("miz_khedmat.action_report_handover_sheet", sheet)
        self.assertIn("درآمد", text)
        self.assertIn(fa(request.tracking_code[:5]), text)
        self.assertIn("نماینده شهرسازی", text)

        # ---- result at the last unit, back to the desk
        with freeze_time(T0 + datetime.timedelta(days=2)):
            with self.assertRaises(UserError):
                request.with_user(self.rep_b).action_hand_over()  # no result yet
            request.with_user(self.rep_b).write({"result": "rejected", "result_note": "تراکم بیش از حد مجاز"})
            with self.assertRaises(UserError):
                request.with_user(self.rep_b).action_hand_over()  # a rejection needs its legal basis
            request.with_user(self.rep_b).write({"result_legal_basis": "ماده ۱۰۰ قانون شهرداری‌ها"})
            request.with_user(self.rep_b).action_hand_over()
            self.assertEqual(request.state, "result")
            self.assertEqual(request.handover_ids[0].kind, "unit_to_desk")
            self.assertEqual(request.handover_ids[0].to_user_id, self.clerk)
            # ---- response notice with the right to object
            action = request.with_user(self.clerk).action_notify_response()
            self.assertEqual(action["report_name"], "miz_khedmat.report_response_notice")
        self.assertEqual(request.state, "notified")
        self.assertEqual(request.objection_deadline, datetime.date(2026, 5, 24))
        self.assertTrue(request.on_time)
        response_sms = (
            self.env["sms.sms"].sudo().search([("partner_id", "=", request.partner_id.id), ("id", "not in", sms.ids)])
        )
        self.assertTrue(
            any(fa("1405/03/03") in s.body or "1405/03/03" in s.body for s in response_sms), response_sms.mapped("body")
        )
        text = self._pdf("miz_khedmat.action_report_response_notice", request)
        self.assertIn("ابلاغ پاسخ", text)
        self.assertIn("تراکم بیش از حد مجاز", text)
        self.assertIn("ماده", text)
        self.assertIn("کمیسیون", text)
        self.assertIn(fa("1405/03/03"), text)  # objection deadline 2026-05-24

        # ---- delivery closes; an objection within the window opens a linked review
        with freeze_time(T0 + datetime.timedelta(days=3)):
            request.with_user(self.clerk).action_deliver()
            self.assertEqual(request.state, "delivered")
            self.assertEqual(letter.handling_state, "closed")
            action = request.with_user(self.clerk).action_object("به محاسبه تراکم اعتراض دارم")
        review = Request.browse(action["res_id"])
        self.assertEqual(review.review_of_id, request)
        self.assertEqual(review.partner_id, request.partner_id)
        self.assertEqual(review.state, "draft")
        self.assertFalse(review.missing_count)
        self.assertEqual(self.env["res.partner"].search_count([("miz_national_code", "=", "0012345679")]), 1)

    def test_objection_after_window_refused(self):
        with freeze_time(T0):
            request = self._new_request()
            self._tick_all(request)
            request.with_user(self.clerk).action_register()
            request.with_user(self.rep_a).action_hand_over()
            request.with_user(self.rep_b).write({"result": "approved", "result_note": "پروانه شماره ۱۲"})
            request.with_user(self.rep_b).action_hand_over()
            request.with_user(self.clerk).action_notify_response()
        # ten days after Tuesday 12 May is Friday 22 May: the window ends on the next working day
        self.assertEqual(request.objection_deadline, datetime.date(2026, 5, 23))
        with freeze_time(datetime.datetime(2026, 5, 24, 6, 0)):
            with self.assertRaisesRegex(UserError, "۱۴۰۵/۰۳/۰۲"):  # the deadline that passed
                request.with_user(self.clerk).with_context(lang="fa_IR").action_object("دیر")
        self.assertFalse(request.review_ids)
