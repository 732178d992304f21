import re
import subprocess
import tempfile

from odoo.tests import HttpCase, tagged

from odoo.addons.miz_base.tools import digits, jalali

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

    def test_register_book_pdf_in_counter_order_with_persian_digits(self):
        """The register book lists the letters by counter within the year (۱۰ after ۹, not after ۱), in Persian
        digits, whatever order the selection comes in."""
        self.env["res.lang"]._activate_lang("fa_IR")  # printed in Persian (also where Persian is not installed)
        letters = self.Letter.browse()
        for index in range(11):
            letters |= self.Letter.register_incoming(self._incoming_vals(subject=f"Letter {index + 1}"))
        self.assertEqual(letters.mapped("number_seq"), list(range(1, 12)))
        shuffled = letters[5:] + letters[:5]
        values = self.env["report.miz_secretariat.report_register_book"]._get_report_values(shuffled.ids)
        self.assertEqual(values["docs"].mapped("number_seq"), list(range(1, 12)))
        self.assertEqual(len(values["sections"]), 1)
        pdf, fmt = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True, lang="fa_IR")
            ._render_qweb_pdf("miz_secretariat.action_report_register_book", shuffled.ids)
        )
        self.assertEqual(fmt, "pdf")
        text = self._pdf_text(pdf).translate(BIDI_MARKS)
        jy = letters[0].number_jyear
        self.assertNotIn(str(jy), text, "the year in Latin digits")
        # the counters, one per row (pdftotext keeps the table's rows in order, top to bottom)
        counters = [line.strip() for line in text.splitlines() if re.fullmatch(r"[۰-۹]{1,2}", line.strip())]
        self.assertEqual(counters, [digits.to_persian_digits(str(n)) for n in range(1, 12)], text)
