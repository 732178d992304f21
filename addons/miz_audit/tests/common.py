"""The one fixture of the audit tests.

``MizAuditSetup`` builds it (``cls._miz_setup()``) and holds the helpers; ``MizAuditCommon`` is the ``BaseCommon``
base class of the TransactionCase tests; HttpCase tests (PDFs through wkhtmltopdf) mix ``MizAuditSetup`` in.

The snapshot hook: ``self.provider(snapshot)`` replaces ``miz.audit._miz_collect_snapshot`` for the duration of a
``with`` block, as miz_khedmat_audit's override would — the audit code under test is not changed.
"""

import contextlib
import datetime
import io
import os
import re
import subprocess
import tempfile
import unicodedata
from unittest.mock import patch

import openpyxl

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.miz_base.tools import digits

# Sunday 24 May 2026 = 3 Khordad 1405: bi-monthly period 1405/2 (Khordad–Tir) runs, 1405/1 (Farvardin–Ordibehesht)
# has ended
T0 = datetime.datetime(2026, 5, 24, 6, 0)


def fa(value):
    return digits.to_persian_digits(str(value))


def pdf_text(pdf):
    """Text of a PDF (pdftotext), NFKC-normalised so Persian presentation forms compare equal."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "doc.pdf")
        with open(path, "wb") as fh:
            fh.write(pdf)
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True, check=True, timeout=60
        ).stdout
    # bidi embedding marks out, whitespace (line breaks inside table cells) as single spaces
    return re.sub(r"[ \t\n]+", " ", unicodedata.normalize("NFKC", out).translate(_BIDI))


_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u200e\u200f\u2066\u2067\u2068\u2069"))


def read_xlsx(content):
    """``{sheet title: openpyxl worksheet}`` of an XLSX file's bytes."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    return {sheet.title: sheet for sheet in book}


def service(title, code, channel, recipient="g2c", **extra):
    data = {
        "title": title,
        "code": code,
        "recipient": recipient,
        "channel": channel,
        "place": "ساختمان مرکزی، طبقه همکف",
        "info_channels": {"website": True, "boards": True, "phone": False},
        "info": {
            "workflow": True,
            "documents": True,
            "laws": False,
            "duration": True,
            "fees": True,
            "complaint": True,
            "responsible": True,
            "faq": False,
        },
        "page_url": f"https://example.ir/s/{code}",
        "e": {
            "documents": True,
            "e_form": True,
            "e_delivery": False,
            "tracking_code": True,
            "tracking_steps": True,
            "sms": True,
            "e_survey": False,
        },
    }
    data.update(extra)
    return data


def snapshot(b=0, c=0, d=0, outside=0, g2b=0, prefix="S"):
    """A contract snapshot with b in-person, c electronic, d combined and ``outside`` services (the first ``g2b``
    of them G2B), two survey questions and the evidence of a period."""
    services = []
    for channel, count in (("in_person", b), ("electronic", c), ("combined", d), ("outside", outside)):
        for number in range(count):
            code = f"{prefix}{channel[:2].upper()}{number:03d}"
            services.append(service(f"خدمت {channel} {number + 1}", code, channel))
    for item in services[:g2b]:
        item["recipient"] = "g2b"
    return {
        "version": 1,
        "services": services,
        "evidence": {
            "working_days": 40,
            "days_with_receipts": 38,
            "days_without_receipts": ["2026-05-23", "2026-06-02"],
            "receipts_by_weekday_hour": [[0, "08-10", 12]],
            "satisfaction": {"4": {"mean": 3.8, "respondents": 20}},
        },
        "survey": {
            "respondents": 20,
            "questions": [
                {
                    "sequence": 1,
                    "title": "نحوه اطلاع رسانی درباره مراحل انجام کار",
                    "counts": {"1": 0, "2": 1, "3": 4, "4": 10, "5": 5},
                    "mean": 3.95,
                    "respondents": 20,
                },
                {
                    "sequence": 4,
                    "title": "نحوه رفتار و راهنمایی و پاسخگویی مسئول مربوطه",
                    "counts": {"1": 1, "2": 1, "3": 2, "4": 6, "5": 10},
                    "mean": 4.15,
                    "respondents": 20,
                },
            ],
            "demographics": [
                {"question": "جنسیت", "answers": [{"label": "زن", "count": 12}, {"label": "مرد", "count": 8}]}
            ],
            "suggestions": ["ساعت کاری میز خدمت بیشتر شود"],
        },
    }


class MizAuditSetup:
    """A ministry (national HQ) with two provincial units in Tehran and Isfahan, another agency's unit in Tehran,
    and one user per role: ``preparer`` (authorized representative of the HQ), ``unit_preparer`` (member of the
    Tehran unit's desk), ``other_preparer`` (represents the other agency), ``evaluator``, ``manager``."""

    @classmethod
    def _miz_setup(cls):
        env = cls.env
        env["res.lang"]._activate_lang("fa_IR")
        env["ir.module.module"]._load_module_terms(["miz_base", "miz_audit"], ["fa_IR"], overwrite=True)

        def user(login, group, name):
            return new_test_user(
                env, login=login, groups=f"miz_audit.{group}", name=name, lang="fa_IR", tz="Asia/Tehran"
            )

        cls.preparer = user("miz_aud_preparer", "group_miz_audit_preparer", "نماینده وزارت")
        cls.unit_preparer = user("miz_aud_unit_preparer", "group_miz_audit_preparer", "کارشناس اداره کل تهران")
        cls.other_preparer = user("miz_aud_other", "group_miz_audit_preparer", "نماینده دستگاه دیگر")
        cls.evaluator = user("miz_aud_evaluator", "group_miz_audit_evaluator", "ارزیاب سازمان")
        cls.manager = user("miz_aud_manager", "group_miz_audit_manager", "مدیر ممیزی")
        cls.tehran = env.ref("miz_base.province_tehran")
        cls.isfahan = env.ref("miz_base.province_isfahan")
        Agency = env["miz.agency"]
        cls.ministry = Agency.create(
            {"name": "وزارت آزمون", "code": "T-AUD-HQ", "level": "national", "representative_id": cls.preparer.id}
        )
        cls.unit_tehran = Agency.create(
            {
                "name": "اداره کل آزمون استان تهران",
                "code": "T-AUD-THR",
                "level": "provincial",
                "province_id": cls.tehran.id,
                "parent_id": cls.ministry.id,
            }
        )
        cls.unit_isfahan = Agency.create(
            {
                "name": "اداره کل آزمون استان اصفهان",
                "code": "T-AUD-ISF",
                "level": "provincial",
                "province_id": cls.isfahan.id,
                "parent_id": cls.ministry.id,
            }
        )
        cls.other = Agency.create(
            {
                "name": "سازمان دیگر",
                "code": "T-AUD-OTH",
                "level": "national",
                "representative_id": cls.other_preparer.id,
            }
        )
        cls.other_tehran = Agency.create(
            {
                "name": "اداره کل سازمان دیگر استان تهران",
                "code": "T-AUD-OTH-THR",
                "level": "provincial",
                "province_id": cls.tehran.id,
                "parent_id": cls.other.id,
            }
        )
        cls.desk_tehran = env["miz.org.unit"].create(
            {
                "name": "میز خدمت اداره کل",
                "agency_id": cls.unit_tehran.id,
                "member_ids": [Command.set(cls.unit_preparer.ids)],
            }
        )

    # ------------------------------------------------------------------ helpers
    @contextlib.contextmanager
    def provider(self, data):
        """The snapshot hook returns ``data`` (a dict, or a callable giving it) inside the block."""

        def collect(audit):
            return data() if callable(data) else data

        # the registry's class: an installed collector (miz_khedmat_audit) overrides the hook above the base class
        with patch.object(type(self.env["miz.audit"]), "_miz_collect_snapshot", autospec=True, side_effect=collect):
            yield

    def new_audit(
        self, agency=None, user=None, year=1405, index=2, levels=("good", "average", "excellent", "weak"), kind=None
    ):
        agency = agency or self.ministry
        user = user or self.preparer
        vals = {"agency_id": agency.id, "period_year": year, "period_index": index}
        if kind:
            vals["period_kind"] = kind
        for number, level in enumerate(levels, 1):
            vals[f"level_a{number}"] = level
        vals["note_a1"] = "سالن انتظار با ۴۰ صندلی"
        return self.env["miz.audit"].with_user(user).create(vals)

    def declared(self, data, agency=None, user=None, **kwargs):
        user = user or self.preparer
        audit = self.new_audit(agency=agency, user=user, **kwargs)
        with self.provider(data):
            audit.with_user(user).action_declare()
        return audit

    def evaluated(self, audit):
        audit.with_user(self.evaluator).write(
            {
                "level_b1": "good",
                "level_b2": "good",
                "level_b3": "average",
                "level_b4": "weak",
                "improvement_points": "راهنمای مستقر در ورودی لازم است",
                "contradiction_ids": [Command.create({"title": "خدمت in_person 1", "code": "SIN000"})],
                "correction3_ids": [
                    Command.create({"title": "خدمت in_person 2", "code": "SIN001", "correction": "درج هزینه"})
                ],
            }
        )
        audit.with_user(self.evaluator).action_evaluate()
        return audit


class MizAuditCommon(MizAuditSetup, BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._miz_setup()
