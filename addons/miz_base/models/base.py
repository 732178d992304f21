import collections
import datetime

import pytz

from odoo import models
from odoo.models import parse_read_group_spec
from odoo.osv import expression
from odoo.tools import DEFAULT_SERVER_DATE_FORMAT, DEFAULT_SERVER_DATETIME_FORMAT, SQL

from ..tools import jalali

# Granularities grouped by Jalali period for Jalali users; "bimonth" (the two-month audit period) is Jalali for
# everyone, Odoo has no such granularity. "day" and "hour" buckets are the same in both calendars: only their
# labels change.
JALALI_GRANULARITIES = frozenset(("week", "month", "bimonth", "quarter", "year"))
ALWAYS_JALALI = frozenset(("bimonth",))


class Base(models.AbstractModel):
    _inherit = "base"

    # ------------------------------------------------------------------------------------- Jalali grouping
    def _miz_jalali_granularity(self, groupby_spec):
        """The Jalali granularity of ``groupby_spec`` (``'date:month'``…) in this environment, or None.

        Jalali users (``res.users._miz_is_jalali_context``) group dates and datetimes by Jalali week, month,
        audit period, quarter and year; everyone groups by ``bimonth`` in Jalali; anything else is Odoo's.
        """
        fname, property_name, granularity = parse_read_group_spec(groupby_spec)
        field = self._fields.get(fname)
        if property_name or not field or field.type not in ("date", "datetime"):
            return None
        granularity = granularity or "month"
        if granularity in ALWAYS_JALALI:
            return granularity
        if granularity in JALALI_GRANULARITIES and self.env["res.users"]._miz_is_jalali_context():
            return granularity
        return None

    def _read_group_groupby(self, groupby_spec, query):
        """Jalali buckets in SQL: ``miz_jalali_trunc(granularity, <local date>)``.

        The value of a group is then, as in Odoo, the first day of its period (a ``date``, or a local naive
        ``datetime`` at midnight for datetime fields, converted to the context's time zone first): sorting
        by it is chronological and ``_read_group`` callers keep receiving dates.
        """
        granularity = self._miz_jalali_granularity(groupby_spec)
        if not granularity:
            return super()._read_group_groupby(groupby_spec, query)
        fname = parse_read_group_spec(groupby_spec)[0]
        field = self._fields[fname]
        sql_expr = self._field_to_sql(self._table, fname, query)
        if field.type == "datetime":
            tz = self.env.context.get("tz")
            if tz in pytz.all_timezones_set:
                sql_expr = SQL("timezone(%s, timezone('UTC', %s))", tz, sql_expr)
            return SQL("miz_jalali_trunc(%s, %s::timestamp)", granularity, sql_expr)
        return SQL("miz_jalali_trunc(%s, %s::date)", granularity, sql_expr)

    def _read_group_fill_temporal(
        self, data, groupby, annoted_aggregates, fill_from=False, fill_to=False, min_groups=False
    ):
        """Empty groups between Jalali periods (graphs), stepping by Jalali period instead of relativedelta."""
        first_group = groupby[0]
        granularity = self._miz_jalali_granularity(first_group)
        if not granularity:
            return super()._read_group_fill_temporal(
                data, groupby, annoted_aggregates, fill_from=fill_from, fill_to=fill_to, min_groups=min_groups
            )
        field = self._fields[first_group.split(":")[0]]
        is_datetime = field.type == "datetime"

        def start_of(value):
            # bounds are read as local dates, as Odoo reads them
            if isinstance(value, str):
                value = datetime.date.fromisoformat(value[:10])
            if isinstance(value, datetime.datetime):
                value = value.date()
            return jalali.period_start(value, granularity)

        existing = [row[first_group] for row in data if row[first_group]]
        starts = [value.date() if isinstance(value, datetime.datetime) else value for value in existing]
        first = start_of(fill_from) if fill_from else (starts[0] if starts else None)
        last = start_of(fill_to) if fill_to else (starts[-1] if starts else None)
        first = first or last
        last = last or first
        if not first:
            return data
        required = []
        current = first
        while current <= last or (min_groups and len(required) < min_groups):
            required.append(current)
            current = jalali.period_end(current, granularity)
        if is_datetime:
            required = [datetime.datetime.combine(day, datetime.time.min) for day in required]
        empty_item = {name: self._read_group_empty_value(spec) for name, spec in annoted_aggregates.items()}
        for group in groupby[1:]:
            empty_item[group] = self._read_group_empty_value(group)
        grouped = collections.defaultdict(list)
        for row in data:
            grouped[row[first_group]].append(row)
        result = []
        for value in sorted(set(existing) | set(required)):
            result.extend(grouped[value] or [dict(empty_item, **{first_group: value})])
        result.extend(grouped.get(False, []))
        return result

    def _read_group_format_result(self, rows_dict, lazy_groupby):
        """Labels, ``__range`` and ``__domain`` of Jalali groups; Jalali labels of day/hour groups.

        A Jalali group reads «مهر ۱۴۰۵», «بهار ۱۴۰۵», «۱۴۰۵», «هفته ۳ ۱۴۰۵», «مهر–آبان ۱۴۰۵»; its ``__range`` and
        ``__domain`` are the Jalali period in Gregorian bounds (UTC for datetimes), so opening a group shows
        exactly its records. Day and hour buckets are Odoo's; for Jalali users only their label changes
        (``۱۵ فروردین ۱۴۰۳``). Gregorian users get Odoo's result untouched.
        """
        jalali_groups = {}
        for group in lazy_groupby:
            granularity = self._miz_jalali_granularity(group)
            if granularity:
                jalali_groups[group] = granularity
        super()._read_group_format_result(rows_dict, [group for group in lazy_groupby if group not in jalali_groups])
        if not rows_dict:
            return
        latin_digits = not (self.env.context.get("lang") or "").startswith("fa")
        tz = self.env.context.get("tz")
        # without a valid time zone Odoo groups datetimes by UTC day, and so do we
        tz = tz if tz in pytz.all_timezones_set else None
        for group, granularity in jalali_groups.items():
            self._miz_format_jalali_group(rows_dict, group, granularity, tz, latin_digits)
        if not self.env["res.users"]._miz_is_jalali_context():
            return
        for group in lazy_groupby:
            if group in jalali_groups:
                continue
            field = self._fields.get(group.split(":")[0].split(".")[0])
            if not field or field.type not in ("date", "datetime"):
                continue
            granularity = group.split(":")[1] if ":" in group else "month"
            for row in rows_dict:
                bounds = (row.get("__range") or {}).get(group)
                if not bounds or not row.get(group):
                    continue
                row[group] = self._miz_jalali_day_label(field.type, granularity, bounds, tz or "UTC", latin_digits)

    def _miz_format_jalali_group(self, rows_dict, group, granularity, tz, latin_digits):
        fname = group.split(":")[0]
        is_datetime = self._fields[fname].type == "datetime"
        zone = pytz.timezone(tz) if is_datetime and tz else None
        for row in rows_dict:
            value = row[group]
            if not value:
                row.setdefault("__range", {})[group] = False
                additional_domain = [(fname, "=", False)]
            else:
                start = value.date() if isinstance(value, datetime.datetime) else value
                end = jalali.period_end(start, granularity)
                if is_datetime:
                    bounds = []
                    for day in (start, end):
                        moment = datetime.datetime.combine(day, datetime.time.min)
                        if zone:
                            moment = zone.localize(moment).astimezone(pytz.utc).replace(tzinfo=None)
                        bounds.append(moment.strftime(DEFAULT_SERVER_DATETIME_FORMAT))
                else:
                    bounds = [day.strftime(DEFAULT_SERVER_DATE_FORMAT) for day in (start, end)]
                row[group] = jalali.period_label(start, granularity, latin_digits=latin_digits)
                row.setdefault("__range", {})[group] = {"from": bounds[0], "to": bounds[1]}
                additional_domain = ["&", (fname, ">=", bounds[0]), (fname, "<", bounds[1])]
            row["__domain"] = expression.AND([row["__domain"], additional_domain])

    def _miz_jalali_day_label(self, field_type, granularity, bounds, tz, latin_digits):
        if field_type == "datetime":
            start = datetime.datetime.strptime(bounds["from"], DEFAULT_SERVER_DATETIME_FORMAT)
            if granularity == "hour":
                return jalali.format_datetime(start, tz=tz, latin_digits=latin_digits)
        else:
            start = datetime.datetime.strptime(bounds["from"], DEFAULT_SERVER_DATE_FORMAT).date()
        return jalali.format_date(start, "medium", tz=tz, latin_digits=latin_digits)
