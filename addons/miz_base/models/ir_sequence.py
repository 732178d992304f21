import datetime

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import jalali

# Odoo's own interpolation keys (ir.sequence._get_prefix_suffix), kept so Jalali sequences accept them too.
GREGORIAN_KEYS = {
    "year": "%Y",
    "month": "%m",
    "day": "%d",
    "y": "%y",
    "doy": "%j",
    "woy": "%W",
    "weekday": "%w",
    "h24": "%H",
    "h12": "%I",
    "min": "%M",
    "sec": "%S",
}


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    miz_jalali_year = fields.Boolean(
        string="Restart every Jalali year",
        help="Numbers restart on 1 Farvardin. The prefix and suffix may use %(jy)s (Jalali year, 4 digits), "
        "%(jy2)s (2 digits), %(jm)s (month) and %(jd)s (day).",
    )

    @api.onchange("miz_jalali_year")
    def _onchange_miz_jalali_year(self):
        if self.miz_jalali_year:
            self.use_date_range = True

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("miz_jalali_year"):
                vals["use_date_range"] = True
        return super().create(vals_list)

    def _get_prefix_suffix(self, date=None, date_range=None):
        text = (self.prefix or "") + (self.suffix or "")
        if not self.miz_jalali_year and "%(j" not in text:
            return super()._get_prefix_suffix(date=date, date_range=date_range)
        self.ensure_one()
        now = datetime.datetime.now(pytz.timezone(self.env.context.get("tz") or jalali.DEFAULT_TZ))
        effective = now
        if date or self.env.context.get("ir_sequence_date"):
            effective = fields.Datetime.to_datetime(date or self.env.context.get("ir_sequence_date"))
        range_date = effective
        if date_range or self.env.context.get("ir_sequence_date_range"):
            range_date = fields.Datetime.to_datetime(date_range or self.env.context.get("ir_sequence_date_range"))
        values = {}
        for key, fmt in GREGORIAN_KEYS.items():
            values[key] = effective.strftime(fmt)
            values["range_" + key] = range_date.strftime(fmt)
            values["current_" + key] = now.strftime(fmt)
        jy, jm, jd = jalali.to_jalali(effective.date())
        if date_range or self.env.context.get("ir_sequence_date_range"):
            # the number belongs to its Jalali-year range: the year printed is the range's
            jy = jalali.to_jalali(range_date.date())[0]
        values.update({"jy": "%04d" % jy, "jy2": "%02d" % (jy % 100), "jm": "%02d" % jm, "jd": "%02d" % jd})
        try:
            return (self.prefix or "") % values, (self.suffix or "") % values
        except (ValueError, TypeError, KeyError):
            raise UserError(_("Invalid prefix or suffix for sequence “%s”", self.name)) from None

    def _create_date_range_seq(self, date):
        if not self.miz_jalali_year:
            return super()._create_date_range_seq(date)
        start, end = jalali.year_bounds(jalali.to_jalali(fields.Date.to_date(date))[0])
        return (
            self.env["ir.sequence.date_range"]
            .sudo()
            .create({"date_from": start, "date_to": end, "sequence_id": self.id})
        )
