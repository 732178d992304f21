import io

import xlsxwriter

from odoo import api, models

# cell styles of tools.workbook → xlsxwriter formats (every sheet right-to-left, Persian font)
_BASE = {"font_name": "Vazirmatn", "font_size": 10, "reading_order": 2, "align": "right", "valign": "vcenter"}
_STYLES = {
    "title": {"bold": True, "font_size": 12},
    "note": {"italic": True, "font_size": 9},
    "head": {"bold": True, "bg_color": "#E9ECEF", "border": 1, "text_wrap": True, "align": "center"},
    "text": {"border": 1},
    "wrap": {"border": 1, "text_wrap": True},
    "int": {"border": 1, "num_format": "0", "align": "center"},
    "ratio": {"border": 1, "num_format": "0.00", "align": "center"},
    "check": {"border": 1, "align": "center", "font_name": "DejaVu Sans"},
}


class ReportMizAuditXlsx(models.AbstractModel):
    """Writes the sheets built by ``tools.workbook`` (Appendix 2, Appendix-3 tables) as an XLSX file."""

    _name = "report.miz_audit.xlsx"
    _description = "Audit XLSX Writer"

    @api.model
    def _miz_write(self, sheets):
        """``sheets`` = ``[(name, rows, column widths)]``, cells ``(value, style)`` or ``None``; returns bytes."""
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True})
        formats = {name: book.add_format({**_BASE, **style}) for name, style in _STYLES.items()}
        for name, rows, widths in sheets:
            sheet = book.add_worksheet(name[:31])
            sheet.right_to_left()
            for column, width in enumerate(widths):
                sheet.set_column(column, column, width)
            for row_number, row in enumerate(rows):
                for column, cell in enumerate(row):
                    if cell is None:
                        continue
                    value, style = cell
                    cell_format = formats[style]
                    if isinstance(value, int | float) and not isinstance(value, bool):
                        sheet.write_number(row_number, column, value, cell_format)
                    else:
                        sheet.write_string(row_number, column, "" if value is None else str(value), cell_format)
        book.close()
        return buffer.getvalue()
