from odoo import fields, models


class MizKhedmatOnlineCompletionWizard(models.TransientModel):
    """The desk chooses the documents to ask again and writes what is wrong; the applicant gets an SMS link."""

    _name = "miz.khedmat.online.completion.wizard"
    _description = "Ask for Missing Documents"

    request_id = fields.Many2one("miz.khedmat.request", required=True, readonly=True)
    document_ids = fields.Many2many(
        "miz.khedmat.request.document",
        "miz_khedmat_online_completion_wizard_doc_rel",
        string="Documents to Send Again",
        domain="[('request_id', '=', request_id)]",
        required=True,
    )
    note = fields.Text(string="What Is Wrong", required=True)

    def action_send(self):
        self.ensure_one()
        request = self.request_id
        request._miz_check_desk()
        self.env["miz.khedmat.online.completion"]._miz_open(request, self.document_ids, self.note)
        return {"type": "ir.actions.act_window_close"}
