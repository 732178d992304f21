import pytest
from miz_audit_tools import appendix


def _services(**channels):
    return {
        "services": [
            {"title": f"{channel} {n}", "code": f"{channel}{n}", "channel": channel, "recipient": "g2b" if n else "g2c"}
            for channel, count in channels.items()
            for n in range(count)
        ]
    }


def test_section1_counts_and_ratios():
    figures = appendix.section1(_services(in_person=3, electronic=1, combined=2, outside=2))
    assert (figures["a"], figures["b"], figures["c"], figures["d"], figures["outside"]) == (8, 3, 1, 2, 2)
    assert (figures["g2c"], figures["g2b"]) == (4, 4)
    assert figures["ratio_b"] == 3 / 8
    assert figures["ratio_cd"] == 3 / 8
    assert appendix.format_ratio(figures["ratio_b"]) == "0.38"


def test_section1_without_services_is_zero_not_an_error():
    figures = appendix.section1(appendix.empty_snapshot())
    assert figures["a"] == 0 and figures["ratio_b"] == 0.0 and figures["ratio_cd"] == 0.0


def test_normalize_fills_and_checks():
    data = appendix.normalize_snapshot({"services": [{"title": "x", "channel": "electronic", "e": {"sms": 1}}]})
    service = data["services"][0]
    assert service["recipient"] == "g2c" and service["e"]["sms"] is True and service["e"]["e_form"] is False
    assert set(service["info"]) == set(appendix.INFO_ITEMS)
    with pytest.raises(ValueError):
        appendix.normalize_snapshot({"services": [{"title": "x", "channel": "mail"}]})
    with pytest.raises(ValueError):
        appendix.normalize_snapshot({"survey": {"respondents": -1}})


def test_table_rows_and_total():
    rows = [
        appendix.table_row("الف", "اصلی", _services(in_person=2, combined=2)),
        appendix.table_row("ب", "اصلی", _services(electronic=1, outside=3)),
    ]
    total = appendix.table_total(rows)
    assert (total["a"], total["b"], total["c"], total["d"], total["outside"]) == (8, 2, 1, 2, 3)
    assert total["ratio_cd"] == 3 / 8
    assert appendix.table_total([])["a"] == 0


def test_periods():
    assert appendix.previous_period("bimonthly", 1405, 1) == (1404, 6)
    assert appendix.previous_period("quarterly", 1405, 3) == (1405, 2)
    assert appendix.previous_period("quarterly", 1405, 1) == (1404, 4)
    with pytest.raises(ValueError):
        appendix.previous_period("bimonthly", 1405, 7)
    assert appendix.half_year_periods("bimonthly", 1405, 1) == [(1405, 1), (1405, 2), (1405, 3)]
    assert appendix.half_year_periods("bimonthly", 1405, 2) == [(1405, 4), (1405, 5), (1405, 6)]
    assert appendix.half_year_periods("quarterly", 1405, 2) == [(1405, 3), (1405, 4)]
    assert [appendix.period_of_month("bimonthly", m) for m in (1, 2, 3, 12)] == [1, 1, 2, 6]
    assert [appendix.period_of_month("quarterly", m) for m in (3, 4, 12)] == [1, 2, 4]


def test_half_year_row_takes_the_latest_catalog_and_mean_ratios():
    row = appendix.half_year_row("الف", "اصلی", [(3, _services(in_person=1, combined=1)), (1, _services(in_person=4))])
    assert row["a"] == 2 and row["b"] == 1 and row["d"] == 1  # period 3, the latest
    assert row["periods"] == 2
    assert row["ratio_b"] == (1.0 + 0.5) / 2


def test_compare_without_previous():
    rows = appendix.compare(None, {"snapshot": _services(in_person=2), "levels": ["good", "", "", ""]})
    assert rows[0] == ("a", None, 2)
    assert ("level_1", None, "good") in rows


def test_section1_of_a_stored_summary_is_the_summary():
    snapshot = _services(in_person=2, electronic=1, combined=1, outside=1)
    figures = appendix.section1(snapshot)
    assert appendix.section1({"section1": figures}) == figures
    assert appendix.table_row("الف", "اصلی", {"section1": figures}) == appendix.table_row("الف", "اصلی", snapshot)
