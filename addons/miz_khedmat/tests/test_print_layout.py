"""The desk's printed pages as they look: parentheses around numbers, the ZWNJ, the agency's hour, the counterfoil.

pdftotext rebuilds a logical order from the glyphs' positions and cannot tell a broken parenthesis from a good
one, so the bidi checks read the page *visually*: the glyphs of a line (``pdftotext -bbox``) from left to right,
as the eye sees them. HttpCase: wkhtmltopdf fetches the report CSS and fonts from this test server.
"""

import datetime
import os
import re
import subprocess
import tempfile
import unicodedata
from html import unescape

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from odoo.addons.miz_base.tools import digits

from .common import MizKhedmatSetup, pdf_text

ZWNJ = "\u200c"
APPLICANT = f"مریم اسدی{ZWNJ}نژاد"
# Tuesday 12 May 2026 (22 Ordibehesht 1405) at 19:01 UTC, 22:31 in Tehran
REGISTERED_AT = datetime.datetime(2026, 5, 12, 19, 1)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def fa(value):
    return digits.to_persian_digits(str(value))


def visual_lines(pdf):
    """The lines of the PDF's first page as their glyphs are seen, left to right (NFKC, no spaces)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "doc.pdf")
        with open(path, "wb") as fh:
            fh.write(pdf)
        out = subprocess.run(
            ["pdftotext", "-bbox", "-f", "1", "-l", "1", "-enc", "UTF-8", path, "-"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    glyphs = sorted(
        ((float(y0) + float(y1)) / 2, float(x0), unicodedata.normalize("NFKC", unescape(text)))
        for x0, y0, _x1, y1, text in _WORD.findall(out)
    )
    lines, current, last_y = [], [], None
    for y, x, text in glyphs:
        if last_y is not None and y - last_y > 3:
            lines.append(current)
            current = []
        current.append((x, text))
        last_y = y
    lines.append(current)
    return ["".join(text for _x, text in sorted(line)) for line in lines if line]


def seen(logical):
    """How an RTL line of Persian words and Persian-digit numbers looks, left to right, without spaces: the
    words reversed, each number kept left to right, brackets mirrored (what a correct bidi layout draws). The
    lam-alef ligature is one glyph whose text is «لا» in logical order."""
    mirror = str.maketrans("()«»[]", ")(»«][")
    runs = re.findall(r"[۰-۹][۰-۹/:\-]*[۰-۹]|[۰-۹]|لا|\S", logical)
    return "".join(run if run[0] in "۰۱۲۳۴۵۶۷۸۹" else run.translate(mirror) for run in reversed(runs))


@tagged("post_install", "-at_install")
class TestPrintLayout(MizKhedmatSetup, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._miz_setup()
        cls.clerk.tz = "UTC"  # the clerk's own preference must not change the hour on the agency's papers

    def _registered(self):
        with freeze_time(REGISTERED_AT):
            request = self._register(self._new_request(applicant_name=APPLICANT))
        self.assertEqual(request.state, "registered")
        self.assertEqual(request.registration_date, REGISTERED_AT)
        return request

    def _render(self, xmlid, records):
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(self.clerk)
            .with_context(force_report_rendering=True, lang="fa_IR", tz="UTC")
            ._render_qweb_pdf(xmlid, records.ids)
        )
        self.assertEqual(kind, "pdf")
        keep = os.environ.get("MIZ_KEEP_PDF_DIR")
        if keep:
            with open(os.path.join(keep, xmlid.split(".")[-1] + ".pdf"), "wb") as fh:
                fh.write(pdf)
        return pdf

    def test_receipt_layout(self):
        request = self._registered()
        self.assertEqual(request.promised_days, 3)
        pdf = self._render("miz_khedmat.action_report_receipt", request)
        text = pdf_text(pdf)
        # the agency's hour (Asia/Tehran), not the clerk's UTC: on the receipt and on its counterfoil
        self.assertEqual(text.count(fa("22:31")), 2, text)
        self.assertNotIn(fa("19:01"), text)
        # the ZWNJ reaches the PDF's text, in data (the applicant) and in the template's Persian
        self.assertEqual(text.count(APPLICANT), 2, text)
        self.assertIn(f"مدارک دریافت{ZWNJ}شده", text)
        self.assertNotIn("اسدینژاد", text)
        # the promise line, as seen: «موعد پاسخ: ۱۴۰۵/۰۲/۲۸ (۳ روز کاری)» with the parentheses around «۳ روز کاری»
        promise = seen(f"موعد پاسخ: {fa('1405/02/28')} ({fa(3)} روز کاری)")
        lines = visual_lines(pdf)
        self.assertIn(promise, lines, "\n".join(lines))
        # the date before the time, and the tracking code's groups left to right
        self.assertIn(seen(f"تاریخ ثبت: {fa('1405/02/22')} {fa('22:31')}"), lines)
        code = fa(request.tracking_code_display)
        self.assertIn(seen(f"کد رهگیری: {code}"), lines)
        # the counterfoil, below the cut line and the receipt's footer, on the same page
        self.assertEqual(text.count(code), 2, text)
        self.assertEqual(text.count("\f"), 1, "receipt and counterfoil fit on one page")
        self.assertIn("از این خط جدا شود", text)
        counterfoil = text[text.index("ته سوش رسید خدمت") :]
        self.assertLess(text.index("با پیامک"), text.index("از این خط جدا شود"))
        for value in (
            code,
            APPLICANT,
            fa("0012345679"),
            "صدور پروانه ساختمان",
            fa("22:31"),
            "امضای کارشناس",
        ):
            self.assertIn(value, counterfoil)
        self.assertIn(self.clerk.name, counterfoil)
        # the letter number «۱۴۰۵/و/۱» (read visually: pdftotext scrambles mixed runs): header, receipt, counterfoil
        number = seen(fa(request.letter_id.name))
        self.assertEqual(sum(number in line for line in lines), 3, "\n".join(lines))

    def test_response_notice_layout(self):
        request = self._registered()
        with freeze_time(REGISTERED_AT + datetime.timedelta(days=1)):
            self._handle(request)
            request.with_user(self.clerk).action_notify_response()
        self.assertEqual(request.state, "notified")
        self.assertEqual(request.objection_window_days, 10)
        pdf = self._render("miz_khedmat.action_report_response_notice", request)
        text = pdf_text(pdf)
        self.assertIn(APPLICANT, text)
        deadline = fa(request.env["ir.actions.report"]._miz_jdate_text(request.objection_deadline))
        right = seen(f"{deadline} ({fa(10)} روز پس از این ابلاغ).")
        lines = visual_lines(pdf)
        self.assertTrue(any(right in line for line in lines), "\n".join(lines))
