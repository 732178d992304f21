from odoo import fields, models


class MizKhedmatServiceDocument(models.Model):
    """A document or form the citizen brings for a service (مدارک و فرم‌های مورد نیاز)."""

    _name = "miz.khedmat.service.document"
    _description = "Required Document of a Service"
    _order = "service_id, sequence, id"

    sequence = fields.Integer(default=10)
    service_id = fields.Many2one("miz.khedmat.service", required=True, ondelete="cascade", index=True)
    name = fields.Char(string="Document", required=True)
    required = fields.Boolean(default=True, help="Without it the request is deficient and cannot be registered.")
    form_file = fields.Binary(string="Form", attachment=True, help="The blank form the citizen fills in, if any.")
    form_filename = fields.Char()
    note = fields.Char(help="E.g. original and copy, certified copy, number of copies.")
