"""Plain-pytest tests of the Jalali grouping periods (tools/jalali.py) and of the SQL text (tools/jalali_sql.py)."""

import datetime as dt

import pytest
from miz_base_tools import jalali, jalali_sql

D = dt.date


@pytest.mark.parametrize(
    ("day", "granularity", "start", "end"),
    [
        # 1 Mehr 1404 = 2025-09-23; 31 Shahrivar 1404 = 2025-09-22
        (D(2025, 9, 23), "month", D(2025, 9, 23), D(2025, 10, 23)),
        (D(2025, 9, 22), "month", D(2025, 8, 23), D(2025, 9, 23)),
        (D(2025, 9, 22), "quarter", D(2025, 6, 22), D(2025, 9, 23)),
        (D(2025, 9, 23), "quarter", D(2025, 9, 23), D(2025, 12, 22)),
        (D(2025, 9, 23), "bimonth", D(2025, 9, 23), D(2025, 11, 22)),
        (D(2025, 9, 22), "bimonth", D(2025, 7, 23), D(2025, 9, 23)),
        # Esfand 1403 has 30 days (leap): 1 Farvardin 1404 = 2025-03-21
        (D(2025, 3, 20), "month", D(2025, 2, 19), D(2025, 3, 21)),
        (D(2025, 3, 20), "year", D(2024, 3, 20), D(2025, 3, 21)),
        (D(2025, 3, 21), "year", D(2025, 3, 21), D(2026, 3, 21)),
        (D(2026, 3, 20), "quarter", D(2025, 12, 22), D(2026, 3, 21)),
        # 2026-04-04 is a Saturday: its own week start
        (D(2026, 4, 4), "week", D(2026, 4, 4), D(2026, 4, 11)),
        (D(2026, 4, 10), "week", D(2026, 4, 4), D(2026, 4, 11)),
        (D(2026, 4, 4), "day", D(2026, 4, 4), D(2026, 4, 5)),
    ],
)
def test_period_bounds(day, granularity, start, end):
    assert jalali.period_start(day, granularity) == start
    assert jalali.period_end(start, granularity) == end


def test_period_start_of_datetime_uses_time_zone():
    # 2025-03-20 21:00 UTC is 00:30 on 1 Farvardin 1404 in Tehran
    value = dt.datetime(2025, 3, 20, 21, 0)
    assert jalali.period_start(value, "year", tz="Asia/Tehran") == D(2025, 3, 21)
    assert jalali.period_start(value, "year", tz="UTC") == D(2024, 3, 20)


def test_every_day_of_a_period_has_its_start():
    day = D(2024, 1, 1)
    while day < D(2027, 1, 1):
        for granularity in jalali.GRANULARITIES:
            start = jalali.period_start(day, granularity)
            assert start <= day < jalali.period_end(start, granularity)
            assert jalali.period_start(start, granularity) == start
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("start", "granularity", "label"),
    [
        (D(2025, 9, 23), "month", "مهر ۱۴۰۴"),
        (D(2025, 3, 21), "quarter", "بهار ۱۴۰۴"),
        (D(2025, 9, 23), "quarter", "پاییز ۱۴۰۴"),
        (D(2025, 12, 22), "quarter", "زمستان ۱۴۰۴"),
        (D(2025, 3, 21), "year", "۱۴۰۴"),
        (D(2025, 9, 23), "bimonth", "مهر–آبان ۱۴۰۴"),
        (D(2026, 4, 4), "day", "۱۵ فروردین ۱۴۰۵"),
        # the week of Friday 1 Farvardin 1405 (2026-03-21 is a Saturday: week 1 starts on it)
        (D(2026, 3, 21), "week", "هفته ۱ ۱۴۰۵"),
        (D(2026, 3, 28), "week", "هفته ۲ ۱۴۰۵"),
        # Saturday 2025-03-08 (18 Esfand 1403): the last full week of 1403 (its year began on Wednesday)
        (D(2025, 3, 8), "week", "هفته ۵۲ ۱۴۰۳"),
        # Saturday 2025-03-15 (24 Esfand 1403): its Friday is 1 Farvardin 1404, so week 1 of 1404
        (D(2025, 3, 15), "week", "هفته ۱ ۱۴۰۴"),
    ],
)
def test_period_label(start, granularity, label):
    assert jalali.period_label(start, granularity) == label


def test_week_holding_nowruz_is_week_one():
    # 1 Farvardin 1404 = Friday 2025-03-21: its week starts Saturday 2025-03-15
    assert jalali.week_number(D(2025, 3, 21)) == (1404, 1)
    assert jalali.week_number(D(2025, 3, 15)) == (1404, 1)
    assert jalali.week_number(D(2025, 3, 14)) == (1403, 52)
    assert jalali.period_label(D(2025, 3, 15), "week", latin_digits=True) == "هفته 1 1404"


def test_unknown_granularity():
    with pytest.raises(ValueError):
        jalali.period_start(D(2025, 1, 1), "fortnight")


def test_sql_functions_text():
    sql = jalali_sql.FUNCTIONS_SQL
    assert sql.count("CREATE OR REPLACE FUNCTION") == 3
    assert sql.count("IMMUTABLE PARALLEL SAFE") == 3
    # not STRICT: a strict SQL function whose body is not strict is not inlined by the planner
    assert "STRICT" not in sql
    for granularity in jalali.GRANULARITIES:
        assert f"WHEN '{granularity}' THEN" in sql
    assert jalali_sql.GRANULARITIES == jalali.GRANULARITIES
