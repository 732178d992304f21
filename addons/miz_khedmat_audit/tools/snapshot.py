"""Building blocks of the audit snapshot (``miz.audit`` contract, version 1) that need no database.

Public API:

- ``has_text(value)`` / ``html_has_text(value)``: whether a booklet field really holds content (whitespace,
  zero-width joiners, ``&nbsp;`` and empty tags such as ``<p><br></p>`` do not count);
- ``utc_bounds(date_start, date_end, tz)``: the period ``[date_start, date_end]`` (local days, both included) as
  naive UTC datetimes ``[start, end)`` to compare with stored ``Datetime`` fields;
- ``weekday(day)``: 0 = Saturday … 6 = Friday (the Iranian week); ``hour_band(hour)``: ``"08-10"``;
- ``receipts_evidence(receipts_by_hour, working_days)``: the Section 2 row 2 evidence from receipt counts per
  local hour (``{datetime truncated to the hour: count}``) and the working days of the period;
- ``level_summary(levels)``: counts per level 1..5 (string keys), mean and respondents of one question;
- ``age_band(age)``: the demographic band of an age (``"30-39"``, ``"60+"``).
"""

import datetime
import html
import re
from zoneinfo import ZoneInfo

_TAG_RE = re.compile(r"<[^>]*>")
_BLANK_RE = re.compile(r"[\s\u00a0\u200b\u200c\u200d\u200e\u200f\ufeff]+")
LEVELS = ("1", "2", "3", "4", "5")
WEEKDAYS = 7


def has_text(value):
    """Whether a plain-text field holds something other than blanks."""
    if not value:
        return False
    return bool(_BLANK_RE.sub("", str(value)))


def html_has_text(value):
    """Whether an HTML field holds visible text once its tags are stripped (an image alone is not text)."""
    if not value:
        return False
    return has_text(html.unescape(_TAG_RE.sub(" ", str(value))))


def utc_bounds(date_start, date_end, tz="Asia/Tehran"):
    """``(start, end)`` naive UTC datetimes of local midnight of ``date_start`` and of the day after ``date_end``."""
    zone = ZoneInfo(tz)

    def utc_midnight(day):
        local = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
        return local.astimezone(datetime.timezone.utc).replace(tzinfo=None)

    return utc_midnight(date_start), utc_midnight(date_end + datetime.timedelta(days=1))


def weekday(day):
    """Day of the Iranian week: 0 = Saturday, 1 = Sunday … 6 = Friday."""
    return (day.weekday() + 2) % WEEKDAYS


def hour_band(hour):
    """The two-hour band of ``hour`` (0..23): ``"08-10"`` for 8 and 9."""
    first = hour - hour % 2
    return f"{first:02d}-{first + 2:02d}"


def receipts_evidence(receipts_by_hour, working_days):
    """Evidence of the desk's continuous activity (Section 2 row 2).

    ``receipts_by_hour``: ``{local datetime truncated to the hour: receipts}``; ``working_days``: the working days
    of the period (dates, in order). Receipts issued on a non-working day count in the weekday/band table but not
    as a working day with receipts. Returns::

        {"working_days": int, "days_with_receipts": int, "days_without_receipts": ["YYYY-MM-DD", ...],
         "receipts": int, "receipts_by_day": [["YYYY-MM-DD", n], ...],
         "receipts_by_weekday_hour": [[weekday, "08-10", n], ...]}
    """
    by_day, by_slot = {}, {}
    for moment, count in receipts_by_hour.items():
        if not count:
            continue
        day = moment.date()
        by_day[day] = by_day.get(day, 0) + count
        slot = (weekday(day), hour_band(moment.hour))
        by_slot[slot] = by_slot.get(slot, 0) + count
    working = list(working_days)
    without = [day for day in working if not by_day.get(day)]
    return {
        "working_days": len(working),
        "days_with_receipts": len(working) - len(without),
        "days_without_receipts": [day.isoformat() for day in without],
        "receipts": sum(by_day.values()),
        "receipts_by_day": [[day.isoformat(), by_day[day]] for day in sorted(by_day)],
        "receipts_by_weekday_hour": [[day, band, by_slot[(day, band)]] for day, band in sorted(by_slot)],
    }


def level_summary(levels):
    """``{"counts": {"1": n, …, "5": n}, "mean": float, "respondents": int}`` from ``{score: count}``."""
    counts = {level: 0 for level in LEVELS}
    for score, count in levels.items():
        key = str(int(score))
        if key in counts:
            counts[key] += count
    respondents = sum(counts.values())
    mean = sum(int(level) * n for level, n in counts.items()) / respondents if respondents else 0.0
    return {"counts": counts, "mean": round(mean, 2), "respondents": respondents}


def age_band(age):
    """``"<20"``, ``"20-29"`` … ``"50-59"``, ``"60+"``."""
    age = int(age)
    if age < 20:
        return "<20"
    if age >= 60:
        return "60+"
    first = age - age % 10
    return f"{first}-{first + 9}"
