from odoo import api, models

from ..tools import appendix
from .report_miz_audit_appendix2 import forms_namespace


class ReportMizAuditAppendix3(models.AbstractModel):
    """Values of the Appendix-3 PDF: the table each wizard builds (Table 2, Table 1 or the six-month summary)."""

    _name = "report.miz_audit.report_appendix3"
    _description = "Appendix 3 (Aggregate Report)"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["miz.audit.table.wizard"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "miz.audit.table.wizard",
            "docs": docs,
            "tables": {wizard.id: wizard._miz_table() for wizard in docs},
            "F": forms_namespace(),
            "ratio": appendix.format_ratio,
        }
