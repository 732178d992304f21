from odoo import models


class MizAuditContradiction(models.Model):
    """Section 1: a service whose real place of delivery contradicts the agency's declaration."""

    _name = "miz.audit.contradiction"
    _description = "Audit: Service Contradicting the Declaration"
    _inherit = ["miz.audit.line.mixin"]
    _order = "audit_id, id"
