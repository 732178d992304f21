"""Plain-pytest tests of miz_base/tools/jalali.py (no Odoo, no database)."""

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest
from miz_base_tools import jalali

D = dt.date

# ---------------------------------------------------------------------------------------------- oracle
# An independent Jalali calendar (Borkowski's algorithm as used by jalaali-js, with the table of breaks of the
# 2820-year-free astronomical calendar), so the tests do not only check jdatetime against itself.
_BREAKS = (-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178)


def _oracle(jy):
    """(is_leap, Gregorian date of 1 Farvardin) of Jalali year ``jy``."""
    gy = jy + 621
    leap_j = -14
    jp = _BREAKS[0]
    jump = 0
    for jm in _BREAKS[1:]:
        jump = jm - jp
        if jy < jm:
            break
        leap_j += (jump // 33) * 8 + (jump % 33) // 4
        jp = jm
    n = jy - jp
    leap_j += (n // 33) * 8 + ((n % 33) + 3) // 4
    if jump % 33 == 4 and jump - n == 4:
        leap_j += 1
    leap_g = gy // 4 - ((gy // 100 + 1) * 3) // 4 - 150
    march = 20 + leap_j - leap_g
    if jump - n < 6:
        n = n - jump + ((jump + 4) // 33) * 33
    rest = ((n + 1) % 33) - 1
    leap = 4 if rest < 0 else rest % 4
    return leap == 0, D(gy, 3, march)


# ---------------------------------------------------------------------------------------------- leap years
@pytest.mark.parametrize("jy", [1399, 1403, 1408, 1412])
def test_leap_years(jy):
    assert jalali.is_leap(jy)
    assert jalali.month_length(jy, 12) == 30
    assert jalali.month_lengths(jy) == (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 30)
    start, end = jalali.year_bounds(jy)
    assert (end - start).days + 1 == 366


@pytest.mark.parametrize("jy", [1398, 1400, 1402, 1404, 1405, 1407, 1409])
def test_common_years(jy):
    assert not jalali.is_leap(jy)
    assert jalali.month_length(jy, 12) == 29
    assert sum(jalali.month_lengths(jy)) == 365
    start, end = jalali.year_bounds(jy)
    assert (end - start).days + 1 == 365


def test_leap_years_match_the_independent_oracle():
    for jy in range(1380, 1431):
        leap, nowruz = _oracle(jy)
        assert jalali.is_leap(jy) is leap, jy
        assert jalali.year_bounds(jy)[0] == nowruz, jy
    # 1404 and 1408: a five-year gap between leap years (1403 → 1408), the one the 4-year rule gets wrong.
    assert [jy for jy in range(1395, 1416) if jalali.is_leap(jy)] == [1395, 1399, 1403, 1408, 1412]


def test_esfand_ends():
    assert jalali.to_gregorian(1403, 12, 30) == D(2025, 3, 20)
    assert jalali.to_gregorian(1404, 1, 1) == D(2025, 3, 21)
    assert jalali.to_gregorian(1404, 12, 29) == D(2026, 3, 20)
    assert jalali.to_gregorian(1405, 1, 1) == D(2026, 3, 21)
    assert jalali.to_gregorian(1399, 12, 30) == D(2021, 3, 20)
    assert jalali.to_gregorian(1408, 12, 30) == D(2030, 3, 20)
    assert jalali.to_gregorian(1409, 1, 1) == D(2030, 3, 21)
    with pytest.raises(ValueError, match="does not exist"):
        jalali.to_gregorian(1404, 12, 30)
    with pytest.raises(ValueError, match="does not exist"):
        jalali.to_gregorian(1407, 12, 30)
    with pytest.raises(ValueError, match="does not exist"):
        jalali.to_gregorian(1403, 7, 31)
    with pytest.raises(ValueError, match="month"):
        jalali.to_gregorian(1403, 13, 1)


def test_year_bounds():
    assert jalali.year_bounds(1403) == (D(2024, 3, 20), D(2025, 3, 20))
    assert jalali.year_bounds(1404) == (D(2025, 3, 21), D(2026, 3, 20))
    assert jalali.year_bounds(1405) == (D(2026, 3, 21), D(2027, 3, 20))
    assert jalali.jalali_year(D(2025, 3, 20)) == 1403
    assert jalali.jalali_year(D(2025, 3, 21)) == 1404


# ---------------------------------------------------------------------------------------------- periods
BIMONTHLY_1403 = [
    (1, D(2024, 3, 20), D(2024, 5, 20)),
    (2, D(2024, 5, 21), D(2024, 7, 21)),
    (3, D(2024, 7, 22), D(2024, 9, 21)),
    (4, D(2024, 9, 22), D(2024, 11, 20)),
    (5, D(2024, 11, 21), D(2025, 1, 19)),
    (6, D(2025, 1, 20), D(2025, 3, 20)),  # Esfand 1403 has 30 days
]
BIMONTHLY_1404 = [
    (1, D(2025, 3, 21), D(2025, 5, 21)),
    (2, D(2025, 5, 22), D(2025, 7, 22)),
    (3, D(2025, 7, 23), D(2025, 9, 22)),
    (4, D(2025, 9, 23), D(2025, 11, 21)),
    (5, D(2025, 11, 22), D(2026, 1, 20)),
    (6, D(2026, 1, 21), D(2026, 3, 20)),  # Esfand 1404 has 29 days
]


@pytest.mark.parametrize(("jy", "periods"), [(1403, BIMONTHLY_1403), (1404, BIMONTHLY_1404)])
def test_bimonthly_periods(jy, periods):
    for index, start, end in periods:
        assert jalali.bimonthly_bounds(jy, index) == (start, end)
        # every day of the period maps back to it, and the days just outside do not
        for day in (start, start + dt.timedelta(days=17), end):
            assert jalali.bimonthly_period(day) == (jy, index, start, end)
        assert jalali.bimonthly_period(start - dt.timedelta(days=1))[1] != index
        assert jalali.bimonthly_period(end + dt.timedelta(days=1))[1] != index
    # the six periods tile the year without gap or overlap
    for (_i, _s, end), (_j, start, _e) in itertools.pairwise(periods):
        assert start - end == dt.timedelta(days=1)
    assert (periods[0][1], periods[-1][2]) == jalali.year_bounds(jy)
    lengths = [(end - start).days + 1 for _i, start, end in periods]
    assert lengths == [62, 62, 62, 60, 60, 60 if jalali.is_leap(jy) else 59]


def test_bimonthly_period_of_a_datetime_uses_the_local_date():
    # 2025-03-20 21:00 UTC is 2025-03-21 00:30 in Tehran: already 1 Farvardin 1404.
    moment = dt.datetime(2025, 3, 20, 21, 0)
    assert jalali.bimonthly_period(moment) == (1404, 1, D(2025, 3, 21), D(2025, 5, 21))
    assert jalali.bimonthly_period(moment, tz="UTC") == (1403, 6, D(2025, 1, 20), D(2025, 3, 20))


def test_quarter_half_year_and_month_periods():
    assert jalali.quarter_period(D(2025, 6, 21)) == (1404, 1, D(2025, 3, 21), D(2025, 6, 21))
    assert jalali.quarter_period(D(2025, 6, 22)) == (1404, 2, D(2025, 6, 22), D(2025, 9, 22))
    assert jalali.quarter_bounds(1404, 3) == (D(2025, 9, 23), D(2025, 12, 21))
    assert jalali.quarter_bounds(1404, 4) == (D(2025, 12, 22), D(2026, 3, 20))
    assert jalali.quarter_bounds(1403, 4) == (D(2024, 12, 21), D(2025, 3, 20))
    assert jalali.half_year_period(D(2025, 9, 22)) == (1404, 1, D(2025, 3, 21), D(2025, 9, 22))
    assert jalali.half_year_period(D(2025, 9, 23)) == (1404, 2, D(2025, 9, 23), D(2026, 3, 20))
    assert jalali.month_period(D(2025, 3, 1)) == (1403, 12, D(2025, 2, 19), D(2025, 3, 20))
    assert jalali.month_bounds(1404, 12) == (D(2026, 2, 20), D(2026, 3, 20))
    for bad in (0, 7, "1"):
        with pytest.raises(ValueError):
            jalali.bimonthly_bounds(1404, bad)
    with pytest.raises(ValueError):
        jalali.quarter_bounds(1404, 5)
    with pytest.raises(ValueError):
        jalali.half_year_bounds(1404, 3)


# ---------------------------------------------------------------------------------------------- round trips
def _all_jalali_days(first_year, last_year):
    for jy in range(first_year, last_year + 1):
        for jm, length in enumerate(jalali.month_lengths(jy), start=1):
            for jd in range(1, length + 1):
                yield jy, jm, jd


def test_round_trip_every_day_1400_to_1410():
    days = list(_all_jalali_days(1400, 1410))
    start = jalali.to_gregorian(1400, 1, 1)
    assert start == D(2021, 3, 21)
    for offset, jdate in enumerate(days):
        gdate = jalali.to_gregorian(*jdate)
        # Jalali → Gregorian is contiguous: consecutive Jalali days are consecutive Gregorian days
        assert gdate == start + dt.timedelta(days=offset), jdate
        # Gregorian → Jalali → Gregorian
        assert jalali.to_jalali(gdate) == jdate
        assert jalali.to_gregorian(*jalali.to_jalali(gdate)) == gdate
    assert jalali.to_gregorian(*days[-1]) == jalali.year_bounds(1410)[1] == _oracle(1411)[1] - dt.timedelta(days=1)
    assert len(days) == (_oracle(1411)[1] - _oracle(1400)[1]).days


def test_format_parse_round_trip_every_day_1400_to_1410():
    start, end = jalali.year_bounds(1400)[0], jalali.year_bounds(1410)[1]
    day = start
    while day <= end:
        assert jalali.parse(jalali.format_date(day)) == day
        assert jalali.parse(jalali.format_date(day, latin_digits=True)) == day
        day += dt.timedelta(days=1)


def test_to_jdate():
    jd = jalali.to_jdate(D(2026, 4, 4))
    assert (jd.year, jd.month, jd.day) == (1405, 1, 15)
    assert jd.locale == "fa_IR"


# ---------------------------------------------------------------------------------------------- formatting
def test_format_date_presets():
    day = D(2026, 4, 4)  # 1405/01/15, a Saturday
    assert jalali.format_date(day) == "۱۴۰۵/۰۱/۱۵"
    assert jalali.format_date(day, latin_digits=True) == "1405/01/15"
    assert jalali.format_date(day, "medium") == "۱۵ فروردین ۱۴۰۵"
    assert jalali.format_date(day, "long") == "شنبه ۱۵ فروردین ۱۴۰۵"
    assert jalali.format_date(D(2026, 3, 22), "long") == "یکشنبه ۲ فروردین ۱۴۰۵"
    assert jalali.format_date(D(2025, 3, 20), "long") == "پنجشنبه ۳۰ اسفند ۱۴۰۳"
    assert jalali.format_date(D(2025, 3, 21), "long") == "جمعه ۱ فروردین ۱۴۰۴"
    assert jalali.format_date(D(2024, 12, 24), "%B %Y %%") == "دی ۱۴۰۳ %"
    assert jalali.format_date(D(2024, 12, 24), "%y-%-m-%-d", latin_digits=True) == "03-10-4"
    assert jalali.format_date(None) == jalali.format_date(False) == ""


def test_format_date_rejects_unknown_tokens():
    with pytest.raises(ValueError, match="%Q"):
        jalali.format_date(D(2026, 4, 4), "%Y %Q")


def test_weekday_names_follow_the_iranian_week():
    names = [jalali.format_date(D(2026, 3, 21) + dt.timedelta(days=i), "%A") for i in range(7)]
    assert names == list(jalali.WEEKDAY_NAMES)
    assert names[0] == "شنبه" and names[-1] == "جمعه"


def test_format_datetime_time_zones():
    naive_utc = dt.datetime(2026, 4, 4, 7, 0)
    assert jalali.format_datetime(naive_utc, tz="Asia/Tehran") == "۱۴۰۵/۰۱/۱۵ ۱۰:۳۰"
    assert jalali.format_datetime(naive_utc) == "۱۴۰۵/۰۱/۱۵ ۱۰:۳۰"  # default Asia/Tehran
    assert jalali.format_datetime(naive_utc, tz="UTC", latin_digits=True) == "1405/01/15 07:00"
    aware = dt.datetime(2026, 4, 4, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))  # 07:00 UTC (CEST)
    assert jalali.format_datetime(aware, tz="Asia/Tehran") == "۱۴۰۵/۰۱/۱۵ ۱۰:۳۰"
    # late evening UTC is already the next Jalali day in Tehran
    assert jalali.format_datetime(dt.datetime(2026, 4, 4, 20, 45)) == "۱۴۰۵/۰۱/۱۶ ۰۰:۱۵"
    assert jalali.format_datetime(dt.datetime(2026, 4, 4, 20, 45, 9), fmt="seconds") == "۱۴۰۵/۰۱/۱۶ ۰۰:۱۵:۰۹"
    assert jalali.format_datetime(naive_utc, fmt="long") == "شنبه ۱۵ فروردین ۱۴۰۵ ۱۰:۳۰"
    assert jalali.format_datetime(naive_utc, tz=ZoneInfo("Asia/Tokyo"), latin_digits=True) == "1405/01/15 16:00"
    assert jalali.format_datetime(D(2026, 4, 4)) == "۱۴۰۵/۰۱/۱۵"
    assert jalali.format_datetime(False) == ""
    with pytest.raises(ValueError, match="time zone"):
        jalali.format_datetime(naive_utc, tz="Mars/Olympus")


# ---------------------------------------------------------------------------------------------- parsing
@pytest.mark.parametrize(
    "text",
    [
        "۱۴۰۵/۰۱/۱۵",
        "1405-1-15",
        "1405/01/15",
        "1405.1.15",
        "١٤٠٥/٠١/١٥",
        " ۱۴۰۵ / ۱ / ۱۵ ",
        "\u200f۱۴۰۵/۰۱/۱۵\u200f",
        "۱۴۰۵٫۰۱٫۱۵",
    ],
)
def test_parse_accepts_user_input(text):
    assert jalali.parse(text) == D(2026, 4, 4)


def test_parse_leap_day():
    assert jalali.parse("۱۴۰۳/۱۲/۳۰") == D(2025, 3, 20)
    assert jalali.parse("1408-12-30") == D(2030, 3, 20)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Not a Jalali date"),
        ("hello", "Not a Jalali date"),
        ("1405/01", "Not a Jalali date"),
        ("05/01/15", "Not a Jalali date"),
        ("1405/01-15", "Not a Jalali date"),
        ("1405/01/15/2", "Not a Jalali date"),
        ("1404/12/30", "does not exist"),
        ("۱۴۰۵/۱۳/۰۱", "month must be in 1..12"),
        ("1405/00/10", "month must be in 1..12"),
        ("1405/07/31", "does not exist"),
        ("1405/01/00", "does not exist"),
    ],
)
def test_parse_errors(text, message):
    with pytest.raises(ValueError, match=message):
        jalali.parse(text)


def test_parse_rejects_non_text():
    with pytest.raises(ValueError):
        jalali.parse(14050115)


def test_parse_datetime():
    assert jalali.parse_datetime("۱۴۰۵/۰۱/۱۵ ۱۰:۳۰") == dt.datetime(2026, 4, 4, 7, 0)
    assert jalali.parse_datetime("1405-01-16 00:15:09") == dt.datetime(2026, 4, 4, 20, 45, 9)
    assert jalali.parse_datetime("1405/01/15 10:30", tz="UTC") == dt.datetime(2026, 4, 4, 10, 30)
    assert jalali.parse_datetime("1405/01/15") == dt.datetime(2026, 4, 3, 20, 30)
    with pytest.raises(ValueError, match="Invalid time"):
        jalali.parse_datetime("1405/01/15 24:00")
    with pytest.raises(ValueError):
        jalali.parse_datetime("1405/01/15 10")
