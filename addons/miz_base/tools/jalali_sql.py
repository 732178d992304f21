"""PostgreSQL functions computing Jalali periods in SQL — no Odoo import; the SQL text is built here.

``FUNCTIONS_SQL`` creates (``CREATE OR REPLACE``) three IMMUTABLE, PARALLEL SAFE ``LANGUAGE sql`` functions
in plain SQL (no extension, no PL/pgSQL):

- ``miz_jalali_ymd(d date) -> integer``: ``jy * 10000 + jm * 100 + jd`` (``14050115`` for 15 Farvardin 1405).
- ``miz_jalali_trunc(granularity text, d date) -> date``: the Gregorian date of the first day of the Jalali
  period holding ``d``, for ``'day'``, ``'week'`` (weeks start on Saturday), ``'month'``, ``'bimonth'`` (the
  two-month audit period: Farvardin–Ordibehesht … Bahman–Esfand), ``'quarter'`` (seasons) and ``'year'``;
  NULL for another granularity or a NULL date.
- ``miz_jalali_trunc(granularity text, t timestamp) -> timestamp``: the same on the timestamp's calendar date,
  at midnight (callers convert UTC to the user's time zone first, as Odoo does for its own buckets).

The calendar is the 33-year arithmetic one of ``jdatetime`` (so of ``miz_base.tools.jalali``): year ``y`` is
leap when ``y % 33`` is 1, 5, 9, 13, 17, 22, 26 or 30, which is the same as ``(8 * y + 29) % 33 < 8``. Then the
number of days before year ``y`` is ``(12053 * (y - 1) + 29) // 33`` and, inversely, the day ``n`` (0 = the
first day of year 1) falls in year ``(33 * n + 3) // 12053 + 1`` — integer arithmetic, no table, no loop. The
day count starts 20 cycles (660 years) before year 1, so it stays positive for any date an Odoo database holds
(PostgreSQL's integer division truncates towards zero).

The functions are single SQL expressions without ``STRICT``, so the planner inlines them into the query: a
``GROUP BY miz_jalali_trunc('month', col)`` costs some integer arithmetic per row, not a function call.
"""

import datetime as _dt

# 1 Farvardin of Jalali year 1 is 0622-03-21 (proleptic Gregorian, as PostgreSQL and Python count).
_FARVARDIN_1_YEAR_1 = _dt.date(622, 3, 21)
_CYCLE_DAYS = 12053  # 33 Jalali years
_CYCLES_BEFORE = 20
_JULIAN_DAY_OFFSET = 1721425  # Julian day number = proleptic Gregorian ordinal + this
EPOCH_JULIAN_DAY = _FARVARDIN_1_YEAR_1.toordinal() + _JULIAN_DAY_OFFSET - _CYCLES_BEFORE * _CYCLE_DAYS
YEAR_OFFSET = 1 - 33 * _CYCLES_BEFORE  # Jalali year = (33 * n + 3) // 12053 + YEAR_OFFSET
# Julian day 0 is a Monday; Saturday is weekday 5 counted from Monday.
_WEEK_SHIFT = (EPOCH_JULIAN_DAY % 7 - 5) % 7

GRANULARITIES = ("day", "week", "month", "bimonth", "quarter", "year")


def _expressions(d):
    """SQL expressions (text) over the date expression ``d``."""
    n = f"({d} - DATE 'J{EPOCH_JULIAN_DAY}')"
    cycle_year = f"((33 * {n} + 3) / {_CYCLE_DAYS})"
    # 0-based day of the Jalali year: n - (12053 * Y + 29) // 33 simplifies to ((33 * n + 3) % 12053) // 33,
    # which reads `d` once (a datetime's time zone conversion is then done once per use of doy)
    doy = f"((33 * {n} + 3) % {_CYCLE_DAYS} / 33)"

    def back(first_half, second_half):
        # days back to the period's first day: periods of `first_half` days in the 186 days of the first six
        # months (31 days each), of `second_half` days after them (30-day months, Esfand shorter)
        return f"({d} - CASE WHEN {doy} < 186 THEN {doy} % {first_half} ELSE ({doy} - 186) % {second_half} END)"

    return {
        "year_number": f"({cycle_year} + {YEAR_OFFSET})",
        "month_number": f"CASE WHEN {doy} < 186 THEN {doy} / 31 + 1 ELSE ({doy} - 186) / 30 + 7 END",
        "day_number": f"(CASE WHEN {doy} < 186 THEN {doy} % 31 ELSE ({doy} - 186) % 30 END + 1)",
        "day": d,
        "week": f"({d} - ({n} + {_WEEK_SHIFT}) % 7)",
        "month": back(31, 30),
        "bimonth": back(62, 60),
        "quarter": back(93, 90),
        "year": f"({d} - {doy})",
    }


def _functions_sql():
    exprs = _expressions("d")
    ymd = f"{exprs['year_number']} * 10000 + {exprs['month_number']} * 100 + {exprs['day_number']}"
    cases = "\n".join(f"        WHEN '{name}' THEN {exprs[name]}" for name in GRANULARITIES)
    options = "LANGUAGE sql IMMUTABLE PARALLEL SAFE"
    return f"""
CREATE OR REPLACE FUNCTION miz_jalali_ymd(d date) RETURNS integer
{options} AS $miz$
    SELECT {ymd}
$miz$;
CREATE OR REPLACE FUNCTION miz_jalali_trunc(granularity text, d date) RETURNS date
{options} AS $miz$
    SELECT CASE granularity
{cases}
    END
$miz$;
CREATE OR REPLACE FUNCTION miz_jalali_trunc(granularity text, t timestamp) RETURNS timestamp
{options} AS $miz$
    SELECT miz_jalali_trunc(granularity, t::date)::timestamp
$miz$;
"""


FUNCTIONS_SQL = _functions_sql()
