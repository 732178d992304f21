from odoo import fields, models


class MizAgency(models.Model):
    _inherit = "miz.agency"

    miz_audit_period_kind = fields.Selection(
        [("bimonthly", "Bi-monthly"), ("quarterly", "Quarterly")],
        string="Audit Period",
        default="bimonthly",
        help="How often the agency declares its service desk audit (Appendix 2); the guide says every two months.",
    )
