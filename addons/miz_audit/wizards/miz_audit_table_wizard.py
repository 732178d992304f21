import base64

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.miz_base.tools import jalali

from ..models.miz_audit import DONE_STATES
from ..tools import appendix, forms, workbook


class MizAuditTableWizard(models.TransientModel):
    """Appendix 3 from the declared audits of one period: Table 2 (an agency and its units), Table 1 (the
    provincial units of a province) or the six-month national summary — as PDF and XLSX.

    Figures are those of each audit's frozen declaration. Only the audits the user may read are counted.
    """

    _name = "miz.audit.table.wizard"
    _description = "Appendix 3 Tables"

    @api.model
    def _default_year(self):
        return jalali.bimonthly_period(fields.Date.context_today(self))[0]

    table = fields.Selection(
        [
            ("table2", "Table 2: an agency and its units"),
            ("table1", "Table 1: provincial units of a province"),
            ("half", "Six-month national summary"),
        ],
        required=True,
        default="table2",
    )
    agency_id = fields.Many2one("miz.agency", string="Agency")
    province_id = fields.Many2one("miz.province", string="Province")
    period_kind = fields.Selection(
        [("bimonthly", "Bi-monthly"), ("quarterly", "Quarterly")], required=True, default="bimonthly"
    )
    period_year = fields.Integer(string="Jalali Year", required=True, default=_default_year)
    period_index = fields.Integer(string="Period", default=1)
    half = fields.Selection(
        [("1", "First half (Farvardin–Shahrivar)"), ("2", "Second half (Mehr–Esfand)")], default="1"
    )
    xlsx_file = fields.Binary(string="XLSX", readonly=True, attachment=False)
    xlsx_name = fields.Char(readonly=True)

    # ------------------------------------------------------------------ the table
    def _miz_periods(self):
        if self.table == "half":
            return appendix.half_year_periods(self.period_kind, self.period_year, int(self.half or 1))
        if not 1 <= self.period_index <= appendix.period_count(self.period_kind):
            raise UserError(
                _("The period must be between 1 and %(count)s.", count=appendix.period_count(self.period_kind))
            )
        return [(self.period_year, self.period_index)]

    def _miz_audits(self):
        self.ensure_one()
        periods = self._miz_periods()
        domain = [("period_kind", "=", self.period_kind), ("state", "in", DONE_STATES)]
        domain += ["|"] * (len(periods) - 1)
        for year, index in periods:
            domain += ["&", ("period_year", "=", year), ("period_index", "=", index)]
        if self.table == "table2":
            if not self.agency_id:
                raise UserError(_("Choose the agency whose units Table 2 lists."))
            domain.append(("agency_id", "child_of", self.agency_id.id))
        elif self.table == "table1":
            if not self.province_id:
                raise UserError(_("Choose the province of Table 1."))
            domain += [("agency_id.level", "=", "provincial"), ("agency_id.province_id", "=", self.province_id.id)]
        return self.env["miz.audit"].search(domain)

    def _miz_table(self):
        """``{"kind", "title", "subtitle", "rows", "total", "periods"}`` (see ``tools.workbook.build_table_sheet``)."""
        self.ensure_one()
        audits = self._miz_audits().sorted(lambda a: (a.agency_id.complete_name or "", a.period_index))
        rows = []
        by_agency = {}
        for audit in audits:
            by_agency.setdefault(audit.agency_id, []).append(audit)
        for agency, items in by_agency.items():
            agency = agency.sudo()
            parent = agency.parent_id.name or agency.name
            if self.table == "half":
                rows.append(
                    appendix.half_year_row(
                        agency.name, parent, [(a.period_index, a._miz_table_snapshot()) for a in items]
                    )
                )
            else:
                rows.append(appendix.table_row(agency.name, parent, items[-1]._miz_table_snapshot()))
        kind_label = forms.PERIOD_KINDS[self.period_kind]
        if self.table == "half":
            title = forms.HALF_TITLE
            subtitle = f"{forms.H_PERIOD_YEAR} {self.period_year} — نیمه {self.half} ({kind_label})"
        else:
            title = forms.TABLE2_TITLE if self.table == "table2" else forms.TABLE1_TITLE
            scope = self.agency_id.name if self.table == "table2" else f"{forms.H_PROVINCE} {self.province_id.name}"
            subtitle = f"{scope} — {self.period_year} — {forms.T_PERIOD} {self.period_index} ({kind_label})"
        return {
            "kind": self.table,
            "title": title,
            "subtitle": subtitle,
            "rows": rows,
            "total": appendix.table_total(rows),
            "periods": len(self._miz_periods()),
        }

    # ------------------------------------------------------------------ actions
    def action_print_pdf(self):
        self.ensure_one()
        self._miz_audits()  # the same checks as the XLSX, before the report opens
        return self.env.ref("miz_audit.action_report_appendix3").report_action(self)

    def action_export_xlsx(self):
        self.ensure_one()
        content = self._miz_xlsx()
        self.write({"xlsx_file": base64.b64encode(content), "xlsx_name": f"{forms.APPENDIX_3}.xlsx"})
        return {
            "type": "ir.actions.act_url",
            "url": (
                f"/web/content?model={self._name}&id={self.id}&field=xlsx_file"
                f"&filename_field=xlsx_name&download=true"
            ),
            "target": "self",
        }

    def _miz_xlsx(self):
        self.ensure_one()
        return self.env["report.miz_audit.xlsx"]._miz_write(workbook.build_table_sheet(self._miz_table()))
