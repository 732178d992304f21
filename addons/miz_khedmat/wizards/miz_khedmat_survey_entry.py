from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

CHOICE_TYPES = ("simple_choice", "multiple_choice")


class MizKhedmatSurveyEntry(models.TransientModel):
    """The desk enters a paper satisfaction form (Appendix 2, section 6) filled in by the citizen.

    One line per question of the questionnaire; the form view shows them with the ``miz_survey_grid`` widget
    (static/src/survey_entry): one row per question, its choices as radio buttons across the row, a header row
    per axis (the page of the questionnaire), a small input for the numerical and text questions.
    """

    _name = "miz.khedmat.survey.entry"
    _description = "Satisfaction Form Entry"

    request_id = fields.Many2one("miz.khedmat.request", string="Service Request", required=True, readonly=True)
    survey_id = fields.Many2one("survey.survey", string="Questionnaire", required=True, readonly=True)
    line_ids = fields.One2many("miz.khedmat.survey.entry.line", "entry_id", string="Answers")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        survey = self.env["survey.user_input"]._miz_satisfaction_survey().sudo()
        values["survey_id"] = survey.id
        if "line_ids" in fields_list:
            values["line_ids"] = [
                Command.create({"question_id": question.id, "sequence": question.sequence})
                for question in survey.question_ids
            ]
        return values

    def action_confirm(self):
        self.ensure_one()
        self._check_answers()
        answers = {}
        for line in self.line_ids:
            value = line._get_value()
            if value not in (False, None, ""):
                answers[line.question_id] = value
        if not answers:
            raise UserError(_("Enter at least one answer of the paper form."))
        user_input = self.request_id._miz_survey_record(answers, entry_mode="paper")
        return {
            "type": "ir.actions.act_window",
            "res_model": "survey.user_input",
            "res_id": user_input.id,
            "view_mode": "form",
            "target": "current",
        }

    def _check_answers(self):
        """Every choice belongs to its question, and every mandatory question is answered (Persian messages)."""
        for line in self.line_ids:
            if line.answer_id and line.answer_id.question_id != line.question_id:
                raise UserError(
                    _(
                        "The choice %(choice)s is not one of the choices of the question %(question)s.",
                        choice=line.answer_id.value,
                        question=line.question_id.title,
                    )
                )
        missing = self.line_ids.filtered(
            lambda line: line.question_id.constr_mandatory and line._get_value() in (False, None, "")
        )
        if missing:
            raise UserError(
                _(
                    "These questions of the paper form must be answered:\n%(questions)s",
                    questions="\n".join(f"- {line.question_id.title}" for line in missing),
                )
            )


class MizKhedmatSurveyEntryLine(models.TransientModel):
    _name = "miz.khedmat.survey.entry.line"
    _description = "Satisfaction Form Entry Line"
    _order = "sequence, id"

    entry_id = fields.Many2one("miz.khedmat.survey.entry", required=True, ondelete="cascade")
    sequence = fields.Integer()
    question_id = fields.Many2one("survey.question", string="Question", required=True, readonly=True)
    question_type = fields.Selection(related="question_id.question_type")
    axis = fields.Char(related="question_id.page_id.title", string="Axis")
    mandatory = fields.Boolean(related="question_id.constr_mandatory", string="Mandatory")
    # [[answer id, label], …] in the order of the printed form, read by the grid widget
    choice_data = fields.Json("Choices", compute="_compute_choice_data")
    answer_id = fields.Many2one("survey.question.answer", string="Choice", domain="[('question_id', '=', question_id)]")
    value_text = fields.Char("Text")
    value_number = fields.Float("Number")

    @api.depends("question_id")
    def _compute_choice_data(self):
        for line in self:
            question = line.question_id
            if question.question_type in CHOICE_TYPES:
                line.choice_data = [[answer.id, answer.value] for answer in question.suggested_answer_ids]
            else:
                line.choice_data = False

    def _get_value(self):
        self.ensure_one()
        question_type = self.question_id.question_type
        if question_type in CHOICE_TYPES:
            return self.answer_id.id or False
        if question_type == "numerical_box":
            return self.value_number or False
        return (self.value_text or "").strip()
