from odoo import api, fields, models

from odoo.addons.miz_base.tools import jalali


class MizKhedmatRequest(models.Model):
    """Jalali grouping keys of a request for the managers' dashboard (stored, so pivot/graph can group by them)."""

    _inherit = "miz.khedmat.request"

    miz_jalali_month = fields.Char(
        "Jalali Month", compute="_compute_miz_jalali_period", store=True, help="YYYY/MM of registration (or intake)."
    )
    miz_period_label = fields.Char(
        "Audit Period",
        compute="_compute_miz_jalali_period",
        store=True,
        help="Bi-monthly audit period of registration.",
    )

    @api.depends("registration_date", "create_date")
    def _compute_miz_jalali_period(self):
        Input = self.env["survey.user_input"]
        for request in self:
            when = request.registration_date or request.create_date
            if not when:
                request.miz_jalali_month = request.miz_period_label = False
                continue
            request.miz_jalali_month = jalali.format_date(when, "%Y/%m", latin_digits=True)
            year, index, _start, _end = jalali.bimonthly_period(when)
            request.miz_period_label = Input._miz_period_label(year, index)
