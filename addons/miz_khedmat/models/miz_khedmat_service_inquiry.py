from odoo import fields, models


class MizKhedmatServiceInquiry(models.Model):
    """An inter-agency inquiry a service needs; the agency makes it, not the citizen (seed 001, step 3)."""

    _name = "miz.khedmat.service.inquiry"
    _description = "Inter-agency Inquiry of a Service"
    _order = "service_id, sequence, id"

    sequence = fields.Integer(default=10)
    service_id = fields.Many2one("miz.khedmat.service", required=True, ondelete="cascade", index=True)
    name = fields.Char(string="Inquiry", required=True)
    code = fields.Char(help="Code of the inquiry type, used by the inquiries addon.")
    responding_agency = fields.Char(string="Responding Agency")
    days = fields.Integer(string="Expected Days")
