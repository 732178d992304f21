import datetime

from miz_khedmat_audit_tools import snapshot


def test_has_text():
    assert not snapshot.has_text(False)
    assert not snapshot.has_text(" \n\t\u200c\u00a0")
    assert snapshot.has_text(" قانون ")


def test_html_has_text():
    assert not snapshot.html_has_text("<p><br></p>")
    assert not snapshot.html_has_text("<p>&nbsp;</p><div> </div>")
    assert not snapshot.html_has_text('<p><img src="/web/image/1"/></p>')
    assert snapshot.html_has_text("<p>مرحله <b>۱</b></p>")


def test_utc_bounds_tehran():
    start, end = snapshot.utc_bounds(datetime.date(2026, 5, 9), datetime.date(2026, 5, 15))
    assert start == datetime.datetime(2026, 5, 8, 20, 30)
    assert end == datetime.datetime(2026, 5, 15, 20, 30)


def test_weekday_and_band():
    assert snapshot.weekday(datetime.date(2026, 5, 9)) == 0  # Saturday
    assert snapshot.weekday(datetime.date(2026, 5, 15)) == 6  # Friday
    assert snapshot.hour_band(8) == "08-10"
    assert snapshot.hour_band(9) == "08-10"
    assert snapshot.hour_band(13) == "12-14"
    assert snapshot.hour_band(0) == "00-02"


def test_receipts_evidence():
    days = [datetime.date(2026, 5, d) for d in (9, 10, 11, 12, 13)]
    hours = {
        datetime.datetime(2026, 5, 9, 8): 2,
        datetime.datetime(2026, 5, 9, 9): 1,
        datetime.datetime(2026, 5, 12, 13): 4,
        datetime.datetime(2026, 5, 15, 10): 1,  # a Friday: counted in the table, not as a working day
        datetime.datetime(2026, 5, 11, 10): 0,
    }
    evidence = snapshot.receipts_evidence(hours, days)
    assert evidence["working_days"] == 5
    assert evidence["days_with_receipts"] == 2
    assert evidence["days_without_receipts"] == ["2026-05-10", "2026-05-11", "2026-05-13"]
    assert evidence["receipts"] == 8
    assert evidence["receipts_by_day"] == [["2026-05-09", 3], ["2026-05-12", 4], ["2026-05-15", 1]]
    assert evidence["receipts_by_weekday_hour"] == [[0, "08-10", 3], [3, "12-14", 4], [6, "10-12", 1]]


def test_level_summary():
    summary = snapshot.level_summary({5: 2, 2: 1, 4.0: 1})
    assert summary["counts"] == {"1": 0, "2": 1, "3": 0, "4": 1, "5": 2}
    assert summary["respondents"] == 4
    assert summary["mean"] == 4.0
    assert snapshot.level_summary({}) == {"counts": dict.fromkeys("12345", 0), "mean": 0.0, "respondents": 0}


def test_age_band():
    assert snapshot.age_band(17) == "<20"
    assert snapshot.age_band(34) == "30-39"
    assert snapshot.age_band(60) == "60+"
