import datetime

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import jalali

# The fixed solar public holidays of Iran: (Jalali month, day, name as printed on the official calendar).
SOLAR_HOLIDAYS = [
    (1, 1, "جشن نوروز"),
    (1, 2, "جشن نوروز"),
    (1, 3, "جشن نوروز"),
    (1, 4, "جشن نوروز"),
    (1, 12, "روز جمهوری اسلامی ایران"),
    (1, 13, "روز طبیعت"),
    (3, 14, "رحلت حضرت امام خمینی"),
    (3, 15, "قیام ۱۵ خرداد"),
    (11, 22, "پیروزی انقلاب اسلامی"),
    (12, 29, "روز ملی شدن صنعت نفت ایران"),
]
SOLAR_SOURCE = "Fixed solar holidays of the official calendar"


class MizHoliday(models.Model):
    """An official public holiday of Iran; copied as a global leave into every government working calendar."""

    _name = "miz.holiday"
    _description = "Public Holiday"
    _order = "date"

    name = fields.Char(required=True)
    date = fields.Date(required=True, index=True)
    jalali_date = fields.Char(compute="_compute_jalali_date", store=True, string="Jalali Date")
    kind = fields.Selection([("solar", "Solar (fixed)"), ("lunar", "Lunar")], required=True, default="solar")
    source = fields.Char(help="Where this date comes from (e.g. the official calendar of the year).")
    leave_ids = fields.One2many("resource.calendar.leaves", "miz_holiday_id", string="Calendar Leaves")

    _sql_constraints = [("date_name_unique", "unique(date, name)", "This holiday is already recorded on that date.")]

    @api.depends("date")
    def _compute_jalali_date(self):
        for holiday in self:
            holiday.jalali_date = jalali.format_date(holiday.date, latin_digits=True) if holiday.date else False

    @api.model_create_multi
    def create(self, vals_list):
        holidays = super().create(vals_list)
        calendars = self.env["resource.calendar"].sudo().search([("miz_government", "=", True)])
        for calendar in calendars:
            holidays._miz_sync_leaves(calendar)
        return holidays

    def write(self, vals):
        res = super().write(vals)
        if {"date", "name"} & set(vals):
            self.leave_ids.sudo().unlink()
            for calendar in self.env["resource.calendar"].sudo().search([("miz_government", "=", True)]):
                self._miz_sync_leaves(calendar)
        return res

    def unlink(self):
        self.leave_ids.sudo().unlink()
        return super().unlink()

    def _miz_sync_leaves(self, calendar):
        """Make sure each holiday is a whole-day global leave of ``calendar`` (in the calendar's time zone)."""
        tz = pytz.timezone(calendar.tz or jalali.DEFAULT_TZ)
        existing = set(
            self.env["resource.calendar.leaves"]
            .sudo()
            .search([("calendar_id", "=", calendar.id), ("miz_holiday_id", "in", self.ids)])
            .mapped("miz_holiday_id")
            .ids
        )
        vals_list = []
        for holiday in self.filtered(lambda h: h.id not in existing):
            start = tz.localize(datetime.datetime.combine(holiday.date, datetime.time.min))
            end = tz.localize(datetime.datetime.combine(holiday.date, datetime.time(23, 59, 59)))
            vals_list.append(
                {
                    "name": holiday.name,
                    "calendar_id": calendar.id,
                    "company_id": calendar.company_id.id,
                    "resource_id": False,
                    "date_from": start.astimezone(pytz.utc).replace(tzinfo=None),
                    "date_to": end.astimezone(pytz.utc).replace(tzinfo=None),
                    "miz_holiday_id": holiday.id,
                    "time_type": "leave",
                }
            )
        if vals_list:
            self.env["resource.calendar.leaves"].sudo().create(vals_list)

    @api.model
    def miz_generate_solar(self, jalali_year):
        """Create the fixed solar holidays of ``jalali_year`` (those not recorded yet); returns them."""
        vals_list = []
        for month, day, name in SOLAR_HOLIDAYS:
            date = jalali.to_gregorian(jalali_year, month, day)
            if not self.search_count([("date", "=", date), ("name", "=", name)]):
                vals_list.append({"name": name, "date": date, "kind": "solar", "source": SOLAR_SOURCE})
        return self.create(vals_list)

    @api.model
    def _cron_generate_solar(self):
        """Keep the fixed holidays of the current and next Jalali year in place (daily cron and install)."""
        jy = jalali.to_jalali(fields.Date.context_today(self))[0]
        for year in (jy, jy + 1):
            self.miz_generate_solar(year)

    @api.model
    def miz_import_rows(self, rows, source_default=None):
        """Create holidays from rows of (jalali_date, name, kind, source); all or nothing, Persian errors."""
        vals_list = []
        for number, row in enumerate(rows, start=1):
            jalali_text = (row.get("jalali_date") or "").strip()
            name = (row.get("name") or "").strip()
            kind = (row.get("kind") or "lunar").strip().lower()
            if not jalali_text or not name:
                raise ValidationError(_("Row %(row)s: the Jalali date and the name are required.", row=number))
            try:
                date = jalali.parse(jalali_text)
            except ValueError:
                raise ValidationError(
                    _("Row %(row)s: %(date)s is not a Jalali date (e.g. 1405/01/12).", row=number, date=jalali_text)
                ) from None
            if kind not in ("solar", "lunar"):
                raise ValidationError(_("Row %(row)s: the kind must be solar or lunar.", row=number))
            if self.search_count([("date", "=", date), ("name", "=", name)]):
                continue
            vals_list.append(
                {
                    "name": name,
                    "date": date,
                    "kind": kind,
                    "source": (row.get("source") or source_default or "").strip(),
                }
            )
        return self.create(vals_list)
