import datetime
import os
import subprocess
import tempfile
import unicodedata

from odoo.tests import new_test_user

NATIONAL_CODE = "0012345679"
OTHER_NATIONAL_CODE = "0013456784"
NATIONAL_ID = "50008063608"
# Tuesday 12 May 2026 (22 Ordibehesht 1405), 09:30 in Tehran
T0 = datetime.datetime(2026, 5, 12, 6, 0, 0)
HOLIDAY = datetime.date(2026, 5, 16)  # Saturday, made a holiday of the agency in the tests


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
    """The desk of one agency: a desk unit, two handling units, one user per role, a service with two documents
    (one required) routed through the two units, and a holiday on the agency's calendar.

    Mixed into TransactionCase and HttpCase classes: call ``cls._miz_setup()`` from ``setUpClass``.
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
        Unit = env["miz.org.unit"]
        cls.desk_unit = Unit.create(
            {
                "name": "میز خدمت",
                "agency_id": cls.agency.id,
                "member_ids": [(6, 0, cls.clerk.ids)],
                "representative_id": cls.manager.id,
            }
        )
        cls.unit_a = Unit.create(
            {
                "name": "شهرسازی",
                "agency_id": cls.agency.id,
                "representative_id": cls.rep_a.id,
                "member_ids": [(6, 0, cls.staff_a.ids)],
            }
        )
        cls.unit_b = Unit.create({"name": "درآمد", "agency_id": cls.agency.id, "representative_id": cls.rep_b.id})
        Unit.create(
            {"name": "میز دستگاه دیگر", "agency_id": cls.other_agency.id, "member_ids": [(6, 0, cls.outsider.ids)]}
        )
        cls.service = env["miz.khedmat.service"].create(
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
                    (0, 0, {"name": "سند مالکیت", "required": True}),
                    (0, 0, {"name": "نقشه معماری", "required": True}),
                    (0, 0, {"name": "عکس ملک", "required": False}),
                ],
                "step_ids": [
                    (0, 0, {"unit_id": cls.unit_a.id, "days": 2, "name": "بررسی نقشه"}),
                    (0, 0, {"unit_id": cls.unit_b.id, "days": 1, "name": "محاسبه عوارض"}),
                ],
                "inquiry_ids": [(0, 0, {"name": "استعلام ثبت", "code": "SABT"})],
            }
        )
        cls.supervision = env["miz.khedmat.service"].create(
            {
                "name": "بازرسی ساختمان",
                "code_pending": True,
                "agency_id": cls.agency.id,
                "nature": "supervision",
                "step_ids": [(0, 0, {"unit_id": cls.unit_a.id, "days": 1})],
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

    def _new_request(self, user=None, **vals):
        values = {
            "applicant_kind": "person",
            "applicant_code": NATIONAL_CODE,
            "applicant_name": "مریم احمدی",
            "applicant_mobile": "09121234567",
            "service_id": self.service.id,
            "channel": "in_person",
        }
        values.update(vals)
        return self.env["miz.khedmat.request"].with_user(user or self.clerk).create(values)

    def _tick_all(self, request):
        request.document_ids.filtered("required").write({"received": True})
