from odoo import api, models


class ReportMizSecretariatLetter(models.AbstractModel):
    """Values of the official letter PDF: the letters, plus a QR code (PNG data URI) of each verification URL."""

    _name = "report.miz_secretariat.report_letter"
    _description = "Official Letter Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["miz.secretariat.letter"].browse(docids)
        docs.check_access("read")
        qr_codes = {}
        verify_urls = {}
        Report = self.env["ir.actions.report"]
        for letter in docs:
            url = letter._verification_url()
            verify_urls[letter.id] = url
            if url:
                qr_codes[letter.id] = Report._miz_qr_data_uri(url, size=180)
        return {
            "doc_ids": docids,
            "doc_model": "miz.secretariat.letter",
            "docs": docs,
            "qr_codes": qr_codes,
            "verify_urls": verify_urls,
        }
