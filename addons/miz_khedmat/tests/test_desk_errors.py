import datetime
import re

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import NATIONAL_CODE, NATIONAL_ID, OTHER_NATIONAL_CODE, T0, MizKhedmatCommon


@tagged("post_install", "-at_install")
class TestDeskErrors(MizKhedmatCommon):
    """Bad input gives a clear error and leaves no partial record; roles are kept apart."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Request = cls.env["miz.khedmat.request"]

    def _counts(self):
        return (
            self.Request.search_count([]),
            self.env["res.partner"].search_count([]),
            self.env["miz.secretariat.letter"].search_count([]),
            self.env["miz.khedmat.request.step"].search_count([]),
            self.env["sms.sms"].sudo().search_count([]),
        )

    def _registered(self):
        request = self._new_request()
        self._tick_all(request)
        with freeze_time(T0):
            request.with_user(self.clerk).action_register()
        return request

    # ------------------------------------------------------------------ intake
    def test_invalid_national_code(self):
        before = self._counts()
        with self.assertRaisesRegex(ValidationError, "0012345678"):
            self._new_request(applicant_code="0012345678")
        with self.assertRaisesRegex(ValidationError, "12345678901"):
            self._new_request(applicant_kind="business", applicant_code="12345678901")
        self.assertEqual(self._counts(), before)

    def test_applicant_created_once(self):
        first = self._new_request(applicant_code="۰۰۱۲۳۴۵۶۷۹")  # Persian digits
        second = self._new_request(applicant_name="")  # found by code: no name needed
        self.assertEqual(first.partner_id, second.partner_id)
        self.assertEqual(first.partner_id.miz_national_code, NATIONAL_CODE)
        self.assertEqual(self.env["res.partner"].search_count([("miz_national_code", "=", NATIONAL_CODE)]), 1)
        company = self._new_request(applicant_kind="business", applicant_code=NATIONAL_ID, applicant_name="شرکت آزمون")
        self.assertTrue(company.partner_id.is_company)
        self.assertEqual(company.partner_id.miz_national_id, NATIONAL_ID)
        with self.assertRaises(ValidationError):  # unknown code and no name: nobody to create
            self._new_request(applicant_code=OTHER_NATIONAL_CODE, applicant_name="")
        self.assertFalse(self.env["res.partner"].search([("miz_national_code", "=", OTHER_NATIONAL_CODE)]))

    def test_intake_form(self):
        """The clerk's form: the national code finds the applicant, the service fills the checklist."""
        existing = self._new_request().partner_id
        form = Form(self.Request.with_user(self.clerk))
        form.applicant_code = "۰۰۱۲۳۴۵۶۷۹"
        self.assertEqual(form.partner_id, existing)
        self.assertEqual(form.applicant_name, "مریم احمدی")
        form.service_id = self.service
        self.assertEqual(len(form.document_ids), 3)
        with form.document_ids.edit(0) as line:
            line.received = True
        request = form.save()
        self.assertEqual(request.partner_id, existing)
        self.assertEqual(request.desk_unit_id, self.desk_unit)
        self.assertEqual(request.missing_document_names, "نقشه معماری")
        for model in ("miz.khedmat.request", "miz.khedmat.request.step", "miz.khedmat.service"):
            views = (
                self.env[model].with_user(self.clerk).get_views([(False, "form"), (False, "list"), (False, "search")])
            )
            self.assertIn("form", views["views"])

    def test_service_not_offered_at_desk(self):
        before = self._counts()
        with self.assertRaisesRegex(UserError, "بازرسی ساختمان"):
            self._new_request(service_id=self.supervision.id)
        electronic_only = self.service.copy({"code": "E-1", "delivery_channel": "electronic"})
        with self.assertRaisesRegex(UserError, "صدور پروانه ساختمان"):
            self._new_request(service_id=electronic_only.id, channel="in_person")
        outside = self.service.copy({"code": "O-1", "delivery_channel": "outside"})
        with self.assertRaisesRegex(UserError, "صدور پروانه ساختمان"):
            self._new_request(service_id=outside.id)
        self.assertEqual(self._counts()[0], before[0])

    def test_deficient_blocks_registration(self):
        request = self._new_request()
        before = self._counts()
        with self.assertRaisesRegex(UserError, "نقشه معماری"):
            request.with_user(self.clerk).action_register()
        self.assertEqual(request.state, "draft")
        self.assertFalse(request.tracking_code)
        self.assertEqual(self._counts(), before)
        request.with_user(self.clerk).action_mark_deficient()
        self.assertEqual(request.state, "deficient")
        self.assertIn("سند مالکیت", request.missing_document_names)

    def test_register_twice(self):
        request = self._registered()
        before = self._counts()
        code = request.tracking_code
        with self.assertRaises(UserError):
            request.with_user(self.clerk).action_register()
        self.assertEqual(request.tracking_code, code)
        self.assertEqual(self._counts(), before)

    def test_registration_is_one_transaction(self):
        """A failure in the middle (first unit without representative) leaves no letter, step, code or SMS."""
        self.unit_a.representative_id = False
        request = self._new_request()
        self._tick_all(request)
        before = self._counts()
        with self.assertRaisesRegex(UserError, "شهرسازی"), self.cr.savepoint():
            request.with_user(self.clerk).with_context(lang="fa_IR").action_register()
        self.env.invalidate_all()
        self.assertEqual(self._counts(), before)
        self.assertEqual(request.state, "draft")
        self.assertFalse(request.tracking_code)

    def test_terms_frozen_after_registration(self):
        request = self._registered()
        other = self.service.copy({"code": "X-2"})
        for vals in (
            {"service_id": other.id},
            {"channel": "electronic"},
            {"applicant_code": OTHER_NATIONAL_CODE},
            {"partner_id": self.env["res.partner"].create({"name": "x"}).id},
        ):
            with self.assertRaises(UserError):
                request.with_user(self.clerk).write(vals)
        self.assertEqual(
            (request.service_id, request.channel, request.applicant_code, request.partner_id.miz_national_code),
            (self.service, "in_person", NATIONAL_CODE, NATIONAL_CODE),
        )
        with self.assertRaises(UserError):
            request.document_ids[0].with_user(self.clerk).received = False
        self.assertTrue(request.document_ids[0].received)
        with self.assertRaises(UserError):
            request.with_user(self.clerk).write({"state": "draft"})
        with self.assertRaises(UserError):
            request.with_user(self.clerk).unlink()
        # a later change of the catalog does not touch the received request
        version = self.service.terms_version
        self.service.write({"duration_promised_days": 20, "objection_window_days": 30})
        self.assertEqual(self.service.terms_version, version + 1)
        self.assertEqual(request.promised_days, 3)
        self.assertEqual(request.objection_window_days, 10)
        self.assertEqual(request._miz_terms_dict()["promised_days"], 3)
        self.assertEqual(request.promised_date, datetime.date(2026, 5, 18))

    # ------------------------------------------------------------------ routing and roles
    def test_unit_rep_of_other_unit(self):
        request = self._registered()
        # unit B's representative cannot even read a file that has not reached unit B
        with self.assertRaises(AccessError):
            request.with_user(self.rep_b).read(["state"])
        with self.assertRaisesRegex(UserError, "شهرسازی"):
            request.step_ids[0].with_user(self.rep_b).action_hand_over()
        # unit A's plain staff see the file but cannot hand it over
        self.assertEqual(request.with_user(self.staff_a).state, "registered")
        with self.assertRaisesRegex(UserError, "شهرسازی"):
            request.with_user(self.staff_a).action_hand_over()
        with freeze_time(T0):
            request.with_user(self.rep_a).action_hand_over()
        # once the file left unit A, its representative can no longer act on it
        with self.assertRaisesRegex(UserError, "درآمد"):
            request.step_ids[0].with_user(self.rep_a).action_hand_over()
        with self.assertRaises(AccessError):
            request.with_user(self.rep_a).write({"result": "approved"})
        self.assertEqual(request.current_unit_id, self.unit_b)
        self.assertEqual(request.with_user(self.rep_b).current_unit_id, self.unit_b)

    def test_agency_rules(self):
        request = self._registered()
        self.assertEqual(self.Request.with_user(self.outsider).search([]), self.Request)
        with self.assertRaises(AccessError):
            request.with_user(self.outsider).read(["state"])
        self.assertIn(request, self.Request.with_user(self.manager).search([]))
        self.assertIn(request, self.Request.with_user(self.evaluator).search([]))
        with self.assertRaises(AccessError):
            request.with_user(self.evaluator).write({"note": "x"})
        with self.assertRaises(AccessError):
            self.service.with_user(self.clerk).write({"duration_promised_days": 1})
        with self.assertRaises(UserError):
            request.with_user(self.rep_a).action_notify_response()  # not a desk clerk

    def test_overdue_flags_and_counts(self):
        request = self._registered()
        with freeze_time(T0):
            self.assertFalse(request.is_overdue)
        with freeze_time(datetime.datetime(2026, 5, 18, 8, 0)):  # promised date itself: not late
            self.assertFalse(self.Request.search([("id", "=", request.id), ("is_overdue", "=", True)]))
            self.assertTrue(request.step_ids[0].with_context(tz="Asia/Tehran").is_overdue)  # deadline 17 May
        with freeze_time(datetime.datetime(2026, 5, 19, 8, 0)):
            request.invalidate_recordset(["is_overdue"])
            self.assertTrue(request.is_overdue)
            self.assertEqual(self.Request.search([("is_overdue", "=", True)]), request)
            self.assertEqual(self.Request._miz_overdue_counts(self.agency), {"requests": 1, "steps": 1})
            self.assertEqual(self.Request._miz_overdue_counts(self.other_agency), {"requests": 0, "steps": 0})

    def test_handover_sheet_empty_day(self):
        sheet = (
            self.env["miz.khedmat.handover.sheet"]
            .with_user(self.clerk)
            .create({"unit_id": self.unit_a.id, "date": datetime.date(2026, 1, 1)})
        )
        with self.assertRaisesRegex(UserError, "شهرسازی"):
            sheet.action_print()

    def test_catalog_constraints(self):
        Service = self.env["miz.khedmat.service"].with_context(lang="fa_IR")
        with self.assertRaisesRegex(ValidationError, "بی‌شناسه"):
            Service.create({"name": "بی‌شناسه", "agency_id": self.agency.id})
        with self.assertRaises(IntegrityError), self.cr.savepoint(), mute_logger("odoo.sql_db"):
            Service.create({"name": "تکراری", "code": "10011234000", "agency_id": self.agency.id})
        # the same code in another agency is fine
        Service.create({"name": "همان شناسه", "code": "10011234000", "agency_id": self.other_agency.id})
        unit_elsewhere = self.other_desk_unit
        with self.assertRaisesRegex(ValidationError, "میز دستگاه دیگر"):
            Service.create(
                {
                    "name": "مسیر نادرست",
                    "code_pending": True,
                    "agency_id": self.agency.id,
                    "step_ids": [(0, 0, {"unit_id": unit_elsewhere.id, "days": 1})],
                }
            )
        self.assertIn("در حال اخذ شناسه", self.supervision.with_context(lang="fa_IR").display_name)

    def test_booklet(self):
        """The booklet prints every term of the service the citizen relies on."""
        self.service.write(
            {
                "address": "خیابان آزادی، ساختمان شماره ۲",
                "url": "https://khedmat.example.ir/parvaneh",
                "fee_computation": "بر اساس متراژ زیربنا",
                "fee_payment_place": "باجه بانک شهر در ساختمان شهرداری",
                "laws": "قانون شهرداری‌ها، ماده ۵۵",
                "complaint_procedure": "شکایت به سامانه ۱۳۷",
                "responsible_unit_id": self.unit_a.id,
                "responsible_phone": "07132345678",
                "workflow_description": "بررسی نقشه در شهرسازی، سپس محاسبه عوارض در درآمد",
                "faq": "پروانه در چند روز صادر می‌شود؟",
            }
        )
        self.service.document_ids[0].note = "اصل و تصویر"
        html, _kind = (
            self.env["ir.actions.report"]
            .with_context(lang="fa_IR")
            ._render_qweb_html("miz_khedmat.action_report_service_booklet", self.service.ids)
        )
        html = html.decode()
        for text in (
            "صدور پروانه ساختمان",
            "شهرداری آزمون",
            "خیابان آزادی، ساختمان شماره ۲",
            "https://khedmat.example.ir/parvaneh",
            "تعرفه عوارض مصوب شورای شهر",
            "بر اساس متراژ زیربنا",
            "باجه بانک شهر در ساختمان شهرداری",
            "قانون شهرداری‌ها، ماده ۵۵",
            "شکایت به سامانه ۱۳۷",
            "شهرسازی",  # responsible unit
            "بررسی نقشه در شهرسازی، سپس محاسبه عوارض در درآمد",
            "پروانه در چند روز صادر می‌شود؟",
            "اصل و تصویر",
        ):
            self.assertIn(text, html)
        # Persian digits: code, promised days, fee, phone
        digits_only = re.sub(r"<[^>]+>", "", html)
        for number in ("۱۰۰۱۱۲۳۴۰۰۰", "۱۵۰۰۰۰۰", "۰۷۱۳۲۳۴۵۶۷۸"):
            self.assertIn(number, digits_only.replace(",", "").replace("٬", ""))
        # the promised working days in a cell of their own
        self.assertRegex(html, r"<td>\s*(?:<[^>]+>\s*)*۳\s*(?:</[^>]+>\s*)*</td>")
        # every document of the checklist, in order, each once
        items = re.findall(r"<li>\s*(.*?)\s*</li>", html, re.S)
        self.assertEqual(
            [re.sub(r"\s+", " ", item).strip() for item in items],
            ["سند مالکیت (اصل و تصویر)", "نقشه معماری", "عکس ملک"],
        )

    # ------------------------------------------------------------------ performance
    def test_registration_query_count(self):
        """One complete registration: request + letter + referral + activity + steps + hand-over + SMS queued."""
        request = self._new_request()
        self._tick_all(request)
        warm = self._new_request(applicant_code=OTHER_NATIONAL_CODE, applicant_name="گرم‌کن")
        self._tick_all(warm)
        with freeze_time(T0):
            warm.with_user(self.clerk).action_register()
            self.env.invalidate_all()
            with self.assertQueryCount(__system__=95):
                request.with_user(self.clerk)._miz_register()
        self.assertEqual(request.state, "registered")
        self.assertTrue(request.letter_id.referral_ids.activity_id)
        self.assertTrue(self.env["sms.sms"].sudo().search([("body", "like", request.tracking_code_display)]))
