import datetime

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class MizKhedmatHandoverSheet(models.TransientModel):
    """The daily hand-over sheet of a unit (برگه تحویل روزانه): files handed to it on a day, with signature lines."""

    _name = "miz.khedmat.handover.sheet"
    _description = "Daily Hand-over Sheet"

    unit_id = fields.Many2one("miz.org.unit", string="Unit", required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    handover_ids = fields.Many2many("miz.khedmat.handover", compute="_compute_handover_ids", string="Hand-overs")
    handover_count = fields.Integer(compute="_compute_handover_ids")

    @api.depends("unit_id", "date")
    def _compute_handover_ids(self):
        for sheet in self:
            sheet.handover_ids = sheet._miz_handovers() if sheet.unit_id and sheet.date else False
            sheet.handover_count = len(sheet.handover_ids)

    def _miz_day_bounds(self):
        """The UTC bounds of ``date`` in the user's time zone (Tehran by default)."""
        self.ensure_one()
        tz = pytz.timezone(self.env.user.tz or "Asia/Tehran")
        start = tz.localize(datetime.datetime.combine(self.date, datetime.time.min))
        end = start + datetime.timedelta(days=1)
        return (start.astimezone(pytz.utc).replace(tzinfo=None), end.astimezone(pytz.utc).replace(tzinfo=None))

    def _miz_handovers(self):
        self.ensure_one()
        start, end = self._miz_day_bounds()
        return self.env["miz.khedmat.handover"].search(
            [("to_unit_id", "=", self.unit_id.id), ("date", ">=", start), ("date", "<", end)], order="date, id"
        )

    def action_print(self):
        self.ensure_one()
        if not self.handover_ids:
            raise UserError(_("No file was handed to unit %s on that day.", self.unit_id.name))
        return self.env.ref("miz_khedmat.action_report_handover_sheet").report_action(self)
