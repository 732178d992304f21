from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class MizOrgUnit(models.Model):
    """An organisational unit (واحد) of an agency, with its representative (نماینده واحد) and members."""

    _name = "miz.org.unit"
    _description = "Organisational Unit"
    _inherit = ["mail.thread"]
    _parent_store = True
    _order = "agency_id, sequence, name"
    _rec_names_search = ["name", "code"]

    name = fields.Char(required=True, tracking=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    agency_id = fields.Many2one("miz.agency", required=True, index=True, ondelete="cascade", tracking=True)
    parent_id = fields.Many2one("miz.org.unit", string="Parent Unit", index=True, ondelete="restrict")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("miz.org.unit", "parent_id", string="Sub-units")
    representative_id = fields.Many2one(
        "res.users",
        string="Unit Representative",
        tracking=True,
        help="Receives the files handed to the unit and hands them on (نماینده واحد).",
    )
    member_ids = fields.Many2many("res.users", string="Members")
    phone = fields.Char()
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_agency_unique", "unique(agency_id, code)", "Unit codes are unique within an agency.")]

    @api.constrains("parent_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(_("A unit cannot be its own parent."))
        for unit in self:
            if unit.parent_id and unit.parent_id.agency_id != unit.agency_id:
                raise ValidationError(_("A unit and its parent unit must belong to the same agency."))

    def _miz_people(self):
        """Representative and members of the units."""
        return self.representative_id | self.member_ids
