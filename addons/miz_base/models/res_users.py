from odoo import api, fields, models

MIZ_CALENDARS = [
    ("auto", "By language"),
    ("gregorian", "Gregorian"),
    ("jalali", "Jalali"),
]


class ResUsers(models.Model):
    _inherit = "res.users"

    # The "context_" prefix makes res.users.context_get() put the value in the
    # user context as "miz_calendar": the web client reads it from
    # user.context, and every RPC sends it back to the server.
    context_miz_calendar = fields.Selection(
        MIZ_CALENDARS,
        string="Calendar",
        default="auto",
        required=True,
        help="Calendar used to show and type dates. 'By language' shows Jalali dates to "
        "Persian-language users and Gregorian dates to the others. Stored values stay Gregorian.",
    )

    miz_export_jalali = fields.Boolean(
        string="Jalali Dates in Excel Exports",
        help="Excel (XLSX) exports put the Jalali date as text next to every date column.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return [*super().SELF_READABLE_FIELDS, "context_miz_calendar", "miz_export_jalali"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return [*super().SELF_WRITEABLE_FIELDS, "context_miz_calendar", "miz_export_jalali"]

    @api.model
    def _miz_is_jalali_context(self, context=None):
        """Whether dates are shown in Jalali for the given context (default: env context)."""
        context = self.env.context if context is None else context
        preference = context.get("miz_calendar") or "auto"
        if preference == "auto":
            return (context.get("lang") or "").startswith("fa")
        return preference == "jalali"
