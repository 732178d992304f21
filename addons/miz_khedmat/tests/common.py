"""The one fixture of the service-desk tests.

``MizKhedmatSetup`` builds it (``cls._miz_setup()``) and holds the helpers that drive a request through the real
buttons; ``MizKhedmatCommon`` is the ``BaseCommon`` base class of the TransactionCase tests. HttpCase tests (PDFs
through wkhtmltopdf, public pages) cannot inherit ``BaseCommon``: they mix ``MizKhedmatSetup`` into ``HttpCase``
and call ``cls._miz_setup()`` themselves, so both kinds share one fixture.
"""

import datetime
import os
import subprocess
import tempfile
import unicodedata

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

NATIONAL_CODE = "0012345679"
OTHER_NATIONAL_CODE = "0013456784"
NATIONAL_ID = "50008063608"
MOBILE = "09121234567"
# Tuesday 12 May 2026 (22 Ordibehesht 1405), 09:30 in Tehran
T0 = datetime.datetime(2026, 5, 12, 6, 0, 0)
HOLIDAY = datetime.date(2026, 5, 16)  # Saturday, made a holiday of the agency in the tests
# working days of the agency after T0: Wed 13, Sun 17, Mon 18 (the promise of 3 days), Tue 19, Wed 20…
# (Thursday and Friday are off, Saturday 16 is the holiday)


def tehran(day, hour=9, minute=0):
    """Naive UTC datetime (what freeze_time takes) of ``hour:minute`` in Tehran on ``day``."""
    return datetime.datetime.combine(day, datetime.time(hour, minute)) - datetime.timedelta(hours=3, minutes=30)


def pdf_text(pdf):
    """Text of a PDF (pdftotext), NFKC-normalised so Persian presentation forms compare equal."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "doc.pdf")
        with open(path, "wb") as fh:
            fh.write(pdf)
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True, check=True, timeout=60
        ).stdout
    return unicodedata.normalize("NFKC", out)


class MizKhedmatSetup:
    """The desk of one agency and a second agency beside it.

    - ``agency``: a desk unit (``clerk``; its representative is the desk ``manager``), unit A (``rep_a``,
      ``staff_a``) and unit B (``rep_b``); ``service`` (3 working days, two required documents and an optional one,
      routed A → B, a fee with its legal basis), ``service_b`` (the same terms under another code),
      ``supervision`` (not offered at the desk) and a holiday (Saturday 16 May 2026) on the agency's calendar;
    - ``other_agency``: a desk (``outsider``, a clerk) and a unit (``other_rep``) with ``foreign_service``;
    - ``evaluator`` (reads every agency).

    Mixed into BaseCommon (``MizKhedmatCommon``) and HttpCase classes: call ``cls._miz_setup()`` from
    ``setUpClass``.
    """

    @classmethod
    def _miz_setup(cls):
        env = cls.env
        env["res.lang"]._activate_lang("fa_IR")
        env["ir.module.module"]._load_module_terms(["miz_base", "miz_khedmat"], ["fa_IR"], overwrite=True)
        Agency = env["miz.agency"]
        cls.agency = Agency.create({"name": "شهرداری آزمون", "code": "T-KHEDMAT-1"})
        cls.other_agency = Agency.create({"name": "اداره دیگر", "code": "T-KHEDMAT-2"})

        def user(login, group, name):
            return new_test_user(
                env, login=login, groups=f"miz_khedmat.{group}", name=name, lang="fa_IR", tz="Asia/Tehran"
            )

        cls.clerk = user("miz_desk_clerk", "group_miz_khedmat_clerk", "کارشناس میز")
        cls.rep_a = user("miz_desk_rep_a", "group_miz_khedmat_unit_rep", "نماینده شهرسازی")
        cls.rep_b = user("miz_desk_rep_b", "group_miz_khedmat_unit_rep", "نماینده درآمد")
        cls.staff_a = user("miz_desk_staff_a", "group_miz_khedmat_unit_staff", "کارمند شهرسازی")
        cls.evaluator = user("miz_desk_evaluator", "group_miz_khedmat_evaluator", "ارزیاب")
        cls.manager = user("miz_desk_manager", "group_miz_khedmat_manager", "نماینده تام‌الاختیار")
        cls.outsider = user("miz_desk_outsider", "group_miz_khedmat_clerk", "کارشناس دستگاه دیگر")
        cls.other_rep = user("miz_desk_other_rep", "group_miz_khedmat_unit_rep", "نماینده دستگاه دیگر")
        Unit = env["miz.org.unit"]
        cls.desk_unit = Unit.create(
            {
                "name": "میز خدمت",
                "agency_id": cls.agency.id,
                "member_ids": [Command.set(cls.clerk.ids)],
                "representative_id": cls.manager.id,
            }
        )
        cls.unit_a = Unit.create(
            {
                "name": "شهرسازی",
                "agency_id": cls.agency.id,
                "representative_id": cls.rep_a.id,
                "member_ids": [Command.set(cls.staff_a.ids)],
            }
        )
        cls.unit_b = Unit.create({"name": "درآمد", "agency_id": cls.agency.id, "representative_id": cls.rep_b.id})
        cls.other_desk_unit = Unit.create(
            {
                "name": "میز دستگاه دیگر",
                "agency_id": cls.other_agency.id,
                "member_ids": [Command.set(cls.outsider.ids)],
            }
        )
        cls.other_unit = Unit.create(
            {"name": "واحد دستگاه دیگر", "agency_id": cls.other_agency.id, "representative_id": cls.other_rep.id}
        )
        Service = env["miz.khedmat.service"]
        cls.service = Service.create(
            {
                "name": "صدور پروانه ساختمان",
                "code": "10011234000",
                "agency_id": cls.agency.id,
                "recipient_type": "g2c",
                "delivery_channel": "combined",
                "duration_promised_days": 3,
                "objection_window_days": 10,
                "objection_place": "دبیرخانه کمیسیون ماده ۱۰۰، طبقه همکف",
                "fee_amount": 1500000,
                "fee_legal_basis": "تعرفه عوارض مصوب شورای شهر",
                "document_ids": [
                    Command.create({"name": "سند مالکیت", "required": True}),
                    Command.create({"name": "نقشه معماری", "required": True}),
                    Command.create({"name": "عکس ملک", "required": False}),
                ],
                "step_ids": [
                    Command.create({"unit_id": cls.unit_a.id, "days": 2, "name": "بررسی نقشه"}),
                    Command.create({"unit_id": cls.unit_b.id, "days": 1, "name": "محاسبه عوارض"}),
                ],
                "inquiry_ids": [Command.create({"name": "استعلام ثبت", "code": "SABT"})],
            }
        )
        cls.service_b = cls.service.copy({"code": "10011234001", "name": "تمدید پروانه ساختمان"})
        cls.supervision = Service.create(
            {
                "name": "بازرسی ساختمان",
                "code_pending": True,
                "agency_id": cls.agency.id,
                "nature": "supervision",
                "step_ids": [Command.create({"unit_id": cls.unit_a.id, "days": 1})],
            }
        )
        cls.foreign_service = Service.create(
            {
                "name": "خدمت دستگاه دیگر",
                "code": "20022345000",
                "agency_id": cls.other_agency.id,
                "delivery_channel": "in_person",
                "duration_promised_days": 5,
                "objection_window_days": 10,
                "document_ids": [Command.create({"name": "فرم تقاضا", "required": True})],
                "step_ids": [Command.create({"unit_id": cls.other_unit.id, "days": 2, "name": "بررسی"})],
            }
        )
        tehran_midnight = datetime.datetime.combine(HOLIDAY, datetime.time.min) - datetime.timedelta(
            hours=3, minutes=30
        )
        env["resource.calendar.leaves"].create(
            {
                "name": "تعطیل آزمون",
                "calendar_id": cls.agency.calendar_id.id,
                "date_from": tehran_midnight,
                "date_to": tehran_midnight + datetime.timedelta(hours=23, minutes=59),
            }
        )

    # ------------------------------------------------------------------ helpers: the real buttons
    def _new_request(self, user=None, **vals):
        """A request at intake, created by ``user`` (the clerk by default); ``vals`` override the defaults."""
        values = {
            "applicant_kind": "person",
            "applicant_code": NATIONAL_CODE,
            "applicant_name": "مریم احمدی",
            "applicant_mobile": MOBILE,
            "service_id": self.service.id,
            "channel": "in_person",
        }
        values.update(vals)
        return self.env["miz.khedmat.request"].with_user(user or self.clerk).create(values)

    def _tick_all(self, request):
        request.document_ids.filtered("required").write({"received": True})

    def _register(self, request):
        """Tick the required documents and register (as the request's user: the clerk)."""
        self._tick_all(request)
        request.action_register()
        return request

    def _handle(self, request, result="approved"):
        """Every unit of the routing receives and hands on the file; the last one records ``result``."""
        steps = request.step_ids.sorted("sequence")
        for step in steps:
            actor = step.unit_id.representative_id
            step.with_user(actor).action_receive()
            if step == steps[-1]:
                vals = {"result": result, "result_note": "پروانه شماره ۱۲ صادر شد."}
                if result == "rejected":
                    vals.update(result_note="تراکم بیش از حد مجاز", result_legal_basis="ماده ۱۰۰ قانون شهرداری‌ها")
                request.with_user(actor).write(vals)
            step.with_user(actor).action_hand_over()
        return request

    def _to_result(self, request, result="approved"):
        return self._handle(self._register(request), result)

    def _to_notified(self, request, result="approved"):
        self._to_result(request, result)
        request.action_notify_response()
        return request

    def _to_delivered(self, request, result="approved"):
        self._to_notified(request, result)
        request.action_deliver()
        return request

    def _sms_of(self, request):
        """The SMS queued for ``request``, oldest first."""
        return (
            self.env["sms.sms"]
            .sudo()
            .search(
                [("mail_message_id.model", "=", request._name), ("mail_message_id.res_id", "=", request.id)], order="id"
            )
        )


class MizKhedmatCommon(MizKhedmatSetup, BaseCommon):
    """Base class of the service-desk TransactionCase tests (mail side effects disabled as in BaseCommon)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._miz_setup()
