from odoo import fields, models


class MizProvince(models.Model):
    """One of Iran's 31 provinces (استان)."""

    _name = "miz.province"
    _description = "Province"
    _order = "sequence, name"

    name = fields.Char(required=True)
    code = fields.Char(required=True, help="Short official code of the province.")
    center = fields.Char(string="Capital")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "unique(code)", "Each province has its own code.")]
