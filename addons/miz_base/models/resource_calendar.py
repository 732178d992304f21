from odoo import fields, models


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    miz_government = fields.Boolean(
        string="Iranian Government Calendar",
        help="Receives the official public holidays (miz.holiday) as global leaves.",
    )


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    miz_holiday_id = fields.Many2one("miz.holiday", string="Public Holiday", ondelete="cascade", index="btree_not_null")
