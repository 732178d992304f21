from odoo import _, api, fields, models
from odoo.exceptions import UserError


class MizKhedmatRequestDocument(models.Model):
    """One line of a request's document checklist: copied from the service, ticked by the clerk when received."""

    _name = "miz.khedmat.request.document"
    _description = "Document of a Desk Request"
    _order = "request_id, sequence, id"

    sequence = fields.Integer(default=10)
    request_id = fields.Many2one("miz.khedmat.request", required=True, ondelete="cascade", index=True)
    service_document_id = fields.Many2one("miz.khedmat.service.document", ondelete="set null")
    name = fields.Char(string="Document", required=True)
    required = fields.Boolean(default=True)
    received = fields.Boolean()
    attachment_ids = fields.Many2many("ir.attachment", string="Scans")

    @api.model_create_multi
    def create(self, vals_list):
        documents = super().create(vals_list)
        documents.request_id._miz_check_documents_editable()
        return documents

    def write(self, vals):
        self.request_id._miz_check_documents_editable()
        return super().write(vals)

    def unlink(self):
        self.request_id._miz_check_documents_editable()
        return super().unlink()


class MizKhedmatRequest(models.Model):
    _inherit = "miz.khedmat.request"

    def _miz_check_documents_editable(self):
        if self.env.su:
            return
        if any(request.state not in ("draft", "deficient") for request in self):
            raise UserError(_("The documents of a registered request cannot be changed."))
