import datetime

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Odoo's resource.calendar.attendance dayofweek: 0 = Monday … 5 = Saturday, 6 = Sunday
SATURDAY_TO_WEDNESDAY = ("5", "6", "0", "1", "2")
THURSDAY = "3"


class MizAgency(models.Model):
    """An executive agency (دستگاه اجرایی): a national headquarters or one of its provincial units."""

    _name = "miz.agency"
    _description = "Agency"
    _inherit = ["mail.thread"]
    _parent_store = True
    _order = "complete_name"
    _rec_names_search = ["name", "code"]

    name = fields.Char(required=True, tracking=True)
    complete_name = fields.Char(compute="_compute_complete_name", recursive=True, store=True)
    code = fields.Char(string="Official Code", tracking=True, help="The agency's official code (کد دستگاه).")
    parent_id = fields.Many2one("miz.agency", string="Parent Agency", index=True, ondelete="restrict")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("miz.agency", "parent_id", string="Sub-agencies")
    level = fields.Selection(
        [("national", "National headquarters"), ("provincial", "Provincial unit")],
        required=True,
        default="national",
        tracking=True,
    )
    province_id = fields.Many2one("miz.province", tracking=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, required=True)
    partner_id = fields.Many2one("res.partner", string="Contact", help="Address, phone and logo of the agency.")
    representative_id = fields.Many2one(
        "res.users",
        string="Authorized Representative",
        tracking=True,
        help="The agency's authorized representative for the service desk (نماینده تام‌الاختیار).",
    )
    unit_ids = fields.One2many("miz.org.unit", "agency_id", string="Units")
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Calendar",
        help="Working week and public holidays used for promised dates and deadlines.",
    )
    thursday_working = fields.Boolean(
        string="Works on Thursday",
        help="Government agencies work Saturday to Wednesday; tick when this agency also works on Thursday.",
        tracking=True,
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "unique(code)", "The official code of an agency must be unique.")]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for agency in self:
            if agency.parent_id:
                agency.complete_name = f"{agency.parent_id.complete_name} / {agency.name}"
            else:
                agency.complete_name = agency.name

    @api.depends("complete_name")
    def _compute_display_name(self):
        for agency in self:
            agency.display_name = agency.complete_name or agency.name

    @api.constrains("parent_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(_("An agency cannot be its own parent."))

    @api.constrains("level", "province_id")
    def _check_province(self):
        for agency in self:
            if agency.level == "provincial" and not agency.province_id:
                raise ValidationError(_("A provincial unit must name its province."))

    @api.model_create_multi
    def create(self, vals_list):
        agencies = super().create(vals_list)
        for agency in agencies.filtered(lambda a: not a.calendar_id):
            agency.calendar_id = agency._miz_create_calendar()
        return agencies

    def write(self, vals):
        res = super().write(vals)
        if "thursday_working" in vals:
            for agency in self.filtered("calendar_id"):
                agency.calendar_id.attendance_ids = agency._miz_attendance_commands()
        return res

    # ------------------------------------------------------------------ calendar
    def _miz_attendance_commands(self):
        self.ensure_one()
        days = list(SATURDAY_TO_WEDNESDAY) + ([THURSDAY] if self.thursday_working else [])
        commands = [fields.Command.clear()]
        for day in days:
            end = 13.0 if day == THURSDAY else 14.0
            commands.append(
                fields.Command.create(
                    {"name": day, "dayofweek": day, "hour_from": 7.0, "hour_to": end, "day_period": "morning"}
                )
            )
        return commands

    def _miz_create_calendar(self):
        """A resource calendar with the Iranian government week and the public holidays."""
        self.ensure_one()
        calendar = (
            self.env["resource.calendar"]
            .sudo()
            .create(
                {
                    "name": _("Working week of %s", self.name),
                    "tz": "Asia/Tehran",
                    "company_id": self.company_id.id,
                    "attendance_ids": self._miz_attendance_commands(),
                    "miz_government": True,
                }
            )
        )
        self.env["miz.holiday"].sudo().search([])._miz_sync_leaves(calendar)
        return calendar

    def is_working_day(self, day):
        """Whether ``day`` (a date) is a working day on the agency's calendar (week and public holidays)."""
        self.ensure_one()
        return self._miz_working_day_checker(day, day)(day)

    def _miz_working_day_checker(self, date_from, date_to):
        calendar = self.calendar_id
        if not calendar:
            weekdays = {int(d) for d in SATURDAY_TO_WEDNESDAY} | ({int(THURSDAY)} if self.thursday_working else set())
            closed = set()
        else:
            weekdays = {int(d) for d in calendar.attendance_ids.mapped("dayofweek")}
            leaves = (
                self.env["resource.calendar.leaves"]
                .sudo()
                .search(
                    [
                        ("calendar_id", "=", calendar.id),
                        ("resource_id", "=", False),
                        ("date_from", "<=", datetime.datetime.combine(date_to, datetime.time.max)),
                        (
                            "date_to",
                            ">=",
                            datetime.datetime.combine(date_from, datetime.time.min) - datetime.timedelta(days=1),
                        ),
                    ]
                )
            )
            closed = set()
            for leave in leaves:
                # leaves are stored in UTC; a holiday covers the whole local (Tehran) day
                first = leave.miz_holiday_id.date or (leave.date_from + datetime.timedelta(hours=4)).date()
                last = leave.miz_holiday_id.date or (leave.date_to + datetime.timedelta(hours=3)).date()
                day = first
                while day <= last:
                    closed.add(day)
                    day += datetime.timedelta(days=1)
        return lambda day: day.weekday() in weekdays and day not in closed

    def add_working_days(self, start_date, days):
        """The date ``days`` working days after ``start_date`` on the agency's calendar.

        Fridays, non-working Thursdays and public holidays are skipped; ``days=0`` gives ``start_date`` itself
        (moved forward to the next working day when it is not one).
        """
        self.ensure_one()
        if isinstance(start_date, datetime.datetime):
            start_date = start_date.date()
        horizon = start_date + datetime.timedelta(days=days * 2 + 60)
        is_working = self._miz_working_day_checker(start_date, horizon)
        day = start_date
        if days == 0:
            while not is_working(day):
                day += datetime.timedelta(days=1)
            return day
        counted = 0
        while counted < days:
            day += datetime.timedelta(days=1)
            if day > horizon:
                horizon = day + datetime.timedelta(days=90)
                is_working = self._miz_working_day_checker(day, horizon)
            if is_working(day):
                counted += 1
        return day
