"""XLSX export: date columns also as Jalali text (user preference ``miz_export_jalali``).

Each exported date/datetime column is followed by a text column holding the same value in Jalali
(``1405/07/01``, ``1405/07/01 10:30:00``), so the sheet keeps real Excel dates for formulas and gives
the reader the Jalali date. Not for import-compatible exports (their columns must stay field names).
"""

import json

from odoo.http import request

from odoo.addons.miz_base.tools import jalali
from odoo.addons.web.controllers.export import ExcelExport

DATE_PATTERN = "%Y/%m/%d"
DATETIME_PATTERN = "%Y/%m/%d %H:%M:%S"


def _jalali_text(value, field_type, latin_digits):
    """Jalali text of an exported cell value (``""`` for empty cells).

    Datetimes reach the export already in the user's time zone (``Datetime.convert_to_export``), as naive
    values: they are written as they are, without another conversion.
    """
    if not value:
        return ""
    if field_type == "datetime":
        return jalali.format_datetime(value, tz="UTC", fmt=DATETIME_PATTERN, latin_digits=latin_digits)
    return jalali.format_date(value, DATE_PATTERN, latin_digits=latin_digits)


class MizExcelExport(ExcelExport):
    def _miz_jalali_columns(self, fields):
        """Indexes of the date/datetime columns to double, or ``[]`` when the preference is off."""
        user = request.env.user
        if not user or not user.miz_export_jalali:
            return []
        try:
            params = json.loads(request.params.get("data") or "{}")
        except ValueError:
            return []
        if params.get("import_compat"):
            return []
        return [index for index, field in enumerate(fields) if field.get("type") in ("date", "datetime")]

    def _miz_expand(self, fields, columns_headers, indexes):
        new_fields, new_headers = [], []
        for index, (field, header) in enumerate(zip(fields, columns_headers, strict=True)):
            new_fields.append(field)
            new_headers.append(header)
            if index in indexes:
                new_fields.append({**field, "name": f"{field['name']}__miz_jalali", "type": "char"})
                new_headers.append(request.env._("%s (Jalali)", header))
        return new_fields, new_headers

    def _miz_expand_row(self, row, fields, indexes, latin_digits):
        new_row = []
        for index, value in enumerate(row):
            new_row.append(value)
            if index in indexes:
                new_row.append(_jalali_text(value, fields[index]["type"], latin_digits))
        return new_row

    def _miz_latin_digits(self):
        return not (request.env.user.lang or "").startswith("fa")

    def from_data(self, fields, columns_headers, rows):
        indexes = self._miz_jalali_columns(fields)
        if not indexes:
            return super().from_data(fields, columns_headers, rows)
        latin = self._miz_latin_digits()
        rows = [self._miz_expand_row(row, fields, indexes, latin) for row in rows]
        fields, columns_headers = self._miz_expand(fields, columns_headers, indexes)
        return super().from_data(fields, columns_headers, rows)

    def from_group_data(self, fields, columns_headers, groups):
        indexes = self._miz_jalali_columns(fields)
        if not indexes:
            return super().from_group_data(fields, columns_headers, groups)
        latin = self._miz_latin_digits()
        new_fields, new_headers = self._miz_expand(fields, columns_headers, indexes)
        names = [field["name"] for field in new_fields]

        def expand(node):
            # the group aggregates read node.data column by column along _export_field_names
            node.data = [self._miz_expand_row(row, fields, indexes, latin) for row in node.data]
            node._export_field_names = names
            for child in node.children.values():
                expand(child)

        expand(groups)
        return super().from_group_data(new_fields, new_headers, groups)
