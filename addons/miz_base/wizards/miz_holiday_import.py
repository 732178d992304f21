import base64
import csv
import io

from odoo import _, fields, models
from odoo.exceptions import UserError


class MizHolidayImport(models.TransientModel):
    """Import later years' public holidays from a CSV file: jalali_date,name,kind,source."""

    _name = "miz.holiday.import"
    _description = "Import Public Holidays"

    file = fields.Binary(string="CSV File", required=True)
    filename = fields.Char()
    source = fields.Char(string="Default Source", help="Used for rows that name no source.")
    imported_count = fields.Integer(readonly=True)

    def action_import(self):
        self.ensure_one()
        try:
            text = base64.b64decode(self.file).decode("utf-8-sig")
        except (ValueError, UnicodeDecodeError):
            raise UserError(_("The file is not a UTF-8 CSV file.")) from None
        reader = csv.DictReader(io.StringIO(text))
        missing = {"jalali_date", "name"} - set(reader.fieldnames or [])
        if missing:
            raise UserError(_("The CSV file needs the columns jalali_date, name, kind and source."))
        holidays = self.env["miz.holiday"].miz_import_rows(list(reader), source_default=self.source)
        self.imported_count = len(holidays)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("%(count)s holidays imported.", count=len(holidays)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
