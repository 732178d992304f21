from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    miz_secretariat_agency_ids = fields.Many2many(
        "miz.agency",
        "miz_secretariat_agency_clerk_rel",
        "user_id",
        "agency_id",
        string="Secretariat Agencies",
        help="Agencies whose (non-confidential) letters this secretariat clerk registers and sees.",
    )
