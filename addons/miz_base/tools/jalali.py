"""Jalali (Solar Hijri) calendar helpers built on ``jdatetime`` — no Odoo import.

Conversion
- ``to_jalali(value, tz=None) -> (jy, jm, jd)``: a ``date``/``datetime`` (datetimes are converted to ``tz`` first).
- ``to_jdate(value, tz=None) -> jdatetime.date`` (locale ``fa_IR``, passed per call).
- ``to_gregorian(jy, jm, jd) -> datetime.date`` (``ValueError`` on an impossible Jalali date).
- ``to_local(dt, tz=None) -> aware datetime`` in ``tz``; naive datetimes are taken as UTC (Odoo's storage).
- ``is_leap(jy)``, ``month_length(jy, jm)``, ``month_lengths(jy)``, ``jalali_year(value, tz=None)``.

Formatting (Persian digits by default, ``latin_digits=True`` for ASCII digits)
- ``format_date(value, fmt="short", tz=None, latin_digits=False)``: ``'۱۴۰۵/۰۱/۱۵'``; ``fmt="medium"`` →
  ``'۱۵ فروردین ۱۴۰۵'``; ``fmt="long"`` → ``'شنبه ۱۵ فروردین ۱۴۰۵'``; or a pattern (see below).
- ``format_datetime(value, tz=None, fmt="short", latin_digits=False)``: ``'۱۴۰۵/۰۱/۱۵ ۱۰:۳۰'`` in ``tz``
  (default ``Asia/Tehran``); presets ``short``, ``seconds``, ``medium``, ``long``.
- Patterns: ``%Y`` year, ``%y`` 2-digit year, ``%m``/``%-m`` month, ``%d``/``%-d`` day, ``%B`` month name,
  ``%A`` weekday name, ``%H``/``%M``/``%S`` time, ``%%``.

Parsing
- ``parse(text) -> datetime.date`` (Gregorian) from Jalali input in Persian/Arabic/Latin digits with ``/ - .``
  separators (``'۱۴۰۵/۰۱/۱۵'``, ``'1405-1-15'``); ``ValueError`` with an English message on bad input.
- ``parse_datetime(text, tz=None) -> naive UTC datetime`` from ``'1405/01/15 10:30[:00]'`` in ``tz``.

Periods (all bounds are Gregorian ``datetime.date``, both inclusive)
- ``year_bounds(jy) -> (start, end)``, ``month_bounds(jy, jm)``.
- ``bimonthly_bounds(jy, index)``, ``quarter_bounds(jy, index)``, ``half_year_bounds(jy, index)``.
- ``month_period(value)``, ``bimonthly_period(value)`` (1 = Farvardin–Ordibehesht … 6 = Bahman–Esfand),
  ``quarter_period(value)``, ``half_year_period(value)`` → ``(jy, index, start, end)``.

Grouping periods (the Python twin of the SQL ``miz_jalali_trunc`` of ``jalali_sql``)
- ``GRANULARITIES``: ``day``, ``week`` (Saturday to Friday), ``month``, ``bimonth`` (the audit period),
  ``quarter`` (season), ``year``.
- ``period_start(value, granularity, tz=None) -> date``: Gregorian first day of the Jalali period of ``value``.
- ``period_end(start, granularity) -> date``: Gregorian first day of the next period (exclusive bound).
- ``week_number(value, tz=None) -> (jy, week)``: week 1 is the Saturday-to-Friday week holding 1 Farvardin.
- ``period_label(start, granularity, latin_digits=False)``: ``'۱۵ فروردین ۱۴۰۵'``, ``'هفته ۳ ۱۴۰۵'``,
  ``'مهر ۱۴۰۵'``, ``'فروردین–اردیبهشت ۱۴۰۵'``, ``'بهار ۱۴۰۵'``, ``'۱۴۰۵'``.

Constants: ``DEFAULT_TZ``, ``MONTH_NAMES``, ``SEASON_NAMES``, ``WEEKDAY_NAMES`` (index 0 = Saturday).
"""

import datetime as _dt
import re
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jdatetime

from .digits import TO_LATIN, TO_PERSIAN

DEFAULT_TZ = "Asia/Tehran"
LOCALE = "fa_IR"
UTC = _dt.timezone.utc

MONTH_NAMES = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
SEASON_NAMES = ("بهار", "تابستان", "پاییز", "زمستان")
# Index 0 = Saturday, the first day of the Iranian week.
WEEKDAY_NAMES = ("شنبه", "یکشنبه", "دوشنبه", "سه\u200cشنبه", "چهارشنبه", "پنجشنبه", "جمعه")

DATE_FORMATS = {
    "short": "%Y/%m/%d",
    "medium": "%-d %B %Y",
    "long": "%A %-d %B %Y",
}
DATETIME_FORMATS = {
    "short": "%Y/%m/%d %H:%M",
    "seconds": "%Y/%m/%d %H:%M:%S",
    "medium": "%-d %B %Y %H:%M",
    "long": "%A %-d %B %Y %H:%M",
}

_TWO_LATIN = tuple(f"{n:02d}" for n in range(100))
_TWO_PERSIAN = tuple(s.translate(TO_PERSIAN) for s in _TWO_LATIN)


# ---------------------------------------------------------------------------------------------- time zones
@lru_cache(maxsize=64)
def _zone_by_name(name):
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"Unknown time zone: {name!r}") from None


def _zone(tz):
    if not tz:
        return _zone_by_name(DEFAULT_TZ)
    if isinstance(tz, _dt.tzinfo):
        return tz
    return _zone_by_name(tz)


def to_local(value, tz=None):
    """Return the datetime ``value`` as an aware datetime in ``tz`` (naive values are UTC, as Odoo stores them)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(_zone(tz))


def _as_local_date(value, tz=None):
    """``date`` for a date, the local calendar date for a datetime."""
    if isinstance(value, _dt.datetime):
        return to_local(value, tz).date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if len(text) <= 10:
            return _dt.date.fromisoformat(text)
        return to_local(_dt.datetime.fromisoformat(text), tz).date()
    raise TypeError(f"Expected a date or datetime, got {type(value).__name__}")


# ---------------------------------------------------------------------------------------------- conversion
@lru_cache(maxsize=16384)
def _jalali_of_ordinal(ordinal):
    gdate = _dt.date.fromordinal(ordinal)
    jd = jdatetime.date.fromgregorian(date=gdate, locale=LOCALE)
    return jd.year, jd.month, jd.day


def to_jalali(value, tz=None):
    """``(jy, jm, jd)`` of a Gregorian ``date`` or ``datetime`` (datetime → calendar date in ``tz`` first)."""
    return _jalali_of_ordinal(_as_local_date(value, tz).toordinal())


def to_jdate(value, tz=None):
    """``jdatetime.date`` (locale ``fa_IR``) of a Gregorian ``date``/``datetime``."""
    jy, jm, jd = to_jalali(value, tz)
    return jdatetime.date(jy, jm, jd, locale=LOCALE)


@lru_cache(maxsize=1024)
def is_leap(jy):
    """True when Jalali year ``jy`` has 366 days (Esfand has 30 days)."""
    return jdatetime.date(jy, 1, 1, locale=LOCALE).isleap()


def month_length(jy, jm):
    """Number of days of Jalali month ``jm`` (1..12) in year ``jy``."""
    if not 1 <= jm <= 12:
        raise ValueError(f"Jalali month must be in 1..12, got {jm}")
    if jm <= 6:
        return 31
    if jm <= 11:
        return 30
    return 30 if is_leap(jy) else 29


def month_lengths(jy):
    """Tuple of the 12 month lengths of Jalali year ``jy``."""
    return (31,) * 6 + (30,) * 5 + ((30 if is_leap(jy) else 29),)


@lru_cache(maxsize=16384)
def to_gregorian(jy, jm, jd):
    """Gregorian ``datetime.date`` of Jalali ``jy/jm/jd``; ``ValueError`` if that Jalali date does not exist."""
    for part in (jy, jm, jd):
        if not isinstance(part, int) or isinstance(part, bool):
            raise TypeError("Jalali year, month and day must be integers")
    if not 1 <= jy <= jdatetime.MAXYEAR:
        raise ValueError(f"Jalali year out of range: {jy}")
    if not 1 <= jm <= 12:
        raise ValueError(f"Jalali month must be in 1..12, got {jm}")
    length = month_length(jy, jm)
    if not 1 <= jd <= length:
        raise ValueError(f"Day {jd} does not exist in Jalali month {jy}/{jm} (it has {length} days)")
    return jdatetime.date(jy, jm, jd, locale=LOCALE).togregorian()


def jalali_year(value, tz=None):
    """Jalali year of a Gregorian ``date``/``datetime``."""
    return to_jalali(value, tz)[0]


# ---------------------------------------------------------------------------------------------- formatting
_TOKEN_RE = re.compile(r"%(-?[a-zA-Z%])")
_KNOWN_TOKENS = {"Y", "y", "m", "-m", "d", "-d", "B", "A", "H", "-H", "M", "S", "%"}


@lru_cache(maxsize=128)
def _compile(pattern):
    """Split ``pattern`` into literal strings and token names (cached)."""
    parts = []
    pos = 0
    for match in _TOKEN_RE.finditer(pattern):
        if match.start() > pos:
            parts.append((False, pattern[pos : match.start()]))
        token = match.group(1)
        if token not in _KNOWN_TOKENS:
            raise ValueError(f"Unsupported Jalali format token: %{token}")
        parts.append((True, token))
        pos = match.end()
    if pos < len(pattern):
        parts.append((False, pattern[pos:]))
    return tuple(parts)


def _render(pattern, gdate, hour=0, minute=0, second=0, latin_digits=False):
    jy, jm, jd = _jalali_of_ordinal(gdate.toordinal())
    out = []
    for is_token, value in _compile(pattern):
        if not is_token:
            out.append(value)
        elif value == "Y":
            out.append(str(jy))
        elif value == "y":
            out.append(_TWO_LATIN[jy % 100])
        elif value == "m":
            out.append(_TWO_LATIN[jm])
        elif value == "-m":
            out.append(str(jm))
        elif value == "d":
            out.append(_TWO_LATIN[jd])
        elif value == "-d":
            out.append(str(jd))
        elif value == "B":
            out.append(MONTH_NAMES[jm - 1])
        elif value == "A":
            out.append(WEEKDAY_NAMES[(gdate.weekday() + 2) % 7])
        elif value == "H":
            out.append(_TWO_LATIN[hour])
        elif value == "-H":
            out.append(str(hour))
        elif value == "M":
            out.append(_TWO_LATIN[minute])
        elif value == "S":
            out.append(_TWO_LATIN[second])
        else:  # "%"
            out.append("%")
    text = "".join(out)
    return text if latin_digits else text.translate(TO_PERSIAN)


@lru_cache(maxsize=16384)
def _date_text(ordinal, pattern, latin_digits):
    return _render(pattern, _dt.date.fromordinal(ordinal), latin_digits=latin_digits)


def format_date(value, fmt="short", tz=None, latin_digits=False):
    """Jalali text of a ``date`` (or of a datetime's local date in ``tz``); ``""`` for empty values.

    ``fmt`` is a preset of ``DATE_FORMATS`` (``short``/``medium``/``long``) or a pattern such as ``"%Y/%m"``.
    """
    if value is None or value is False or value == "":
        return ""
    pattern = DATE_FORMATS.get(fmt, fmt)
    return _date_text(_as_local_date(value, tz).toordinal(), pattern, bool(latin_digits))


def format_datetime(value, tz=None, fmt="short", latin_digits=False):
    """Jalali date and time of a datetime shown in ``tz`` (default Asia/Tehran); naive values are UTC.

    ``format_datetime(datetime(2026, 4, 4, 7, 0), "Asia/Tehran")`` → ``'۱۴۰۵/۰۱/۱۵ ۱۰:۳۰'``.
    A plain ``date`` is formatted with the matching date preset. ``""`` for empty values.
    """
    if value is None or value is False or value == "":
        return ""
    if not isinstance(value, _dt.datetime):
        if isinstance(value, str) and len(value.strip()) > 10:
            value = _dt.datetime.fromisoformat(value.strip())
        else:
            return format_date(value, fmt if fmt in DATE_FORMATS else "short", tz, latin_digits)
    local = to_local(value, tz)
    if fmt == "short":  # hot path: cached date part + precomputed two-digit strings
        two = _TWO_LATIN if latin_digits else _TWO_PERSIAN
        return (
            _date_text(local.toordinal(), "%Y/%m/%d", bool(latin_digits))
            + " "
            + two[local.hour]
            + ":"
            + two[local.minute]
        )
    pattern = DATETIME_FORMATS.get(fmt, fmt)
    return _render(pattern, local.date(), local.hour, local.minute, local.second, latin_digits)


# ---------------------------------------------------------------------------------------------- parsing
_INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u200c\u200d\ufeff"))
_DATE_RE = re.compile(r"^\s*(\d{4})\s*([/\-.\u066b])\s*(\d{1,2})\s*\2\s*(\d{1,2})\s*$")
_DATETIME_RE = re.compile(
    r"^\s*(\d{4})\s*([/\-.\u066b])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$"
)


def _clean(text):
    if not isinstance(text, str):
        raise ValueError(f"Expected a text date, got {type(text).__name__}")
    return text.translate(TO_LATIN).translate(_INVISIBLE)


def parse(text):
    """Gregorian ``datetime.date`` of a Jalali date typed by a user.

    Accepts Persian, Arabic-Indic or Latin digits and one separator kind among ``/ - .``:
    ``'۱۴۰۵/۰۱/۱۵'``, ``'1405-1-15'``, ``'1405.01.15'``. The year must have 4 digits.
    Raises ``ValueError`` (English message) when the text is not a Jalali date or the date does not exist.
    """
    match = _DATE_RE.match(_clean(text))
    if not match:
        raise ValueError(f"Not a Jalali date (expected YYYY/MM/DD): {text!r}")
    jy, jm, jd = int(match.group(1)), int(match.group(3)), int(match.group(4))
    return to_gregorian(jy, jm, jd)


def parse_datetime(text, tz=None):
    """Naive UTC ``datetime`` (Odoo storage) of a Jalali date and time typed in ``tz`` (default Asia/Tehran).

    ``'۱۴۰۵/۰۱/۱۵ ۱۰:۳۰'`` → ``datetime(2026, 4, 4, 7, 0)``. A date alone means midnight local time.
    """
    cleaned = _clean(text)
    match = _DATETIME_RE.match(cleaned)
    if match:
        gdate = to_gregorian(int(match.group(1)), int(match.group(3)), int(match.group(4)))
        hour, minute, second = int(match.group(5)), int(match.group(6)), int(match.group(7) or 0)
        if hour > 23 or minute > 59 or second > 59:
            raise ValueError(f"Invalid time in {text!r}")
    else:
        gdate = parse(cleaned)
        hour = minute = second = 0
    local = _dt.datetime(gdate.year, gdate.month, gdate.day, hour, minute, second, tzinfo=_zone(tz))
    return local.astimezone(UTC).replace(tzinfo=None)


# ---------------------------------------------------------------------------------------------- periods
def year_bounds(jy):
    """``(first day, last day)`` of Jalali year ``jy`` as Gregorian dates."""
    return to_gregorian(jy, 1, 1), to_gregorian(jy, 12, month_length(jy, 12))


def month_bounds(jy, jm):
    """``(first day, last day)`` of Jalali month ``jy/jm`` as Gregorian dates."""
    return to_gregorian(jy, jm, 1), to_gregorian(jy, jm, month_length(jy, jm))


def _span_bounds(jy, index, months, count):
    if not isinstance(index, int) or not 1 <= index <= count:
        raise ValueError(f"Period index must be in 1..{count}, got {index!r}")
    first = (index - 1) * months + 1
    last = first + months - 1
    return to_gregorian(jy, first, 1), to_gregorian(jy, last, month_length(jy, last))


def bimonthly_bounds(jy, index):
    """Bounds of bi-monthly period ``index`` (1 = Farvardin–Ordibehesht … 6 = Bahman–Esfand) of year ``jy``."""
    return _span_bounds(jy, index, 2, 6)


def quarter_bounds(jy, index):
    """Bounds of quarter ``index`` (1 = Farvardin–Khordad … 4 = Dey–Esfand) of year ``jy``."""
    return _span_bounds(jy, index, 3, 4)


def half_year_bounds(jy, index):
    """Bounds of half-year ``index`` (1 = Farvardin–Shahrivar, 2 = Mehr–Esfand) of year ``jy``."""
    return _span_bounds(jy, index, 6, 2)


def month_period(value, tz=None):
    """``(jy, jm, start, end)`` of the Jalali month containing ``value``."""
    jy, jm, _jd = to_jalali(value, tz)
    return (jy, jm, *month_bounds(jy, jm))


def bimonthly_period(value, tz=None):
    """``(jy, index 1..6, start, end)`` of the bi-monthly audit period containing ``value``."""
    jy, jm, _jd = to_jalali(value, tz)
    index = (jm + 1) // 2
    return (jy, index, *bimonthly_bounds(jy, index))


def quarter_period(value, tz=None):
    """``(jy, index 1..4, start, end)`` of the Jalali quarter containing ``value``."""
    jy, jm, _jd = to_jalali(value, tz)
    index = (jm + 2) // 3
    return (jy, index, *quarter_bounds(jy, index))


def half_year_period(value, tz=None):
    """``(jy, index 1..2, start, end)`` of the Jalali half-year containing ``value``."""
    jy, jm, _jd = to_jalali(value, tz)
    index = 1 if jm <= 6 else 2
    return (jy, index, *half_year_bounds(jy, index))


# ---------------------------------------------------------------------------------------------- grouping periods
GRANULARITIES = ("day", "week", "month", "bimonth", "quarter", "year")
_PERIOD_MONTHS = {"month": 1, "bimonth": 2, "quarter": 3, "year": 12}


def _check_granularity(granularity):
    if granularity not in GRANULARITIES:
        raise ValueError(f"Unknown Jalali granularity: {granularity!r}")


def period_start(value, granularity, tz=None):
    """Gregorian ``date`` of the first day of the Jalali ``granularity`` period holding ``value``.

    Weeks start on Saturday. A datetime is taken on its calendar date in ``tz`` (naive = UTC).
    """
    _check_granularity(granularity)
    day = _as_local_date(value, tz)
    if granularity == "day":
        return day
    if granularity == "week":
        return day - _dt.timedelta(days=(day.weekday() + 2) % 7)
    jy, jm, _jd = _jalali_of_ordinal(day.toordinal())
    months = _PERIOD_MONTHS[granularity]
    return to_gregorian(jy, (jm - 1) // months * months + 1, 1)


def period_end(start, granularity):
    """Gregorian ``date`` of the first day of the period after the one starting on ``start`` (exclusive end)."""
    _check_granularity(granularity)
    if granularity == "day":
        return start + _dt.timedelta(days=1)
    if granularity == "week":
        return start + _dt.timedelta(days=7)
    jy, jm, _jd = _jalali_of_ordinal(start.toordinal())
    last = (jm - 1) // _PERIOD_MONTHS[granularity] * _PERIOD_MONTHS[granularity] + _PERIOD_MONTHS[granularity]
    return to_gregorian(jy, last, month_length(jy, last)) + _dt.timedelta(days=1)


def week_number(value, tz=None):
    """``(jy, week)`` of the Saturday-to-Friday week holding ``value``; week 1 holds 1 Farvardin of ``jy``."""
    start = period_start(value, "week", tz)
    jy = _jalali_of_ordinal(start.toordinal() + 6)[0]
    first = period_start(to_gregorian(jy, 1, 1), "week")
    return jy, (start - first).days // 7 + 1


def period_label(start, granularity, latin_digits=False):
    """Label of the Jalali period starting on ``start``: ``'مهر ۱۴۰۵'``, ``'بهار ۱۴۰۵'``, ``'۱۴۰۵'``…"""
    _check_granularity(granularity)
    jy, jm, _jd = _jalali_of_ordinal(start.toordinal())
    if granularity == "day":
        return format_date(start, "medium", latin_digits=latin_digits)
    if granularity == "week":
        jy, week = week_number(start)
        text = f"هفته {week} {jy}"
    elif granularity == "month":
        text = f"{MONTH_NAMES[jm - 1]} {jy}"
    elif granularity == "bimonth":
        first = (jm - 1) // 2 * 2
        text = f"{MONTH_NAMES[first]}–{MONTH_NAMES[first + 1]} {jy}"
    elif granularity == "quarter":
        text = f"{SEASON_NAMES[(jm - 1) // 3]} {jy}"
    else:
        text = str(jy)
    return text if latin_digits else text.translate(TO_PERSIAN)
