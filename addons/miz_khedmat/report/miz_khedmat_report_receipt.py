from odoo import api, models


class ReportMizKhedmatReceipt(models.AbstractModel):
    """Values of the service receipt: the requests and, when a public tracking page exists, a QR code (PNG data
    URI) of each one's tracking link."""

    _name = "report.miz_khedmat.report_receipt"
    _description = "Service Receipt"

    @api.model
    def _miz_public_tracking_url(self, request):
        """The public tracking link the receipt's QR code opens, or False: the desk alone has no public page (the
        electronic desk, miz_khedmat_online, provides ``/miz/track`` and overrides this)."""
        return False

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["miz.khedmat.request"].browse(docids)
        Report = self.env["ir.actions.report"]
        urls = {request.id: self._miz_public_tracking_url(request) for request in docs if request.tracking_code}
        qr = {rid: Report._miz_qr_data_uri(url, size=240) for rid, url in urls.items() if url}
        return {
            "doc_ids": docids,
            "doc_model": "miz.khedmat.request",
            "docs": docs,
            "qr_images": qr,
            "tracking_urls": {rid: url for rid, url in urls.items() if url},
        }
