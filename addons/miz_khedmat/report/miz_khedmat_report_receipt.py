from odoo import api, models


class ReportMizKhedmatReceipt(models.AbstractModel):
    """Values of the service receipt: the requests and a QR code (PNG data URI) of each one's tracking page."""

    _name = "report.miz_khedmat.report_receipt"
    _description = "Service Receipt"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["miz.khedmat.request"].browse(docids)
        Report = self.env["ir.actions.report"]
        qr = {
            request.id: Report._miz_qr_data_uri(request._miz_tracking_url(), size=240)
            for request in docs
            if request.tracking_code
        }
        return {"doc_ids": docids, "doc_model": "miz.khedmat.request", "docs": docs, "qr_images": qr}
