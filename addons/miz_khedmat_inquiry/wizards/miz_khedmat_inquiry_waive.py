from odoo import fields, models


class MizKhedmatInquiryWaive(models.TransientModel):
    """Asks the desk manager for the reason; the request's action_waive_inquiries checks role, agency and state."""

    _name = "miz.khedmat.inquiry.waive"
    _description = "Waive the Inquiries of a Desk Request"

    request_id = fields.Many2one("miz.khedmat.request", string="Desk Request", required=True, ondelete="cascade")
    reason = fields.Text(string="Reason", required=True)

    def action_confirm(self):
        self.ensure_one()
        self.request_id.action_waive_inquiries(self.reason)
        return {"type": "ir.actions.act_window_close"}
