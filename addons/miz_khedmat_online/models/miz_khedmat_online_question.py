from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.miz_base.tools import jalali, validation

QUESTION_KINDS = [
    ("char", "Short text"),
    ("text", "Long text"),
    ("integer", "Number"),
    ("date", "Date (Jalali)"),
    ("choice", "Choice"),
]
MAX_CHAR = 200
MAX_TEXT = 2000


class MizKhedmatOnlineQuestion(models.Model):
    """An extra question of a service's online form (e.g. the cooperative's registration number)."""

    _name = "miz.khedmat.online.question"
    _description = "Online Form Question of a Service"
    _order = "service_id, sequence, id"

    sequence = fields.Integer(default=10)
    service_id = fields.Many2one("miz.khedmat.service", required=True, ondelete="cascade", index=True)
    name = fields.Char(string="Question", required=True, translate=True)
    kind = fields.Selection(QUESTION_KINDS, required=True, default="char")
    required = fields.Boolean(default=True)
    options = fields.Text(help="Choices, one per line (for a choice question).")
    help_text = fields.Char(string="Hint", translate=True)

    @api.constrains("kind", "options")
    def _check_options(self):
        for question in self:
            if question.kind == "choice" and not question._miz_options():
                raise ValidationError(_("The choice question %s needs its choices, one per line.", question.name))

    def _miz_options(self):
        self.ensure_one()
        return [line.strip() for line in (self.options or "").splitlines() if line.strip()]

    def _miz_field_name(self):
        self.ensure_one()
        return f"q_{self.id}"

    def _miz_parse(self, raw):
        """``(value as text, error message or None)`` for what the citizen typed."""
        self.ensure_one()
        value = validation.normalize_text(raw or "", latin_digits=False).strip() if raw else ""
        if not value:
            return "", (_("Answer “%s”.", self.name) if self.required else None)
        if self.kind == "char" and len(value) > MAX_CHAR:
            return value[:MAX_CHAR], _("The answer to “%s” is too long.", self.name)
        if self.kind == "text" and len(value) > MAX_TEXT:
            return value[:MAX_TEXT], _("The answer to “%s” is too long.", self.name)
        if self.kind == "integer":
            digits = validation.clean_digits(value).strip()
            if not digits.isdigit() or len(digits) > 15:
                return value[:MAX_CHAR], _("The answer to “%s” must be a number.", self.name)
            return digits, None
        if self.kind == "date":
            try:
                day = jalali.parse(value)
            except (ValueError, TypeError):
                day = None
            if not day:
                return value[:MAX_CHAR], _("Write the date “%s” as 1404/01/15.", self.name)
            return jalali.format_date(day, latin_digits=True), None
        if self.kind == "choice" and value not in self._miz_options():
            return "", _("Choose one of the answers to “%s”.", self.name)
        return value, None
