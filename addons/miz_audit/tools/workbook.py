"""The Appendix-2 workbook: the sheets the export writes and the import reads back — no Odoo import.

A *declaration* is the neutral dict both directions use::

    {"header": {"agency_code", "agency_name", "parent_code", "parent_name", "province", "unit",
                "level": "national"|"provincial", "period_kind": "bimonthly"|"quarterly", "year", "index",
                "declared": "1405/03/01", "evaluated": "" },
     "snapshot": {... contract snapshot ...},
     "agency": {"levels": [4 level keys or ""], "notes": [4 texts]},
     "evaluator": {"levels": [...], "notes": [...], "improvement": "", "contradictions": [{"title", "code"}],
                   "corrections3": [{"title", "code", "text"}], "corrections5": [...]},
     "comparison": [(label, previous, current), ...] or None}

- ``build_sheets(declaration) -> [(sheet name, rows, widths)]``: every cell is ``(value, style)`` with style one of
  ``title``, ``head``, ``text``, ``wrap``, ``int``, ``ratio``, ``check``, ``note``; ``None`` is an empty cell.
  Numbers stay numbers (``int``/``float``); check boxes are ``☑``/``☐``; Section 5 capabilities ``دارد``/``ندارد``.
- ``parse_sheets(sheets, parse_date=None) -> declaration`` from ``{sheet name: [row tuples of cell values]}``
  (what openpyxl reads). The agency's parts and the snapshot are read; the evaluator's parts are not (an imported
  declaration is evaluated where it is imported). Every figure is checked against the lists it is computed from.
  The first wrong cell raises ``CellError(sheet, row, column, reason, **details)`` — row and column 1-based.
  ``parse_date(text)`` (optional) turns the Jalali date text into a date, raising ``ValueError`` when it is wrong.
- ``column_letter(n)``: ``1`` → ``"A"``.
"""

from . import appendix, forms

CHECKED = "☑"
UNCHECKED = "☐"
VERSION = 1

SHEET_HEADER = "سربرگ"
SHEET_S1 = "بخش ۱"
SHEET_S2A = "بخش ۲-الف"
SHEET_S2B = "بخش ۲-ب"
SHEET_S3 = "بخش ۳"
SHEET_S4 = "بخش ۴"
SHEET_S5 = "بخش ۵"
SHEET_S6 = "بخش ۶"
SHEET_CMP = "مقایسه"

HEADER_ROWS = (
    ("agency_code", forms.H_AGENCY_CODE),
    ("agency_name", forms.H_AGENCY),
    ("parent_code", forms.H_PARENT_CODE),
    ("parent_name", forms.H_PARENT),
    ("province", forms.H_PROVINCE),
    ("unit", forms.H_UNIT),
    ("level", forms.H_LEVEL),
    ("period_kind", forms.H_PERIOD_KIND),
    ("year", forms.H_PERIOD_YEAR),
    ("index", forms.H_PERIOD_INDEX),
    ("declared", forms.H_DECLARED),
    ("evaluated", forms.H_EVALUATED),
    ("version", forms.H_VERSION),
)
LEVEL_NAMES = {"national": forms.H_NATIONAL, "provincial": forms.H_PROVINCIAL}
FIGURE_ROWS = (
    ("ratio_b", forms.S1_RATIO_B),
    ("ratio_cd", forms.S1_RATIO_CD),
    ("a", forms.FIG_A),
    ("g2c", forms.FIG_G2C),
    ("g2b", forms.FIG_G2B),
    ("b", forms.FIG_B),
    ("c", forms.FIG_C),
    ("d", forms.FIG_D),
    ("outside", forms.FIG_OUTSIDE),
)
VALUE = "مقدار"


class CellError(Exception):
    """A cell of the workbook that cannot be read: ``sheet``, ``row``, ``column`` (1-based), ``reason`` and details.

    ``reason`` is one of: ``missing_sheet``, ``missing_row``, ``required``, ``not_integer``, ``not_number``,
    ``choice`` (``allowed``), ``check``, ``one_level``, ``mismatch`` (``expected``), ``date``, ``unknown_service``,
    ``version``, ``range`` (``low``, ``high``), ``duplicate``.
    """

    def __init__(self, sheet, row, column, reason, **details):
        super().__init__(f"{sheet}!{column_letter(column)}{row}: {reason} {details}")
        self.sheet = sheet
        self.row = row
        self.column = column
        self.reason = reason
        self.details = details


def column_letter(number):
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters or "A"


# ====================================================================================================== export
def _t(value, style="text"):
    return (value, style)


def _check(flag):
    return (CHECKED if flag else UNCHECKED, "check")


def _levels_rows(levels, notes):
    rows = []
    for number, subject in enumerate(forms.S2_ROWS):
        row = [_t(number + 1, "int"), _t(subject, "wrap")]
        row += [_check(levels[number] == key) for key, _label in forms.LEVELS]
        row.append(_t(notes[number] or "", "wrap"))
        rows.append(row)
    return rows


def _levels_head():
    return (
        [_t(forms.COL_ROW, "head"), _t(forms.S2_SUBJECT, "head")]
        + [_t(label, "head") for _key, label in forms.LEVELS]
        + [_t(forms.S2_NOTES, "head")]
    )


def build_sheets(declaration):
    """The sheets of the Appendix-2 workbook of ``declaration`` (see the module docstring)."""
    header = declaration["header"]
    snapshot = declaration["snapshot"]
    agency = declaration["agency"]
    evaluator = declaration["evaluator"]
    figures = appendix.section1(snapshot)
    sheets = []

    rows = [[_t(forms.FORM_TITLE, "title")], [_t(forms.FORM_SUBJECT, "note")], [_t(forms.APPENDIX_2, "note")]]
    for key, label in HEADER_ROWS:
        value = header.get(key)
        if key == "level":
            value = LEVEL_NAMES.get(value, "")
        elif key == "period_kind":
            value = forms.PERIOD_KINDS.get(value, "")
        elif key == "version":
            value = VERSION
        style = "int" if key in ("year", "index", "version") else "text"
        rows.append([_t(label, "head"), _t(value if value not in (None, False) else "", style)])
    sheets.append((SHEET_HEADER, rows, (34, 60)))

    rows = [[_t(forms.S1_TITLE, "title")], [], [_t(forms.S1_FIGURES, "head"), _t(VALUE, "head")]]
    for key, label in FIGURE_ROWS:
        rows.append([_t(label, "wrap"), _t(figures[key], "ratio" if key.startswith("ratio") else "int")])
    rows += [[], [_t(forms.S1_SERVICES, "title")]]
    rows.append(
        [_t(forms.COL_ROW, "head"), _t(forms.COL_TITLE, "head"), _t(forms.COL_CODE, "head")]
        + [_t(forms.COL_RECIPIENT, "head"), _t(forms.COL_CHANNEL, "head")]
    )
    for number, service in enumerate(snapshot["services"], 1):
        rows.append(
            [
                _t(number, "int"),
                _t(service["title"], "wrap"),
                _t(service["code"]),
                _t(forms.RECIPIENTS[service["recipient"]]),
                _t(forms.CHANNELS[service["channel"]]),
            ]
        )
    rows += [[], [_t(forms.S1_CONTRADICTIONS, "title")]]
    rows.append([_t(forms.COL_ROW, "head"), _t(forms.COL_TITLE, "head"), _t(forms.COL_CODE, "head")])
    for number, line in enumerate(evaluator["contradictions"], 1):
        rows.append([_t(number, "int"), _t(line["title"], "wrap"), _t(line["code"])])
    rows.append([])
    rows += [[_t(f"{number}- {text}", "note")] for number, text in enumerate(forms.S1_FOOTNOTES, 1)]
    sheets.append((SHEET_S1, rows, (60, 40, 18, 14, 34)))

    rows = [[_t(forms.S2A_TITLE, "title")], [], _levels_head()]
    rows += _levels_rows(agency["levels"], agency["notes"])
    evidence = snapshot["evidence"]
    rows += [[], [_t(forms.EV_TITLE, "title")]]
    rows.append([_t(forms.EV_WORKING_DAYS, "head"), _t(evidence["working_days"], "int")])
    rows.append([_t(forms.EV_DAYS_WITH, "head"), _t(evidence["days_with_receipts"], "int")])
    rows.append([_t(forms.EV_DAYS_WITHOUT, "head"), _t("، ".join(evidence["days_without_receipts"]), "wrap")])
    for key in ("4", "7", "8"):
        item = evidence["satisfaction"].get(key)
        if item:
            rows.append(
                [
                    _t(f"{forms.EV_SATISFACTION} — {key}", "head"),
                    _t(item["mean"], "ratio"),
                    _t(item["respondents"], "int"),
                ]
            )
    rows.append([])
    rows += [[_t(f"{number}- {text}", "note")] for number, text in enumerate(forms.S2A_FOOTNOTES, 1)]
    sheets.append((SHEET_S2A, rows, (8, 60, 11, 11, 11, 11, 11, 40)))

    rows = [[_t(forms.S2B_TITLE, "title")], [_t(forms.S2B_RESULTS, "note")], _levels_head()]
    rows += _levels_rows(evaluator["levels"], evaluator["notes"])
    rows.append([_t(forms.S2_IMPROVEMENT, "head"), _t(evaluator["improvement"] or "", "wrap")])
    rows.append([])
    rows += [[_t(f"{number + 4}- {text}", "note")] for number, text in enumerate(forms.S2B_FOOTNOTES)]
    sheets.append((SHEET_S2B, rows, (8, 60, 11, 11, 11, 11, 11, 40)))

    rows = [[_t(forms.S3_TITLE, "title")], []]
    rows.append(
        [_t(forms.COL_ROW, "head"), _t(forms.COL_TITLE, "head"), _t(forms.COL_CODE, "head")]
        + [_t(forms.S3_PLACE, "head"), _t(forms.S3_CHANNELS, "head"), None, None, _t(forms.S3_ITEMS, "head")]
        + [None] * 7
    )
    rows.append(
        [None] * 4
        + [_t(label, "head") for _key, label in forms.S3_CHANNEL_COLUMNS]
        + [_t(label, "head") for _key, label in forms.S3_ITEM_COLUMNS]
    )
    for number, service in enumerate(snapshot["services"], 1):
        channels = service["info_channels"]
        website = (service["page_url"] or CHECKED) if channels["website"] else UNCHECKED
        row = [_t(number, "int"), _t(service["title"], "wrap"), _t(service["code"]), _t(service["place"], "wrap")]
        row.append(_t(website, "check" if website in (CHECKED, UNCHECKED) else "wrap"))
        row += [_check(channels[key]) for key, _label in forms.S3_CHANNEL_COLUMNS[1:]]
        row += [_check(service["info"][key]) for key, _label in forms.S3_ITEM_COLUMNS]
        rows.append(row)
    rows += [[], [_t(forms.S3_RESULTS, "title")], [_t(forms.S3_CORRECTIONS, "head"), _t(forms.S3_CORRECTIONS_NOTE)]]
    rows.append(
        [_t(forms.COL_ROW, "head"), _t(forms.COL_TITLE, "head"), _t(forms.COL_CODE, "head")]
        + [_t(forms.S3_CORRECTION_COL, "head")]
    )
    for number, line in enumerate(evaluator["corrections3"], 1):
        rows.append([_t(number, "int"), _t(line["title"], "wrap"), _t(line["code"]), _t(line["text"], "wrap")])
    rows += [[], [_t(f"1- {forms.S3_FOOTNOTE}", "note")]]
    sheets.append((SHEET_S3, rows, (8, 34, 16, 30, 30, 16, 16) + (14,) * 8))

    sheets.append((SHEET_S4, [[_t(forms.S4_ABSENT, "wrap")]], (100,)))

    rows = [[_t(forms.S5_TITLE, "title")], []]
    rows.append(
        [_t(forms.COL_ROW, "head"), _t(forms.S5_COL_TITLE, "head"), _t(forms.COL_CODE, "head")]
        + [_t(forms.S5_COL_URL, "head")]
        + [_t(label, "head") for _key, label in forms.S5_COLUMNS]
    )
    for number, service in enumerate(appendix.electronic_services(snapshot), 1):
        rows.append(
            [_t(number, "int"), _t(service["title"], "wrap"), _t(service["code"]), _t(service["page_url"], "wrap")]
            + [_t(forms.HAS if service["e"][key] else forms.HAS_NOT) for key, _label in forms.S5_COLUMNS]
        )
    rows += [[], [_t(forms.S5_RESULTS, "title")]]
    rows.append(
        [_t(forms.COL_ROW, "head"), _t(forms.COL_TITLE, "head"), _t(forms.COL_CODE, "head")]
        + [_t(forms.S5_CORRECTION_COL, "head")]
    )
    for number, line in enumerate(evaluator["corrections5"], 1):
        rows.append([_t(number, "int"), _t(line["title"], "wrap"), _t(line["code"]), _t(line["text"], "wrap")])
    sheets.append((SHEET_S5, rows, (8, 40, 16, 36) + (16,) * 7))

    survey = snapshot["survey"]
    rows = [[_t(forms.S6_TITLE, "title")], [], [_t(forms.S6_RESPONDENTS, "head"), _t(survey["respondents"], "int")]]
    rows.append([])
    rows.append(
        [_t(forms.COL_ROW, "head"), _t(forms.S6_AXIS, "head"), _t(forms.S6_QUESTION, "head")]
        + [_t(f"{forms.S6_LEVEL}: {label} ({score})", "head") for score, label in forms.S6_SCORES]
        + [_t(forms.S6_MEAN, "head"), _t(forms.S6_RESPONDENTS, "head")]
    )
    for question in survey["questions"]:
        rows.append(
            [_t(question["sequence"], "int"), _t(forms.S6_AXES.get(question["sequence"], "")), _t(question["title"])]
            + [_t(question["counts"][score], "int") for score, _label in forms.S6_SCORES]
            + [_t(question["mean"], "ratio"), _t(question["respondents"], "int")]
        )
    rows += [[], [_t(forms.S6_DEMOGRAPHICS, "title")]]
    rows.append([_t(forms.S6_QUESTION, "head"), _t(forms.S6_ANSWER, "head"), _t(forms.S6_COUNT, "head")])
    for item in survey["demographics"]:
        for answer in item["answers"]:
            rows.append([_t(item["question"]), _t(answer["label"]), _t(answer["count"], "int")])
    rows += [[], [_t(forms.S6_SUGGESTIONS, "title")]]
    rows += [[_t(text, "wrap")] for text in survey["suggestions"]]
    sheets.append((SHEET_S6, rows, (10, 24, 50) + (14,) * 5 + (14, 16)))

    comparison = declaration.get("comparison")
    if comparison is not None:
        rows = [[_t(forms.CMP_TITLE, "title")], []]
        rows.append([_t(forms.CMP_ITEM, "head"), _t(forms.CMP_PREVIOUS, "head"), _t(forms.CMP_CURRENT, "head")])
        for label, previous, current in comparison:
            style = "ratio" if isinstance(current, float) else ("int" if isinstance(current, int) else "text")
            rows.append([_t(label, "wrap"), _t("" if previous is None else previous, style), _t(current, style)])
        sheets.append((SHEET_CMP, rows, (60, 20, 20)))
    return sheets


# ====================================================================================================== import
class _Sheet:
    def __init__(self, name, rows):
        self.name = name
        self.rows = [tuple(row) for row in rows]

    def cell(self, row, column):
        """Value at 1-based ``row``/``column`` (``None`` beyond the data); text is stripped."""
        if row - 1 >= len(self.rows) or column - 1 >= len(self.rows[row - 1]):
            return None
        value = self.rows[row - 1][column - 1]
        if isinstance(value, str):
            value = value.strip()
            return value or None
        return value

    def error(self, row, column, reason, **details):
        return CellError(self.name, row, column, reason, **details)

    def find(self, label, start=1):
        """1-based row whose first cell is ``label``, searched from ``start``; ``None`` when absent."""
        for number in range(start, len(self.rows) + 1):
            if self.cell(number, 1) == label:
                return number
        return None

    def require_row(self, label, start=1):
        number = self.find(label, start)
        if number is None:
            raise self.error(max(start, 1), 1, "missing_row", label=label)
        return number

    def blank(self, row):
        if row - 1 >= len(self.rows):
            return True
        return all(self.cell(row, column) is None for column in range(1, len(self.rows[row - 1]) + 1))

    def block(self, first):
        """Row numbers from ``first`` to the first blank row."""
        number = first
        while not self.blank(number):
            yield number
            number += 1

    # typed cells
    def text(self, row, column, required=False):
        value = self.cell(row, column)
        if value is None:
            if required:
                raise self.error(row, column, "required")
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value)

    def integer(self, row, column, low=0, high=None):
        value = self.cell(row, column)
        if value is None:
            raise self.error(row, column, "required")
        if isinstance(value, bool) or not isinstance(value, int | float) or int(value) != value:
            raise self.error(row, column, "not_integer", value=value)
        value = int(value)
        if value < low or (high is not None and value > high):
            raise self.error(row, column, "range", value=value, low=low, high=high if high is not None else "∞")
        return value

    def number(self, row, column, low=None, high=None):
        value = self.cell(row, column)
        if value is None:
            raise self.error(row, column, "required")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(row, column, "not_number", value=value)
        if (low is not None and value < low) or (high is not None and value > high):
            raise self.error(row, column, "range", value=value, low=low, high=high)
        return float(value)

    def choice(self, row, column, choices, required=True):
        """Key of ``choices`` (key → label) whose label is in the cell."""
        value = self.cell(row, column)
        if value is None and not required:
            return ""
        for key, label in choices.items():
            if value == label:
                return key
        if value is None:
            raise self.error(row, column, "required")
        raise self.error(row, column, "choice", value=value, allowed="، ".join(choices.values()))

    def check(self, row, column):
        value = self.cell(row, column)
        if value in (None, UNCHECKED):
            return False
        if value == CHECKED:
            return True
        raise self.error(row, column, "check", value=value)


def _sheet(sheets, name):
    if name not in sheets:
        raise CellError(name, 1, 1, "missing_sheet")
    return _Sheet(name, sheets[name])


def _parse_header(sheet, parse_date):
    header = {"_rows": {}}
    for key, label in HEADER_ROWS:
        row = sheet.require_row(label)
        header["_rows"][key] = row
        if key == "level":
            header[key] = sheet.choice(row, 2, LEVEL_NAMES)
        elif key == "period_kind":
            header[key] = sheet.choice(row, 2, forms.PERIOD_KINDS)
        elif key == "year":
            header[key] = sheet.integer(row, 2, 1300, 1600)
        elif key == "index":
            header[key] = row  # checked against the kind below
        elif key == "version":
            if sheet.cell(row, 2) != VERSION:
                raise sheet.error(row, 2, "version", expected=VERSION)
        elif key in ("declared", "evaluated"):
            text = sheet.text(row, 2, required=key == "declared")
            header[key] = text
            header[f"{key}_date"] = None
            if text and parse_date:
                try:
                    header[f"{key}_date"] = parse_date(text)
                except ValueError:
                    raise sheet.error(row, 2, "date", value=text) from None
        else:
            header[key] = sheet.text(row, 2, required=key in ("agency_code", "agency_name"))
    index_row = header["index"]
    header["index"] = sheet.integer(index_row, 2, 1, appendix.period_count(header["period_kind"]))
    if header["level"] == "provincial" and not header["province"]:
        raise sheet.error(sheet.require_row(forms.H_PROVINCE), 2, "required")
    return header


def _parse_services(sheet):
    start = sheet.require_row(forms.S1_SERVICES) + 1  # the column titles
    services, keys = [], set()
    for row in sheet.block(start + 1):
        service = {
            "title": sheet.text(row, 2, required=True),
            "code": sheet.text(row, 3),
            "recipient": sheet.choice(row, 4, forms.RECIPIENTS),
            "channel": sheet.choice(row, 5, forms.CHANNELS),
        }
        key = (service["title"], service["code"])
        if key in keys:
            raise sheet.error(row, 2, "duplicate", value=service["title"])
        keys.add(key)
        services.append(service)
    figures = appendix.section1({"services": services})
    for key, label in FIGURE_ROWS:
        row = sheet.require_row(label)
        if key.startswith("ratio"):
            value = sheet.number(row, 2, 0, 1)
            if abs(value - figures[key]) > 0.005:
                raise sheet.error(row, 2, "mismatch", value=value, expected=appendix.format_ratio(figures[key]))
        else:
            value = sheet.integer(row, 2)
            if value != figures[key]:
                raise sheet.error(row, 2, "mismatch", value=value, expected=figures[key])
    return services


def _parse_levels(sheet):
    head = sheet.require_row(forms.COL_ROW)
    levels, notes = [], []
    for number in range(len(forms.S2_ROWS)):
        row = head + 1 + number
        if sheet.integer(row, 1, 1, 4) != number + 1:
            raise sheet.error(row, 1, "mismatch", value=sheet.cell(row, 1), expected=number + 1)
        ticked = [key for column, (key, _label) in enumerate(forms.LEVELS, 3) if sheet.check(row, column)]
        if len(ticked) != 1:
            raise sheet.error(row, 3, "one_level")
        levels.append(ticked[0])
        notes.append(sheet.text(row, 3 + len(forms.LEVELS)))
    return levels, notes


def _service_index(sheet, row, services, column_title=2, column_code=3, electronic=False):
    key = (sheet.text(row, column_title, required=True), sheet.text(row, column_code))
    for service in services:
        if (service["title"], service["code"]) == key:
            if electronic and service["channel"] not in ("electronic", "combined"):
                break
            return service
    raise sheet.error(row, column_title, "unknown_service", value=key[0])


def _parse_section3(sheet, services):
    head = sheet.require_row(forms.COL_ROW)
    seen = set()
    for row in sheet.block(head + 2):
        service = _service_index(sheet, row, services)
        if id(service) in seen:
            raise sheet.error(row, 2, "duplicate", value=service["title"])
        seen.add(id(service))
        service["place"] = sheet.text(row, 4)
        website = sheet.cell(row, 5)
        channels = {"website": website not in (None, UNCHECKED)}
        if website not in (None, UNCHECKED, CHECKED):
            if not isinstance(website, str) or " " in website:
                raise sheet.error(row, 5, "check", value=website)
            service.setdefault("page_url", website)
        for offset, (key, _label) in enumerate(forms.S3_CHANNEL_COLUMNS[1:], 6):
            channels[key] = sheet.check(row, offset)
        service["info_channels"] = channels
        service["info"] = {
            key: sheet.check(row, column) for column, (key, _label) in enumerate(forms.S3_ITEM_COLUMNS, 8)
        }


def _parse_section5(sheet, services):
    head = sheet.require_row(forms.COL_ROW)
    for row in sheet.block(head + 1):
        service = _service_index(sheet, row, services, electronic=True)
        url = sheet.text(row, 4)
        if url:
            service["page_url"] = url
        service["e"] = {
            key: sheet.choice(row, column, {True: forms.HAS, False: forms.HAS_NOT})
            for column, (key, _label) in enumerate(forms.S5_COLUMNS, 5)
        }


def _parse_section6(sheet):
    survey = {"respondents": sheet.integer(sheet.require_row(forms.S6_RESPONDENTS), 2)}
    head = sheet.require_row(forms.COL_ROW)
    questions = []
    for row in sheet.block(head + 1):
        counts = {score: sheet.integer(row, column) for column, (score, _label) in enumerate(forms.S6_SCORES, 4)}
        questions.append(
            {
                "sequence": sheet.integer(row, 1, 1),
                "title": sheet.text(row, 3, required=True),
                "counts": counts,
                "mean": sheet.number(row, 9, 0, 5),
                "respondents": sheet.integer(row, 10),
            }
        )
    survey["questions"] = questions
    demographics = {}
    start = sheet.require_row(forms.S6_DEMOGRAPHICS) + 1
    for row in sheet.block(start + 1):
        question = sheet.text(row, 1, required=True)
        demographics.setdefault(question, []).append(
            {"label": sheet.text(row, 2, required=True), "count": sheet.integer(row, 3)}
        )
    survey["demographics"] = [{"question": q, "answers": answers} for q, answers in demographics.items()]
    start = sheet.require_row(forms.S6_SUGGESTIONS)
    survey["suggestions"] = [sheet.text(row, 1) for row in sheet.block(start + 1)]
    return survey


def _parse_evidence(sheet):
    evidence = {}
    for key, label in (("working_days", forms.EV_WORKING_DAYS), ("days_with_receipts", forms.EV_DAYS_WITH)):
        row = sheet.find(label)
        evidence[key] = sheet.integer(row, 2) if row else 0
    row = sheet.find(forms.EV_DAYS_WITHOUT)
    text = sheet.text(row, 2) if row else ""
    evidence["days_without_receipts"] = [day.strip() for day in text.split("،") if day.strip()]
    return evidence


def parse_sheets(sheets, parse_date=None):
    """The declaration held by a workbook's sheets; ``CellError`` at the first wrong cell (see module docstring)."""
    header = _parse_header(_sheet(sheets, SHEET_HEADER), parse_date)
    s1 = _sheet(sheets, SHEET_S1)
    services = _parse_services(s1)
    s2a = _sheet(sheets, SHEET_S2A)
    levels, notes = _parse_levels(s2a)
    _parse_section3(_sheet(sheets, SHEET_S3), services)
    _parse_section5(_sheet(sheets, SHEET_S5), services)
    survey = _parse_section6(_sheet(sheets, SHEET_S6))
    snapshot = appendix.normalize_snapshot({"services": services, "evidence": _parse_evidence(s2a), "survey": survey})
    return {
        "header": header,
        "snapshot": snapshot,
        "agency": {"levels": levels, "notes": notes},
        "evaluator": None,
    }


# ====================================================================================================== Appendix 3
def build_table_sheet(table):
    """The sheet of an Appendix-3 table: ``table`` = ``{"kind": "table1"|"table2"|"half", "title", "subtitle",
    "rows": [appendix.table_row(...)], "total": appendix.table_total(...), "periods": n}``."""
    half = table["kind"] == "half"
    rows = [[_t(forms.A3_TITLE, "title")], [_t(forms.FORM_SUBJECT, "note")], [_t(table["title"], "title")]]
    rows += [[_t(table["subtitle"], "note")], []]
    head = [_t(forms.T_AGENCY, "head"), _t(forms.T_PARENT, "head"), _t(forms.T_TOTAL, "head")]
    head += [_t(f"{forms.T_PROVIDED} {label}", "head") for label in _TABLE_CHANNELS]
    if half:
        head += [_t(forms.S1_RATIO_B, "head"), _t(forms.S1_RATIO_CD, "head"), _t(forms.T_PERIODS, "head")]
    rows.append(head)
    for line in table["rows"]:
        row = [_t(line["title"], "wrap"), _t(line["parent"], "wrap")]
        row += [_t(line[key], "int") for key in appendix.TABLE_COLUMNS]
        if half:
            row += [_t(round(line["ratio_b"], 2), "ratio"), _t(round(line["ratio_cd"], 2), "ratio")]
            row.append(_t(f"{line['periods']} / {table['periods']}"))
        rows.append(row)
    total = table["total"]
    row = [_t(forms.T_SUM, "head"), None] + [_t(total[key], "int") for key in appendix.TABLE_COLUMNS]
    if half:
        row += [_t(round(total["ratio_b"], 2), "ratio"), _t(round(total["ratio_cd"], 2), "ratio")]
    rows.append(row)
    name = {"table1": "جدول ۱", "table2": "جدول ۲", "half": "شش ماهه"}[table["kind"]]
    return [(name, rows, (36, 30, 18, 18, 18, 22, 26, 24, 24, 14))]


_TABLE_CHANNELS = (forms.T_IN_PERSON, forms.T_ELECTRONIC, forms.T_COMBINED, forms.T_OUTSIDE)
