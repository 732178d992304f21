"""QWeb field widgets ``miz_jdate`` and ``miz_jdatetime``.

``<span t-field="doc.date" t-options="{'widget': 'miz_jdate'}"/>`` prints the Jalali date in Persian digits,
``{'widget': 'miz_jdatetime', 'tz_name': 'Asia/Tehran'}`` the Jalali date and time; both accept ``format``
(``short``, ``medium``, ``long`` or a pattern of ``tools.jalali``). They also work on ``t-out`` values.
"""

from odoo import _, api, models

from .ir_actions_report import wrap_ltr_runs


class IrQwebFieldMizJdate(models.AbstractModel):
    _name = "ir.qweb.field.miz_jdate"
    _description = "QWeb Field Jalali Date"
    _inherit = "ir.qweb.field"

    @api.model
    def get_available_options(self):
        options = super().get_available_options()
        options.update(format={"type": "string", "string": _("Jalali date format")})
        return options

    @api.model
    def value_to_html(self, value, options):
        text = self.env["ir.actions.report"]._miz_jdate_text(value, fmt=options.get("format"))
        return wrap_ltr_runs(text)


class IrQwebFieldMizJdatetime(models.AbstractModel):
    _name = "ir.qweb.field.miz_jdatetime"
    _description = "QWeb Field Jalali Datetime"
    _inherit = "ir.qweb.field"

    @api.model
    def get_available_options(self):
        options = super().get_available_options()
        options.update(
            format={"type": "string", "string": _("Jalali date and time format")},
            tz_name={"type": "char", "string": _("Time zone")},
        )
        return options

    @api.model
    def value_to_html(self, value, options):
        text = self.env["ir.actions.report"]._miz_jdatetime_text(
            value, tz=options.get("tz_name"), fmt=options.get("format")
        )
        return wrap_ltr_runs(text)
