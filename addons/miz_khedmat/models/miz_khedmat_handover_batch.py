import itertools

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.miz_base.tools import digits, jalali


class MizKhedmatHandoverBatch(models.Model):
    """The files a unit hands on together (seed 001: the representatives hand the day's files over at a set hour,
    with a signed sheet). One batch is one hand-over sheet; made only by the hand-over actions and the cron."""

    _name = "miz.khedmat.handover.batch"
    _description = "Hand-over Batch"
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name")
    from_unit_id = fields.Many2one("miz.org.unit", string="From Unit", required=True, index=True, ondelete="restrict")
    agency_id = fields.Many2one(related="from_unit_id.agency_id", store=True, index=True)
    user_id = fields.Many2one("res.users", string="Handed By", required=True)
    date = fields.Datetime(required=True, index=True)
    scheduled = fields.Boolean(help="Handed over by the unit's daily hand-over at its set hour.")
    handover_ids = fields.One2many("miz.khedmat.handover", "batch_id", string="Hand-overs")
    handover_count = fields.Integer(compute="_compute_handover_count")

    @api.depends("from_unit_id", "date")
    def _compute_name(self):
        for batch in self:
            when = digits.to_persian_digits(jalali.format_datetime(batch.date)) if batch.date else ""
            batch.name = f"{batch.from_unit_id.name or ''} — {when}"

    @api.depends("handover_ids")
    def _compute_handover_count(self):
        for batch in self:
            batch.handover_count = len(batch.handover_ids)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(_("Hand-over batches are made by the units' hand-over actions only."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            raise UserError(_("Hand-over batches are made by the units' hand-over actions only."))
        return super().write(vals)

    @api.model
    def _miz_open(self, unit, scheduled=False):
        """A new batch of ``unit`` handed over now by the caller."""
        return self.sudo().create(
            {
                "from_unit_id": unit.id,
                "user_id": self.env.user.id,
                "date": fields.Datetime.now(),
                "scheduled": scheduled,
            }
        )

    def action_print(self):
        """The hand-over sheet of exactly this batch."""
        return self.env.ref("miz_khedmat.action_report_handover_batch").report_action(self)

    @api.model
    def _cron_hand_over_queued(self):
        """At each unit's hand-over hour (Tehran time, working days), hand its queued files over as one batch, in the
        name of the unit's representative."""
        now = jalali.to_local(fields.Datetime.now())
        hour = now.hour + now.minute / 60
        Step = self.env["miz.khedmat.request.step"].sudo()
        queued = Step.search([("state", "=", "active"), ("handover_queued", "=", True)], order="unit_id, id")
        for unit, steps in itertools.groupby(queued, key=lambda s: s.unit_id):
            steps = Step.browse([s.id for s in steps])
            rep = unit.representative_id
            if not (rep and unit.miz_handover_hour) or hour < unit.miz_handover_hour:
                continue
            if not unit.agency_id.is_working_day(now.date()):
                continue
            steps.with_user(rep)._miz_hand_over_batch(scheduled=True)
        return True
