from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.miz_base.tools import jalali

# First key of the PostgreSQL advisory lock that serialises the registrations of one numbering ("miz").
LOCK_NAMESPACE = 0x6D697A

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
    last_number = fields.Char(compute="_compute_last_number", string="Last Number")

    _sql_constraints = [
        ("agency_kind_uniq", "unique(agency_id, kind)", "An agency has one numbering per kind of letter."),
    ]

    def _compute_last_number(self):
        Letter = self.env["miz.secretariat.letter"].sudo()
        for numbering in self:
            last = Letter.search(
                [("agency_id", "=", numbering.agency_id.id), ("kind", "=", numbering.kind), ("number_seq", ">", 0)],
                order="registration_date desc, id desc",
                limit=1,
            )
            numbering.last_number = last.name or False

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
    def _get_numbering(self, agency, kind):
        """The numbering of ``kind`` letters of ``agency`` (created on first use)."""
        if not agency:
            raise UserError(_("A letter needs an agency to be registered."))
        numbering = self.sudo().search([("agency_id", "=", agency.id), ("kind", "=", kind)], limit=1)
        if not numbering:
            numbering = self.sudo().create({"agency_id": agency.id, "kind": kind})
        return numbering

    def _next_number(self, day):
        """Allocate the next counter of the Jalali year of ``day``: return ``(counter, jalali_year, number)``.

        Gapless and safe under concurrency without serialization failures:

        1. ``pg_advisory_xact_lock`` on this numbering: parallel registrations wait (no NOWAIT) until the holder's
           transaction ends, so the counter is never handed out twice and a rollback gives it back.
        2. The last counter used is read twice: on this cursor (sees this transaction's own registrations) and on
           a fresh cursor whose snapshot is taken after the lock was obtained (sees what the previous holders
           committed). Odoo's repeatable-read snapshot of this transaction may predate those commits; reading the
           letters instead of updating a shared counter row keeps it from failing with "could not serialize".
        3. The number is formatted with the ir.sequence pattern (``%(jy)s`` = Jalali year, Jalali-year restart).
        """
        self.ensure_one()
        jyear = jalali.jalali_year(day)
        cr = self.env.cr
        cr.execute(SQL("SELECT pg_advisory_xact_lock(%s, %s)", LOCK_NAMESPACE, self.id))
        self.env["miz.secretariat.letter"].flush_model(["agency_id", "kind", "number_jyear", "number_seq"])
        query = SQL(
            "SELECT COALESCE(MAX(number_seq), 0) FROM miz_secretariat_letter"
            " WHERE agency_id = %s AND kind = %s AND number_jyear = %s",
            self.agency_id.id,
            self.kind,
            jyear,
        )
        cr.execute(query)
        own = cr.fetchone()[0]
        committed = 0
        registry = self.env.registry
        with registry.cursor() as fresh:
            ready = getattr(registry, "_miz_letter_counter_committed", False)
            if not ready:
                # while the module is being installed or upgraded, the column is not committed yet
                fresh.execute(
                    "SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('miz_secretariat_letter')"
                    " AND attname = 'number_seq' AND NOT attisdropped"
                )
                ready = registry._miz_letter_counter_committed = bool(fresh.fetchone())
            if ready:
                fresh.execute(query)
                committed = fresh.fetchone()[0]
        counter = max(own, committed) + 1
        prefix, suffix = self.sudo().sequence_id._get_prefix_suffix(date=day)
        number = prefix + "%%0%sd" % self.padding % counter + suffix
        return counter, jyear, number
