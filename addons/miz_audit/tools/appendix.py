"""Figures of Appendix 2 and 3 computed from a declaration's snapshot — no Odoo import.

Snapshot (see the contract, ``version`` 1): ``{"version": 1, "services": [...], "evidence": {...}, "survey": {...}}``.

- ``empty_snapshot()``: the structure with nothing in it (what an audit without a desk collects).
- ``normalize_snapshot(data) -> dict``: the snapshot with every key present and typed (``ValueError`` when a part
  has the wrong type); what is stored and printed.
- ``section1(snapshot) -> dict``: ``a`` all services, ``g2c``/``g2b``, ``b`` in-person desk, ``c`` electronic desk,
  ``d`` combined, ``outside``; ``ratio_b`` = b/a and ``ratio_cd`` = (c+d)/a, 0 when a = 0.
- ``format_ratio(value) -> "0.75"`` (two decimals, Latin digits: the templates write them in Persian).
- ``table_row(title, parent_title, snapshot) -> dict`` and ``table_total(rows) -> dict``: Appendix-3 lines.
- ``electronic_services(snapshot)``: the services of Section 5 (electronic or combined).
- Periods: ``period_count(kind)``, ``previous_period(kind, year, index)``, ``half_year_periods(kind, year, half)``
  (which periods of a kind make half-year ``half`` of Jalali year ``year``), ``period_of_month(kind, month)``.
"""

import copy

CHANNELS = ("in_person", "electronic", "combined", "outside")
RECIPIENTS = ("g2c", "g2b")
INFO_CHANNELS = ("website", "boards", "phone")
INFO_ITEMS = ("workflow", "documents", "laws", "duration", "fees", "complaint", "responsible", "faq")
E_ITEMS = ("documents", "e_form", "e_delivery", "tracking_code", "tracking_steps", "sms", "e_survey")
PERIOD_KINDS = ("bimonthly", "quarterly")
TABLE_COLUMNS = ("a", "b", "c", "d", "outside")


def empty_snapshot():
    return {
        "version": 1,
        "services": [],
        "evidence": {
            "working_days": 0,
            "days_with_receipts": 0,
            "days_without_receipts": [],
            "receipts_by_weekday_hour": [],
            "satisfaction": {},
        },
        "survey": {"respondents": 0, "questions": [], "demographics": [], "suggestions": []},
    }


def _flags(value, keys, where):
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise ValueError(f"{where} must be an object")
    return {key: bool(value.get(key)) for key in keys}


def _int(value, where):
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int | float) or int(value) != value or value < 0:
        raise ValueError(f"{where} must be a whole number ≥ 0")
    return int(value)


def _number(value, where):
    if value is None:
        return 0.0
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{where} must be a number")
    return float(value)


def normalize_snapshot(data):
    """A complete, typed copy of ``data`` (``None`` → the empty snapshot); ``ValueError`` on a malformed part."""
    if data is None:
        return empty_snapshot()
    if not isinstance(data, dict):
        raise ValueError("the snapshot must be an object")
    out = empty_snapshot()
    services = data.get("services") or []
    if not isinstance(services, list):
        raise ValueError("services must be a list")
    for number, service in enumerate(services, 1):
        where = f"service {number}"
        if not isinstance(service, dict):
            raise ValueError(f"{where} must be an object")
        recipient = service.get("recipient") or "g2c"
        channel = service.get("channel") or "outside"
        if recipient not in RECIPIENTS:
            raise ValueError(f"{where}: recipient must be one of {RECIPIENTS}")
        if channel not in CHANNELS:
            raise ValueError(f"{where}: channel must be one of {CHANNELS}")
        out["services"].append(
            {
                "title": str(service.get("title") or ""),
                "code": str(service.get("code") or ""),
                "recipient": recipient,
                "channel": channel,
                "place": str(service.get("place") or ""),
                "info_channels": _flags(service.get("info_channels"), INFO_CHANNELS, f"{where}: info_channels"),
                "info": _flags(service.get("info"), INFO_ITEMS, f"{where}: info"),
                "page_url": str(service.get("page_url") or ""),
                "e": _flags(service.get("e"), E_ITEMS, f"{where}: e"),
            }
        )
    evidence = data.get("evidence") or {}
    if not isinstance(evidence, dict):
        raise ValueError("evidence must be an object")
    out["evidence"].update(
        {
            "working_days": _int(evidence.get("working_days"), "evidence.working_days"),
            "days_with_receipts": _int(evidence.get("days_with_receipts"), "evidence.days_with_receipts"),
            "days_without_receipts": [str(day) for day in evidence.get("days_without_receipts") or []],
            "receipts_by_weekday_hour": [list(item) for item in evidence.get("receipts_by_weekday_hour") or []],
            "satisfaction": {
                str(key): {
                    "mean": _number((value or {}).get("mean"), f"evidence.satisfaction.{key}.mean"),
                    "respondents": _int((value or {}).get("respondents"), f"evidence.satisfaction.{key}"),
                }
                for key, value in (evidence.get("satisfaction") or {}).items()
            },
        }
    )
    survey = data.get("survey") or {}
    if not isinstance(survey, dict):
        raise ValueError("survey must be an object")
    questions = []
    for number, question in enumerate(survey.get("questions") or [], 1):
        where = f"survey question {number}"
        counts = question.get("counts") or {}
        questions.append(
            {
                "sequence": _int(question.get("sequence", number), f"{where}: sequence"),
                "title": str(question.get("title") or ""),
                "counts": {score: _int(counts.get(score), f"{where}: count {score}") for score in "12345"},
                "mean": _number(question.get("mean"), f"{where}: mean"),
                "respondents": _int(question.get("respondents"), f"{where}: respondents"),
            }
        )
    out["survey"] = {
        "respondents": _int(survey.get("respondents"), "survey.respondents"),
        "questions": questions,
        "demographics": [
            {
                "question": str(item.get("question") or ""),
                "answers": [
                    {"label": str(answer.get("label") or ""), "count": _int(answer.get("count"), "demographics")}
                    for answer in item.get("answers") or []
                ],
            }
            for item in survey.get("demographics") or []
        ],
        "suggestions": [str(text) for text in survey.get("suggestions") or [] if str(text).strip()],
    }
    return out


def section1(snapshot):
    """Section 1 figures of a (normalised or raw) snapshot, or of its summary ``{"section1": figures}`` (what a
    declared audit stores, so Appendix-3 tables need not read the whole catalog of every declaration)."""
    if snapshot and "section1" in snapshot:
        return dict(snapshot["section1"])
    services = (snapshot or {}).get("services") or []
    counts = dict.fromkeys(CHANNELS, 0)
    recipients = dict.fromkeys(RECIPIENTS, 0)
    for service in services:
        counts[service.get("channel") or "outside"] += 1
        recipients[service.get("recipient") or "g2c"] += 1
    a = len(services)
    b, c, d = counts["in_person"], counts["electronic"], counts["combined"]
    return {
        "a": a,
        "g2c": recipients["g2c"],
        "g2b": recipients["g2b"],
        "b": b,
        "c": c,
        "d": d,
        "outside": counts["outside"],
        "ratio_b": b / a if a else 0.0,
        "ratio_cd": (c + d) / a if a else 0.0,
    }


def format_ratio(value):
    """``0.75`` → ``"0.75"``; ratios are printed with two decimals."""
    return f"{value:.2f}"


def electronic_services(snapshot):
    return [s for s in (snapshot or {}).get("services") or [] if s.get("channel") in ("electronic", "combined")]


def table_row(title, parent_title, snapshot, **extra):
    """One Appendix-3 line: the agency, its main agency and the Section 1 counts of its declaration."""
    figures = section1(snapshot)
    row = {"title": title, "parent": parent_title}
    row.update({key: figures[key] for key in TABLE_COLUMNS})
    row.update(ratio_b=figures["ratio_b"], ratio_cd=figures["ratio_cd"])
    row.update(extra)
    return row


def table_total(rows):
    """The sum line of Appendix-3 rows (counts added; ratios recomputed from the sums)."""
    total = {key: sum(row[key] for row in rows) for key in TABLE_COLUMNS}
    a = total["a"]
    total["ratio_b"] = total["b"] / a if a else 0.0
    total["ratio_cd"] = (total["c"] + total["d"]) / a if a else 0.0
    return total


# ---------------------------------------------------------------- periods
def period_count(kind):
    """Periods in a Jalali year: 6 bi-monthly periods or 4 quarters."""
    if kind == "bimonthly":
        return 6
    if kind == "quarterly":
        return 4
    raise ValueError(f"unknown period kind {kind!r}")


def previous_period(kind, year, index):
    """``(year, index)`` of the period before ``index`` of ``year`` (the last one of the year before)."""
    count = period_count(kind)
    if not 1 <= index <= count:
        raise ValueError(f"period index must be in 1..{count}")
    if index == 1:
        return year - 1, count
    return year, index - 1


def period_of_month(kind, month):
    """Index of the period holding Jalali month ``month`` (1..12)."""
    if not 1 <= month <= 12:
        raise ValueError("month must be in 1..12")
    months = 12 // period_count(kind)
    return (month - 1) // months + 1


def half_year_periods(kind, year, half):
    """Periods of ``kind`` that make half-year ``half`` (1 = Farvardin–Shahrivar, 2 = Mehr–Esfand) of ``year``.

    Six months are exactly three bi-monthly periods (1–3 or 4–6) or two quarters (1–2 or 3–4): no period
    straddles the half-year boundary, so the half-year is the union of whole periods.
    """
    if half not in (1, 2):
        raise ValueError("half must be 1 or 2")
    per_half = period_count(kind) // 2
    first = (half - 1) * per_half + 1
    return [(year, index) for index in range(first, first + per_half)]


def half_year_row(title, parent_title, declarations):
    """One line of the six-month summary from the agency's declarations of the half-year.

    ``declarations`` is a list of ``(index, snapshot)`` of the periods declared. The counts are those of the latest
    declaration (the catalog is a stock, not a flow: adding three periods would triple it); ``periods`` is how
    many of the half-year's periods were declared, ``ratio_b``/``ratio_cd`` are the means over those periods.
    """
    ordered = sorted(declarations, key=lambda item: item[0])
    if not ordered:
        raise ValueError("no declaration")
    row = table_row(title, parent_title, ordered[-1][1])
    figures = [section1(snapshot) for _index, snapshot in ordered]
    row["periods"] = len(ordered)
    row["ratio_b"] = sum(f["ratio_b"] for f in figures) / len(figures)
    row["ratio_cd"] = sum(f["ratio_cd"] for f in figures) / len(figures)
    return row


def compare(previous, current):
    """Rows ``(key, previous value or None, current value)`` for the comparison table of two audits.

    ``previous``/``current`` are dicts ``{"snapshot": ..., "levels": [4 level keys]}``; levels are compared as keys.
    """
    cur = section1(current["snapshot"])
    prev = section1(previous["snapshot"]) if previous else None
    rows = [(key, prev[key] if prev else None, cur[key]) for key in ("a", "b", "c", "d", "outside")]
    rows += [(key, prev[key] if prev else None, cur[key]) for key in ("ratio_b", "ratio_cd")]
    for number in range(4):
        rows.append(
            (
                f"level_{number + 1}",
                (previous["levels"][number] or None) if previous else None,
                current["levels"][number] or None,
            )
        )
    return rows


def deep_copy(snapshot):
    return copy.deepcopy(snapshot)
