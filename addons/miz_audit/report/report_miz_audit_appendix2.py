import types

from odoo import api, models

from ..tools import appendix, forms


def _display(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return appendix.format_ratio(value)
    return str(value)


def forms_namespace():
    """The form's wording (``tools.forms``) as one object for the templates: ``F.S1_TITLE``…"""
    return types.SimpleNamespace(**{name: getattr(forms, name) for name in dir(forms) if name.isupper()})


class ReportMizAuditAppendix2(models.AbstractModel):
    """Values of the Appendix-2 PDF: each audit's declaration (frozen snapshot, or the live hook for a draft)."""

    _name = "report.miz_audit.report_appendix2"
    _description = "Appendix 2 (Service Desk Audit Form)"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["miz.audit"].browse(docids)
        values = {}
        for audit in docs:
            declaration = audit._miz_declaration()
            snapshot = declaration["snapshot"]
            values[audit.id] = {
                "d": declaration,
                "figures": appendix.section1(snapshot),
                "electronic": appendix.electronic_services(snapshot),
                "period": audit._miz_period_text(),
                "previous": audit.previous_audit_id,
                "comparison": [
                    (label, _display(before), _display(now)) for label, before, now in declaration["comparison"]
                ],
            }
        return {
            "doc_ids": docids,
            "doc_model": "miz.audit",
            "docs": docs,
            "audit_values": values,
            "F": forms_namespace(),
            "ratio": appendix.format_ratio,
            "level_label": forms.level_label,
        }
