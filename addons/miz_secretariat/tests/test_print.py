import subprocess
import tempfile

from odoo.tests import HttpCase, tagged

from odoo.addons.miz_base.tools import jalali

from .common import MizSecretariatCommon

BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


@tagged("post_install", "-at_install")
class TestPrint(MizSecretariatCommon, HttpCase):
    """HttpCase: wkhtmltopdf fetches the report assets from this test server (shared test cursor)."""

    def _pdf_text(self, pdf):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(pdf)
            f.flush()
            result = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, check=True, timeout=60)
        return result.stdout.decode()

    def test_letter_pdf_has_number_and_jalali_date_in_persian_digits(self):
        letter = self.Letter.register_incoming(
            self._incoming_vals(subject="Permit 42", signatory_id=self.user_manager.id, signatory_title="Director")
        )
        jy, jm, jd = jalali.to_jalali(letter.registration_date)
        self.assertEqual(letter.name, f"{jy}/و/1")
        pdf, fmt = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("miz_secretariat.action_report_letter", letter.ids)
        )
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = self._pdf_text(pdf)
        flat = "".join(text.translate(BIDI_MARKS).split())
        # pdftotext may reorder RTL runs; digits of each run stay together
        fa = jalali.format_date(letter.registration_date)  # e.g. ۱۴۰۵/۰۱/۱۵
        self.assertIn(fa, flat)
        # the number ۱۴۰۵/و/۱: pdftotext returns the RTL runs in visual order, so accept both orders
        self.assertTrue(
            f"{letter.number_display}" in flat or ("۱/و/" in flat and letter.number_display.split("/")[0] in flat), flat
        )
        self.assertIn("S-۱۷", flat)  # sender's number, Persian digits
        self.assertNotIn(str(jy), flat)  # no Latin digits for the year
        self.assertIn("Director", text)
        self.assertIn("Manager", text)

    def test_report_values_carry_verification_qr(self):
        letter = self.Letter.register_incoming(self._incoming_vals())
        values = self.env["report.miz_secretariat.report_letter"]._get_report_values(letter.ids)
        self.assertTrue(values["qr_codes"][letter.id].startswith("data:image/png;base64,"))
        self.assertTrue(values["verify_urls"][letter.id].endswith("/miz/letter/verify/" + letter.sudo().access_token))
