from odoo import fields, models


class MizAgency(models.Model):
    _inherit = "miz.agency"

    # The other side of res.users.miz_secretariat_agency_ids (same table): the record rules of the inquiries
    # follow it in SQL, so a clerk moved to another agency sees the new agency's inquiries at once.
    miz_inquiry_clerk_ids = fields.Many2many(
        "res.users",
        "miz_secretariat_agency_clerk_rel",
        "agency_id",
        "user_id",
        string="Secretariat Clerks",
        readonly=True,
    )
