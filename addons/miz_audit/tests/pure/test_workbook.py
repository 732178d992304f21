import pytest
from miz_audit_tools import appendix, workbook


def _declaration():
    services = [
        {
            "title": "صدور پروانه",
            "code": "100",
            "channel": "combined",
            "recipient": "g2b",
            "page_url": "https://a.ir/1",
            "info_channels": {"website": True},
            "info": {"workflow": True, "fees": True},
            "e": {"sms": True, "e_form": True},
        },
        {"title": "تمدید پروانه", "code": "101", "channel": "in_person", "info": {"faq": True}},
        {"title": "استعلام", "code": "102", "channel": "outside"},
    ]
    snapshot = appendix.normalize_snapshot(
        {
            "services": services,
            "evidence": {"working_days": 40, "days_with_receipts": 39, "days_without_receipts": ["2026-05-23"]},
            "survey": {
                "respondents": 3,
                "questions": [
                    {"sequence": 1, "title": "پرسش", "counts": {"5": 2, "3": 1}, "mean": 4.33, "respondents": 3}
                ],
                "demographics": [{"question": "جنسیت", "answers": [{"label": "زن", "count": 2}]}],
                "suggestions": ["پیشنهاد"],
            },
        }
    )
    return {
        "header": {
            "agency_code": "A-1",
            "agency_name": "اداره",
            "parent_code": "P",
            "parent_name": "وزارت",
            "province": "تهران",
            "unit": "",
            "level": "provincial",
            "period_kind": "bimonthly",
            "year": 1405,
            "index": 2,
            "declared": "1405/03/03",
            "evaluated": "",
        },
        "snapshot": snapshot,
        "agency": {"levels": ["good", "none", "excellent", "weak"], "notes": ["یادداشت", "", "", ""]},
        "evaluator": {
            "levels": [""] * 4,
            "notes": [""] * 4,
            "improvement": "",
            "contradictions": [],
            "corrections3": [],
            "corrections5": [],
        },
        "comparison": [("a", None, 3)],
    }


def _sheets(declaration):
    return {
        name: [tuple(cell[0] if cell else None for cell in row) for row in rows]
        for name, rows, _widths in workbook.build_sheets(declaration)
    }


def _set(sheets, name, row, column, value):
    rows = [list(r) for r in sheets[name]]
    while len(rows[row - 1]) < column:
        rows[row - 1].append(None)
    rows[row - 1][column - 1] = value
    sheets[name] = [tuple(r) for r in rows]
    return sheets


def test_round_trip():
    declaration = _declaration()
    back = workbook.parse_sheets(_sheets(declaration), parse_date=lambda text: text.replace("/", "-"))
    assert back["snapshot"]["services"] == declaration["snapshot"]["services"]
    assert back["snapshot"]["survey"] == declaration["snapshot"]["survey"]
    assert back["agency"] == declaration["agency"]
    assert back["header"]["declared_date"] == "1405-03-03"
    assert {k: back["header"][k] for k in ("agency_code", "level", "year", "index", "province")} == {
        "agency_code": "A-1",
        "level": "provincial",
        "year": 1405,
        "index": 2,
        "province": "تهران",
    }


def test_numbers_stay_numbers_and_boxes_are_ticked():
    sheets = _sheets(_declaration())
    s1 = sheets[workbook.SHEET_S1]
    assert s1[5][1] == 3 and isinstance(s1[5][1], int)  # a
    assert s1[3][1] == pytest.approx(1 / 3)  # b/a
    assert sheets[workbook.SHEET_S2A][3][2:7] == ("☐", "☑", "☐", "☐", "☐")


@pytest.mark.parametrize(
    ("sheet", "row", "column", "value", "reason"),
    [
        (workbook.SHEET_S2A, 4, 3, "x", "check"),
        (workbook.SHEET_S2A, 4, 3, "☑", "one_level"),  # two levels ticked
        (workbook.SHEET_S1, 6, 2, 4, "mismatch"),
        (workbook.SHEET_S1, 6, 2, "سه", "not_integer"),
        (workbook.SHEET_S1, 16, 5, "پست", "choice"),
        (workbook.SHEET_S5, 4, 5, "شاید", "choice"),
        (workbook.SHEET_S5, 4, 2, "خدمت ناشناخته", "unknown_service"),
        (workbook.SHEET_S6, 6, 4, "دو", "not_integer"),
        (workbook.SHEET_S6, 6, 9, 7, "range"),
        (workbook.SHEET_HEADER, 13, 2, 9, "range"),
        (workbook.SHEET_HEADER, 14, 2, "1405/13/40", "date"),
    ],
)
def test_wrong_cell_names_sheet_row_column(sheet, row, column, value, reason):
    def parse_date(text):
        if "/13/" in text:
            raise ValueError(text)
        return text

    sheets = _set(_sheets(_declaration()), sheet, row, column, value)
    with pytest.raises(workbook.CellError) as caught:
        workbook.parse_sheets(sheets, parse_date=parse_date)
    error = caught.value
    assert (error.sheet, error.row, error.column, error.reason) == (sheet, row, column, reason)


def test_missing_sheet():
    sheets = _sheets(_declaration())
    del sheets[workbook.SHEET_S3]
    with pytest.raises(workbook.CellError) as caught:
        workbook.parse_sheets(sheets)
    assert caught.value.reason == "missing_sheet" and caught.value.sheet == workbook.SHEET_S3


def test_column_letters():
    assert [workbook.column_letter(n) for n in (1, 2, 26, 27, 28)] == ["A", "B", "Z", "AA", "AB"]


def test_table_sheet():
    rows = [appendix.table_row("الف", "اصلی", {"services": [{"channel": "in_person"}, {"channel": "electronic"}]})]
    table = {
        "kind": "table2",
        "title": "t",
        "subtitle": "s",
        "rows": rows,
        "total": appendix.table_total(rows),
        "periods": 1,
    }
    ((name, sheet_rows, _widths),) = workbook.build_table_sheet(table)
    assert name == "جدول ۲"
    assert [cell[0] for cell in sheet_rows[6]] == ["الف", "اصلی", 2, 1, 1, 0, 0]
