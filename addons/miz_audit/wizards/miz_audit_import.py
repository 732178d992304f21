import base64
import io
import json
import zipfile

import openpyxl

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.miz_base.tools import digits, jalali

from ..models.miz_audit import GROUP_MANAGER
from ..tools import appendix, workbook


class MizAuditImport(models.TransientModel):
    """Import a declaration sent by an agency: the Appendix-2 XLSX this addon exports, read cell by cell.

    All or nothing: the whole file is read and checked first (the first wrong cell is refused with its sheet, row
    and column); then the agency is found by its official code — or created with its main agency — and the
    declared audit created, in one savepoint.
    """

    _name = "miz.audit.import"
    _description = "Import an Audit Declaration"

    file = fields.Binary(string="Appendix 2 (XLSX)", required=True, attachment=False)
    file_name = fields.Char()

    def _miz_cell_message(self, error):
        reasons = {
            "missing_sheet": _("the sheet is missing from the file"),
            "missing_row": _("the row «%(label)s» is missing", label=error.details.get("label", "")),
            "required": _("the cell is empty but must be filled"),
            "not_integer": _("«%(value)s» is not a whole number", value=error.details.get("value", "")),
            "not_number": _("«%(value)s» is not a number", value=error.details.get("value", "")),
            "choice": _(
                "«%(value)s» is not one of: %(allowed)s",
                value=error.details.get("value", ""),
                allowed=error.details.get("allowed", ""),
            ),
            "check": _("«%(value)s» is not a check box (☑ or ☐)", value=error.details.get("value", "")),
            "one_level": _("tick exactly one level in this row"),
            "mismatch": _(
                "«%(value)s» does not match what the file's lists give (%(expected)s)",
                value=error.details.get("value", ""),
                expected=error.details.get("expected", ""),
            ),
            "date": _("«%(value)s» is not a Jalali date such as 1405/03/01", value=error.details.get("value", "")),
            "unknown_service": _(
                "the service «%(value)s» is not in the list of services of Section 1",
                value=error.details.get("value", ""),
            ),
            "version": _("this file was not made by this system's export (template version)"),
            "range": _(
                "%(value)s is outside %(low)s … %(high)s",
                value=error.details.get("value", ""),
                low=error.details.get("low", ""),
                high=error.details.get("high", ""),
            ),
            "duplicate": _("«%(value)s» appears twice", value=error.details.get("value", "")),
            "province": _("no province named «%(value)s»", value=error.details.get("value", "")),
            "exists": _("this agency already has an audit for this period"),
        }
        text = _(
            "The file is refused, nothing was imported. Sheet «%(sheet)s», row %(row)s, column %(column)s: "
            "%(reason)s.",
            sheet=error.sheet,
            row=digits.to_persian_digits(error.row),
            column=workbook.column_letter(error.column),
            reason=reasons.get(error.reason, error.reason),
        )
        return text

    def _miz_read_sheets(self):
        try:
            book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(self.file)), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
            raise UserError(_("This is not an XLSX file exported by the audit (Appendix 2).")) from error
        try:
            return {sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)] for sheet in book}
        finally:
            book.close()

    def action_import(self):
        self.ensure_one()
        if not self.env.user.has_group(GROUP_MANAGER):
            raise AccessError(_("Only an audit manager imports declarations."))
        sheets = self._miz_read_sheets()
        try:
            declaration = workbook.parse_sheets(sheets, parse_date=jalali.parse)
            audit = self._miz_create(declaration)
        except workbook.CellError as error:
            raise UserError(self._miz_cell_message(error)) from None
        return audit.get_formview_action()

    def _miz_header_error(self, header, key, reason, **details):
        return workbook.CellError(workbook.SHEET_HEADER, header["_rows"][key], 2, reason, **details)

    def _miz_create(self, declaration):
        header = declaration["header"]
        Agency = self.env["miz.agency"].sudo().with_context(active_test=False)
        province = self.env["miz.province"]
        if header["province"]:
            province = province.sudo().search([("name", "=", header["province"])], limit=1)
            if not province:
                raise self._miz_header_error(header, "province", "province", value=header["province"])
        with self.env.cr.savepoint():
            agency = Agency.search([("code", "=", header["agency_code"])], limit=1)
            if not agency:
                parent = Agency.browse()
                if header["parent_code"]:
                    parent = Agency.search([("code", "=", header["parent_code"])], limit=1) or Agency.create(
                        {"name": header["parent_name"] or header["parent_code"], "code": header["parent_code"]}
                    )
                agency = Agency.create(
                    {
                        "name": header["agency_name"],
                        "code": header["agency_code"],
                        "parent_id": parent.id,
                        "level": header["level"],
                        "province_id": province.id,
                    }
                )
            Audit = self.env["miz.audit"].sudo()
            if Audit.search_count(
                [
                    ("agency_id", "=", agency.id),
                    ("period_kind", "=", header["period_kind"]),
                    ("period_year", "=", header["year"]),
                    ("period_index", "=", header["index"]),
                ]
            ):
                raise self._miz_header_error(header, "index", "exists")
            vals = {
                "agency_id": agency.id,
                "period_kind": header["period_kind"],
                "period_year": header["year"],
                "period_index": header["index"],
                "state": "declared",
                "imported": True,
                "snapshot": json.dumps(
                    appendix.normalize_snapshot(declaration["snapshot"]), ensure_ascii=False, sort_keys=True
                ),
                "declared_date": header.get("declared_date") or fields.Date.context_today(self),
            }
            for number, (level, note) in enumerate(
                zip(declaration["agency"]["levels"], declaration["agency"]["notes"], strict=True), 1
            ):
                vals[f"level_a{number}"] = level
                vals[f"note_a{number}"] = note or False
            audit = Audit.create(vals)
            self.env["ir.attachment"].sudo().create(
                {
                    "name": self.file_name or "appendix2.xlsx",
                    "datas": self.file,
                    "res_model": "miz.audit",
                    "res_id": audit.id,
                }
            )
            audit.with_env(self.env)._miz_attach_forms(_("declaration"))
            audit.message_post(
                body=_(
                    "Declaration imported from %(file)s by %(user)s.",
                    file=self.file_name or "",
                    user=self.env.user.name,
                )
            )
        audit = audit.with_env(self.env)
        audit._miz_notify_evaluators()
        return audit
