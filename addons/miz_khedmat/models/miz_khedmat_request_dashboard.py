import datetime

from odoo import api, fields, models

from odoo.addons.miz_base.tools import jalali


class MizKhedmatRequest(models.Model):
    """Dashboard measure of a request, stored so pivot/graph can average it: the duration in working days.

    Jalali months and audit periods need no stored key: miz_base groups ``registration_date:month`` (and
    ``:bimonth``, ``:quarter``, ``:year``) by real Jalali periods.
    """

    _inherit = "miz.khedmat.request"

    miz_duration_working_days = fields.Integer(
        "Duration (working days)",
        compute="_compute_miz_duration_working_days",
        store=True,
        help="Working days of the agency's calendar from registration to the response notice, counted like the "
        "promise (the day of registration is not counted, the day of the notice is): a request notified on its "
        "promised date took exactly its promised working days.",
    )

    @api.depends("registration_date", "notice_date")
    def _compute_miz_duration_working_days(self):
        for request in self:
            request.miz_duration_working_days = request._miz_working_days_between(
                request.registration_date, request.notice_date
            )

    def _miz_working_days_between(self, start, end):
        """Working days of the agency's calendar in the Tehran days after ``start`` up to ``end`` (datetimes)."""
        self.ensure_one()
        if not (start and end and self.agency_id):
            return 0
        first, last = jalali.to_local(start).date(), jalali.to_local(end).date()
        if last <= first:
            return 0
        is_working = self.agency_id.sudo()._miz_working_day_checker(first, last)
        days = (last - first).days
        return sum(1 for n in range(1, days + 1) if is_working(first + datetime.timedelta(days=n)))
