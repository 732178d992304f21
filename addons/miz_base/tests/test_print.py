import base64
import datetime
import io
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata

from markupsafe import Markup
from PIL import Image

from odoo.tests import HttpCase, tagged

JDATE = "۱۴۰۵/۰۱/۱۵"  # 2026-04-04
AGENCY = "اداره کل ثبت اسناد و املاک"
LETTER = (
    "به استناد ماده ۱۲ قانون ثبت و با توجه به درخواست شماره ۱۴۰۵/۱۲۳ متقاضی، مراتب جهت اقدام لازم اعلام "
    "می‌دارد. خواهشمند است نتیجه را حداکثر ظرف ۱۰ روز کاری (طبق بند «الف») به این اداره کل اعلام فرمایید؛ "
    "با سپاس. نسخه Microsoft Office 2019 پیوست است."
)


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
            {
                "name": AGENCY,
                "mobile": "09121234567",
                "street": "خیابان ولیعصر، پلاک 12",
                "city": "تهران",
                "comment": f"<p>{LETTER}</p>",
            }
        )

    # ------------------------------------------------------------------ helpers
    def test_miz_fa_wraps_runs(self):
        out = self.helpers["miz_fa"]("نامه 1234 از ABC")
        self.assertIsInstance(out, Markup)
        self.assertEqual(
            str(out),
            '<span class="o_miz_w">نامه</span> <span class="o_miz_num" dir="ltr">۱۲۳۴</span> '
            '<span class="o_miz_w">از</span> <span class="o_miz_ltr" dir="ltr">ABC</span>',
        )
        escaped = str(self.helpers["miz_fa"]("<b>7</b>"))
        self.assertNotIn("<b>", escaped)
        self.assertIn('<span class="o_miz_p">&lt;</span>', escaped)
        self.assertIn('<span class="o_miz_num" dir="ltr">۷</span>', escaped)
        self.assertEqual(str(self.helpers["miz_fa"](False)), "")
        self.assertIn("۱۲٬۵۰۰٫۵", str(self.helpers["miz_fa"](12500.5)))

    def test_qr_data_uri(self):
        url = "https://miz.example/miz/letter/verify/abc123"
        uri = self.Report._miz_qr_data_uri(url, size=120)
        prefix = "data:image/png;base64,"
        self.assertTrue(uri.startswith(prefix), uri[:40])
        image = Image.open(io.BytesIO(base64.b64decode(uri[len(prefix) :])))
        self.assertEqual((image.format, image.size), ("PNG", (120, 120)))
        self.assertNotEqual(uri, self.Report._miz_qr_data_uri(url + "x", size=120), "the code depends on the URL")
        self.assertEqual(self.Report._miz_qr_data_uri(False), "")

    def test_miz_jdate_and_jdatetime(self):
        self.assertEqual(
            str(self.helpers["miz_jdate"](datetime.date(2026, 4, 4))),
            f'<span class="o_miz_num" dir="ltr">{JDATE}</span>',
        )
        self.assertIn(JDATE, str(self.helpers["miz_jdate"]("2026-04-04")))
        # 2026-04-03 22:00 UTC is already 15 Farvardin in Tehran (UTC+3:30), whatever the user's time zone
        stamp = datetime.datetime(2026, 4, 3, 22, 0)
        utc_user = self.env["res.users"].create({"name": "UTC clerk", "login": "miz_print_utc", "tz": "UTC"})
        Report = self.Report.with_user(utc_user).with_context(tz="UTC")
        helpers = Report._miz_render_helpers()
        self.assertIn(JDATE, str(helpers["miz_jdate"](stamp)))
        text = str(helpers["miz_jdatetime"](stamp))
        self.assertIn(JDATE, text)
        self.assertIn("۰۱:۳۰", text)
        self.assertEqual(str(helpers["miz_jdatetime"](stamp, tz="UTC")).count("۲۲:۰۰"), 1, "an explicit tz wins")
        # the agency's calendar decides: a documents' agency in another zone prints its own hour
        agency = self.env["miz.agency"].create({"name": "دستگاه آزمون", "code": "T-PRINT-TZ"})
        self.assertEqual(Report._miz_print_tz(agency.unit_ids), "Asia/Tehran")
        unit = self.env["miz.org.unit"].create({"name": "واحد آزمون", "agency_id": agency.id})
        agency.calendar_id.tz = "Asia/Dubai"
        self.assertEqual(Report._miz_print_tz(unit), "Asia/Dubai")
        self.assertIn("۰۲:۰۰", str(Report._miz_render_helpers(tz=Report._miz_print_tz(unit))["miz_jdatetime"](stamp)))
        self.assertEqual(Report._miz_print_tz(self.partner), "Asia/Tehran")
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
        self.assertEqual(html.count(f'<span class="o_miz_num" dir="ltr">{JDATE}</span>'), 2, html)
        self.assertIn('<span class="o_miz_num" dir="ltr">۰۹۱۲۱۲۳۴۵۶۷</span>', html)

    def test_report_css_rtl_bundle(self):
        """rtlcss (scripts/miz.sh puts it on PATH) turns the report bundle right-to-left for Persian users;
        the official layout only uses direction-neutral properties, so it comes out unchanged."""
        self.assertTrue(shutil.which("rtlcss"), "rtlcss is needed for right-to-left assets (npm install rtlcss)")
        QWeb = self.env["ir.qweb"]
        ltr_bundle = QWeb._get_asset_bundle("web.report_assets_common", js=False, rtl=False)
        rtl_bundle = QWeb._get_asset_bundle("web.report_assets_common", js=False, rtl=True)
        ltr, rtl = ltr_bundle.preprocess_css(), rtl_bundle.preprocess_css()
        self.assertFalse(rtl_bundle.css_errors)
        self.assertNotEqual(ltr, rtl, "rtlcss did not run on the RTL bundle")
        for css in (ltr, rtl):
            self.assertIn("Vazirmatn-Regular.ttf", css)
            self.assertIn(".o_miz_official .o_miz_header_start", css)
        self.assertIn("text-align: start", rtl)
        self.assertIn("text-align: end", rtl)
        # numbers are LTR isolates; QtWebKit only reads the prefixed value, so both must reach the bundle
        rule = re.search(r"\.o_miz_num\s*\{([^}]*)\}", rtl).group(1)
        self.assertIn("unicode-bidi: isolate", rule)
        self.assertIn("unicode-bidi: -webkit-isolate", rule)
        # rtlcss flips `direction`: the layout must get its direction from dir attributes only
        rules = re.findall(r"\.o_miz_(?:official|ltr)\s*\{([^}]*)\}", rtl)
        self.assertEqual(len(rules), 2, rules)
        self.assertIn("text-align", rules[0])
        for rule in rules:
            self.assertNotIn("direction", rule)

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
        for word in AGENCY.split() + ["متقاضی", "فرمایید", "Microsoft Office 2019"]:
            self.assertIn(word, text)
        # the ZWNJ survives wkhtmltopdf (tools/bidi.py: the print font's ZWNJ mark) and no private-use mark shows
        self.assertIn("می\u200cدارد", text)
        self.assertNotIn("میدارد", text)
        self.assertNotIn("\ue20c", text)
