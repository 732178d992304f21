"""QWeb field widgets ``miz_jdate`` and ``miz_jdatetime``.

``<span t-field="doc.date" t-options="{'widget': 'miz_jdate'}"/>`` prints the Jalali date in Persian digits,
``{'widget': 'miz_jdatetime'}`` the Jalali date and time; both accept ``format`` (``short``, ``medium``, ``long``
or a pattern of ``tools.jalali``) and ``tz_name``. Without ``tz_name`` a datetime is shown in the time zone of the
record's agency (``ir.actions.report._miz_print_tz``), else Asia/Tehran — never in the user's. They also work on
``t-out`` values (then Asia/Tehran unless ``tz_name`` is given).
"""

from odoo import _, api, models

from .ir_actions_report import wrap_ltr_runs


def _with_agency_tz(record, options):
    """``options`` with the time zone of ``record``'s agency unless the template gave one."""
    if options.get("tz_name"):
        return options
    return dict(options, tz_name=record.env["ir.actions.report"]._miz_print_tz(record))


class IrQwebFieldMizJdate(models.AbstractModel):
    _name = "ir.qweb.field.miz_jdate"
    _description = "QWeb Field Jalali Date"
    _inherit = "ir.qweb.field"

    @api.model
    def get_available_options(self):
        options = super().get_available_options()
        options.update(
            format={"type": "string", "string": _("Jalali date format")},
            tz_name={"type": "char", "string": _("Time zone")},
        )
        return options

    @api.model
    def record_to_html(self, record, field_name, options):
        return super().record_to_html(record, field_name, _with_agency_tz(record, options))

    @api.model
    def value_to_html(self, value, options):
        text = self.env["ir.actions.report"]._miz_jdate_text(
            value, fmt=options.get("format"), tz=options.get("tz_name")
        )
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
    def record_to_html(self, record, field_name, options):
        return super().record_to_html(record, field_name, _with_agency_tz(record, options))

    @api.model
    def value_to_html(self, value, options):
        text = self.env["ir.actions.report"]._miz_jdatetime_text(
            value, tz=options.get("tz_name"), fmt=options.get("format")
        )
        return wrap_ltr_runs(text)
