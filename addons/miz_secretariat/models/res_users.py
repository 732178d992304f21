from odoo import fields, models

CLERK_GROUP = "miz_secretariat.group_miz_secretariat_clerk"
MANAGER_GROUP = "miz_secretariat.group_miz_secretariat_manager"


class ResUsers(models.Model):
    _inherit = "res.users"

    miz_secretariat_agency_ids = fields.Many2many(
        "miz.agency",
        "miz_secretariat_agency_clerk_rel",
        "user_id",
        "agency_id",
        string="Secretariat Agencies",
        help="Agencies whose letters this secretariat clerk registers and sees (a manager also their secret ones).",
    )

    def _miz_secretariat_is_clerk_of(self, agency):
        """Whether this user is a secretariat clerk (or manager) of ``agency``."""
        self.ensure_one()
        return bool(agency) and self.has_group(CLERK_GROUP) and agency in self.sudo().miz_secretariat_agency_ids

    def _miz_secretariat_is_manager_of(self, agency):
        """Whether this user is a secretariat manager of ``agency``."""
        self.ensure_one()
        return bool(agency) and self.has_group(MANAGER_GROUP) and agency in self.sudo().miz_secretariat_agency_ids

    def _miz_secretariat_belongs_to(self, agency):
        """Whether this user works for ``agency``: its secretariat, a member or representative of one of its units, or
        its authorized representative (who may sign its letters)."""
        self.ensure_one()
        if not agency:
            return False
        agency = agency.sudo()
        units = agency.unit_ids
        return (
            agency in self.sudo().miz_secretariat_agency_ids
            or self in units.member_ids
            or self in units.representative_id
            or self == agency.representative_id
        )
