from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .miz_audit import GROUP_EVALUATOR


class MizAuditLineMixin(models.AbstractModel):
    """A line of the evaluator's parts of an audit: written by an evaluator, and only while the audit is declared.

    The check holds for every way in — the audit's form (one2many commands) or the line model over RPC.
    """

    _name = "miz.audit.line.mixin"
    _description = "Audit Evaluator Line"

    audit_id = fields.Many2one("miz.audit", required=True, index=True, ondelete="cascade")
    title = fields.Char(string="Service Title", required=True)
    code = fields.Char(string="Service Code")

    def _miz_check_evaluator(self, audits):
        if self.env.su:
            return
        if not self.env.user.has_group(GROUP_EVALUATOR):
            raise UserError(_("Only an evaluator writes the evaluation results."))
        if any(audit.state != "declared" for audit in audits):
            raise UserError(_("The evaluation results are written while the audit is declared, not after."))

    @api.model_create_multi
    def create(self, vals_list):
        self.check_access("create")  # rights first: a preparer has none on these lines
        self._miz_check_evaluator(self.env["miz.audit"].browse([vals.get("audit_id") for vals in vals_list]))
        return super().create(vals_list)

    def write(self, vals):
        self.check_access("write")
        audits = self.audit_id
        if vals.get("audit_id"):
            audits |= self.env["miz.audit"].browse(vals["audit_id"])
        self._miz_check_evaluator(audits)
        return super().write(vals)

    def unlink(self):
        self._miz_check_evaluator(self.audit_id)
        return super().unlink()
