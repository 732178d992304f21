from odoo import api, models


class ReportMizKhedmatReceipt(models.AbstractModel):
    _inherit = "report.miz_khedmat.report_receipt"

    @api.model
    def _miz_public_tracking_url(self, request):
        """The receipt's QR code opens the tracking form of the electronic desk with the code filled in."""
        return request._miz_tracking_url()
