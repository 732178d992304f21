from odoo import fields, models


class MizAuditCorrection(models.Model):
    """Sections 3 and 5: a service whose information (3) or electronic desk (5) needs a correction."""

    _name = "miz.audit.correction"
    _description = "Audit: Correction Needed"
    _inherit = ["miz.audit.line.mixin"]
    _order = "audit_id, section, id"

    section = fields.Selection([("3", "Section 3"), ("5", "Section 5")], required=True, default="3")
    correction = fields.Text(string="Correction Needed", required=True)
