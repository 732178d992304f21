import datetime

from odoo import models
from odoo.tools import DEFAULT_SERVER_DATE_FORMAT, DEFAULT_SERVER_DATETIME_FORMAT

from ..tools import jalali


class Base(models.AbstractModel):
    _inherit = "base"

    def _read_group_format_result(self, rows_dict, lazy_groupby):
        """Jalali labels for date/datetime groups (list, kanban, pivot, graph) of Jalali users.

        Buckets stay Odoo's (Gregorian day/week/month/...), and so do their domains and
        ``__range``: only the label changes. A day group reads ``۱۵ فروردین ۱۴۰۳``; a longer
        bucket is labelled by its first and last Jalali day, so a Gregorian month never
        pretends to be a Jalali one.
        """
        super()._read_group_format_result(rows_dict, lazy_groupby)
        if not rows_dict or not self.env["res.users"]._miz_is_jalali_context():
            return
        latin_digits = not (self.env.context.get("lang") or "").startswith("fa")
        tz = self.env.context.get("tz") or jalali.DEFAULT_TZ
        for group in lazy_groupby:
            field = self._fields.get(group.split(":")[0].split(".")[0])
            if not field or field.type not in ("date", "datetime"):
                continue
            granularity = group.split(":")[1] if ":" in group else "month"
            for row in rows_dict:
                bounds = (row.get("__range") or {}).get(group)
                if not bounds or not row.get(group):
                    continue
                row[group] = self._miz_jalali_group_label(field.type, granularity, bounds, tz, latin_digits)

    def _miz_jalali_group_label(self, field_type, granularity, bounds, tz, latin_digits):
        if field_type == "datetime":
            start = datetime.datetime.strptime(bounds["from"], DEFAULT_SERVER_DATETIME_FORMAT)
            end = datetime.datetime.strptime(bounds["to"], DEFAULT_SERVER_DATETIME_FORMAT)
            last = end - datetime.timedelta(seconds=1)
            if granularity == "hour":
                return jalali.format_datetime(start, tz=tz, latin_digits=latin_digits)
        else:
            start = datetime.datetime.strptime(bounds["from"], DEFAULT_SERVER_DATE_FORMAT).date()
            end = datetime.datetime.strptime(bounds["to"], DEFAULT_SERVER_DATE_FORMAT).date()
            last = end - datetime.timedelta(days=1)
        first_text = jalali.format_date(start, "medium", tz=tz, latin_digits=latin_digits)
        last_text = jalali.format_date(last, "medium", tz=tz, latin_digits=latin_digits)
        if granularity == "day" or first_text == last_text:
            return first_text
        return f"{first_text} – {last_text}"
