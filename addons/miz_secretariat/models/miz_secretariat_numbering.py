from odoo import _, api, fields, models
from odoo.exceptions import UserError

DEFAULT_PREFIXES = {
    "incoming": "%(jy)s/و/",
    "outgoing": "%(jy)s/ص/",
    "internal": "%(jy)s/د/",
}


class MizSecretariatNumbering(models.Model):
    """Numbering of one kind of letter in one agency: a gapless ir.sequence restarting every 1 Farvardin.

    The pattern is the sequence prefix (``%(jy)s`` = 4-digit Jalali year, ``%(jy2)s`` = 2 digits) followed by the
    counter, e.g. ``%(jy)s/ص/`` → ``1405/ص/123`` (stored with Latin digits, shown with Persian digits).
    """

    _name = "miz.secretariat.numbering"
    _description = "Letter Numbering"
    _order = "agency_id, kind"

    agency_id = fields.Many2one("miz.agency", required=True, ondelete="cascade", index=True)
    kind = fields.Selection(
        [("incoming", "Incoming"), ("outgoing", "Outgoing"), ("internal", "Internal")], required=True
    )
    prefix = fields.Char(
        string="Pattern",
        required=True,
        help="Text before the counter; %(jy)s is the Jalali year (e.g. %(jy)s/ص/ gives 1405/ص/123).",
    )
    padding = fields.Integer(default=0, help="Minimum number of digits of the counter.")
    sequence_id = fields.Many2one("ir.sequence", readonly=True, ondelete="restrict")
    number_next = fields.Integer(related="sequence_id.number_next_actual", string="Next Number")

    _sql_constraints = [
        ("agency_kind_uniq", "unique(agency_id, kind)", "An agency has one numbering per kind of letter."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("prefix"):
                vals["prefix"] = DEFAULT_PREFIXES.get(vals.get("kind"), "%(jy)s/")
        records = super().create(vals_list)
        for record in records:
            record.sequence_id = self.env["ir.sequence"].sudo().create(record._sequence_vals())
        return records

    def write(self, vals):
        res = super().write(vals)
        if {"prefix", "padding"}.intersection(vals):
            for record in self:
                record.sequence_id.sudo().write({"prefix": record.prefix, "padding": record.padding})
        return res

    def _sequence_vals(self):
        self.ensure_one()
        return {
            "name": _("Letters %(kind)s — %(agency)s", kind=self.kind, agency=self.agency_id.name),
            "code": f"miz.secretariat.letter.{self.kind}.{self.agency_id.id}",
            "implementation": "no_gap",
            "prefix": self.prefix,
            "padding": self.padding,
            "number_increment": 1,
            "number_next": 1,
            "use_date_range": False,
            "miz_jalali_year": True,
            "company_id": False,
        }

    @api.model
    def _get_sequence(self, agency, kind):
        """The ir.sequence numbering ``kind`` letters of ``agency`` (created on first use)."""
        if not agency:
            raise UserError(_("A letter needs an agency to be registered."))
        numbering = self.sudo().search([("agency_id", "=", agency.id), ("kind", "=", kind)], limit=1)
        if not numbering:
            numbering = self.sudo().create({"agency_id": agency.id, "kind": kind})
        return numbering.sequence_id.sudo()
