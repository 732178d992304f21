from odoo import _, fields, models
from odoo.exceptions import UserError


class MizSecretariatReferWizard(models.TransientModel):
    """Refer a letter (or re-refer a referral) to several users and units at once: one referral per recipient."""

    _name = "miz.secretariat.refer.wizard"
    _description = "Refer a Letter"

    letter_id = fields.Many2one("miz.secretariat.letter", required=True)
    parent_id = fields.Many2one("miz.secretariat.referral", string="Referral Being Re-referred")
    user_ids = fields.Many2many("res.users", string="To Users")
    unit_ids = fields.Many2many("miz.org.unit", string="To Units")
    instruction = fields.Text()
    purpose = fields.Selection(
        [("action", "For Action"), ("information", "For Information")], required=True, default="action"
    )
    deadline = fields.Date()

    def _miz_open(self, letter, parent=None):
        """The action opening this wizard for ``letter`` (re-referring ``parent`` when given)."""
        context = {"default_letter_id": letter.id}
        if parent:
            context["default_parent_id"] = parent.id
        return {
            "type": "ir.actions.act_window",
            "name": _("Refer"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": context,
        }

    def action_refer(self):
        self.ensure_one()
        if not self.user_ids and not self.unit_ids:
            raise UserError(_("Choose at least one recipient user or unit."))
        common = {"instruction": self.instruction, "purpose": self.purpose, "deadline": self.deadline}
        referrals = [dict(common, to_user_id=user.id) for user in self.user_ids]
        referrals += [dict(common, to_unit_id=unit.id) for unit in self.unit_ids]
        if self.parent_id:
            self.parent_id.refer(referrals)
        else:
            self.letter_id._refer(referrals)
        return {"type": "ir.actions.act_window_close"}
