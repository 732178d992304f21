import datetime
import os
import shutil
import subprocess
import tempfile
import unicodedata

from markupsafe import Markup

from odoo.tests import HttpCase, tagged

JDATE = "۱۴۰۵/۰۱/۱۵"  # 2026-04-04
AGENCY = "اداره کل ثبت اسناد و املاک"


def _pdf_tool(name, *args):
    return subprocess.run([name, *args], capture_output=True, text=True, check=True, timeout=60).stdout


@tagged("post_install", "-at_install")
class TestPrint(HttpCase):
    """HttpCase: wkhtmltopdf fetches the report CSS and fonts from this test server (shared test cursor)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Report = cls.env["ir.actions.report"]
        cls.helpers = cls.Report._miz_render_helpers()
        cls.partner = cls.env["res.partner"].create(
            {"name": AGENCY, "mobile": "09121234567", "street": "خیابان ولیعصر، پلاک 12", "city": "تهران"}
        )

    # ------------------------------------------------------------------ helpers
    def test_miz_fa_wraps_runs(self):
        out = self.helpers["miz_fa"]("نامه 1234 از ABC")
        self.assertIsInstance(out, Markup)
        self.assertEqual(
            str(out),
            'نامه <span class="o_miz_ltr" dir="ltr">۱۲۳۴</span> از <span class="o_miz_ltr" dir="ltr">ABC</span>',
        )
        escaped = str(self.helpers["miz_fa"]("<b>7</b>"))
        self.assertNotIn("<b>", escaped)
        self.assertTrue(escaped.startswith("&lt;"), escaped)
        self.assertIn('<span class="o_miz_ltr" dir="ltr">۷</span>', escaped)
        self.assertEqual(str(self.helpers["miz_fa"](False)), "")
        self.assertIn("۱۲٬۵۰۰٫۵", str(self.helpers["miz_fa"](12500.5)))

    def test_miz_jdate_and_jdatetime(self):
        self.assertEqual(
            str(self.helpers["miz_jdate"](datetime.date(2026, 4, 4))), f'<span class="o_miz_ltr" dir="ltr">{JDATE}</span>'
        )
        self.assertIn(JDATE, str(self.helpers["miz_jdate"]("2026-04-04")))
        # 2026-04-03 22:00 UTC is already 15 Farvardin in Tehran (UTC+3:30)
        stamp = datetime.datetime(2026, 4, 3, 22, 0)
        self.assertIn(JDATE, str(self.Report.with_context(tz="Asia/Tehran")._miz_render_helpers()["miz_jdate"](stamp)))
        text = str(self.helpers["miz_jdatetime"](stamp, tz="Asia/Tehran"))
        self.assertIn(JDATE, text)
        self.assertIn("۰۱:۳۰", text)
        self.assertIn("فروردین", str(self.helpers["miz_jdate"](datetime.date(2026, 4, 4), fmt="medium")))
        self.assertEqual(str(self.helpers["miz_jdate"](False)), "")

    def test_html_render_uses_layout_and_widget(self):
        html, kind = self.Report._render_qweb_html(
            "miz_base.report_official_sample_action", self.partner.ids, data={"miz_doc_date": "2026-04-04"}
        )
        self.assertEqual(kind, "html")
        html = html.decode()
        self.assertIn('class="article o_miz_official"', html)
        self.assertIn('dir="rtl"', html)
        # header date (helper) and table row (QWeb widget) both in Jalali with Persian digits
        self.assertEqual(html.count(f'<span class="o_miz_ltr" dir="ltr">{JDATE}</span>'), 2, html)
        self.assertIn('<span class="o_miz_ltr" dir="ltr">۰۹۱۲۱۲۳۴۵۶۷</span>', html)

    # ------------------------------------------------------------------ PDF
    def test_official_form_pdf(self):
        for tool in ("wkhtmltopdf", "pdftotext", "pdffonts"):
            self.assertTrue(shutil.which(tool), f"{tool} is required to test the official form PDF")
        pdf, kind = self.Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            "miz_base.report_official_sample_action", self.partner.ids, data={"miz_doc_date": "2026-04-04"}
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "form.pdf")
            with open(path, "wb") as fh:
                fh.write(pdf)
            if os.environ.get("MIZ_KEEP_PDF"):
                shutil.copy(path, os.environ["MIZ_KEEP_PDF"])
            fonts = _pdf_tool("pdffonts", path)
            text = unicodedata.normalize("NFKC", _pdf_tool("pdftotext", "-enc", "UTF-8", path, "-"))
        self.assertIn("Vazirmatn", fonts, "Vazirmatn is not embedded: the @font-face of the print CSS did not load")
        self.assertIn(JDATE, text)
        self.assertIn("۰۹۱۲۱۲۳۴۵۶۷", text)
        for word in AGENCY.split():
            self.assertIn(word, text)
