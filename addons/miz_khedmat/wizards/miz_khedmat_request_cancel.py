from odoo import fields, models


class MizKhedmatRequestCancel(models.TransientModel):
    """Asks the reason before cancelling requests; the checks are the request's own (:meth:`_miz_cancel`)."""

    _name = "miz.khedmat.request.cancel"
    _description = "Cancel Desk Requests"

    request_ids = fields.Many2many("miz.khedmat.request", string="Requests", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.request_ids._miz_cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}
