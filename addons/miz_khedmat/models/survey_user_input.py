from odoo import api, fields, models
from odoo.osv import expression

from odoo.addons.miz_base.tools import jalali

SATISFACTION_SURVEY_XMLID = "miz_khedmat.survey_miz_satisfaction"


class SurveyUserInput(models.Model):
    """Satisfaction answers linked to the service-desk request, its service and the audit period.

    The audit (Appendix 2, section 6) aggregates the 16 rated questions per bi-monthly Jalali period
    (``miz_period_year``/``miz_period_index``), per service or per agency: see
    :meth:`_miz_satisfaction_by_question`.
    """

    _inherit = "survey.user_input"

    miz_request_id = fields.Many2one(
        "miz.khedmat.request", string="Service Request", index="btree_not_null", ondelete="set null", readonly=True
    )
    miz_service_id = fields.Many2one(
        "miz.khedmat.service",
        string="Service",
        compute="_compute_miz_service_id",
        store=True,
        index="btree_not_null",
    )
    miz_period_date = fields.Date(
        "Survey Date",
        default=fields.Date.context_today,
        readonly=True,
        help="The day the survey was offered (delivery of the request); it decides the audit period.",
    )
    miz_period_year = fields.Integer("Jalali Year", compute="_compute_miz_period", store=True, index=True)
    miz_period_index = fields.Integer(
        "Bi-monthly Period",
        compute="_compute_miz_period",
        store=True,
        help="1 = Farvardin–Ordibehesht … 6 = Bahman–Esfand",
    )
    miz_period_label = fields.Char("Audit Period", compute="_compute_miz_period", store=True)
    miz_entry_mode = fields.Selection(
        [("paper", "Paper form entered by the desk"), ("link", "Link sent by SMS")],
        string="Answered Through",
        readonly=True,
    )

    @api.depends("miz_request_id")
    def _compute_miz_service_id(self):
        for answer in self:
            answer.miz_service_id = answer.miz_request_id.service_id

    @api.depends("miz_period_date")
    def _compute_miz_period(self):
        for answer in self:
            if not answer.miz_period_date:
                answer.miz_period_year = answer.miz_period_index = 0
                answer.miz_period_label = False
                continue
            year, index, _start, _end = jalali.bimonthly_period(answer.miz_period_date)
            answer.miz_period_year = year
            answer.miz_period_index = index
            answer.miz_period_label = self._miz_period_label(year, index)

    @api.model
    def _miz_period_label(self, year, index):
        """``'1404-1 (فروردین–اردیبهشت)'``-like label that sorts chronologically: year and index in Latin digits."""
        first = jalali.MONTH_NAMES[(index - 1) * 2]
        last = jalali.MONTH_NAMES[(index - 1) * 2 + 1]
        return f"{year}-{index} ({first}–{last})"

    # ------------------------------------------------------------------ aggregation
    @api.model
    def _miz_satisfaction_survey(self):
        return self.env.ref(SATISFACTION_SURVEY_XMLID, raise_if_not_found=False) or self.env["survey.survey"]

    @api.model
    def _miz_rated_questions(self, survey=None):
        """The rated questions of the questionnaire: single choice whose every level carries a score (1..5)."""
        survey = survey if survey is not None else self._miz_satisfaction_survey()
        return survey.sudo().question_ids.filtered(
            lambda q: q.question_type == "simple_choice"
            and q.suggested_answer_ids
            and all(a.answer_score > 0 for a in q.suggested_answer_ids)
        )

    @api.model
    def _miz_satisfaction_by_question(self, domain=None, survey=None):
        """Per-question satisfaction over the completed answers matching ``domain`` (on ``survey.user_input``).

        Returns one dict per rated question, in questionnaire order::

            {"question": survey.question, "number": 1..16, "title": str, "axis": str (محور سنجش),
             "count": answers, "average": float (1..5, 0.0 without answers), "percent": average as 0..100,
             "levels": {score: count, ...}}
        """
        survey = survey if survey is not None else self._miz_satisfaction_survey()
        questions = self._miz_rated_questions(survey)
        input_domain = expression.AND([domain or [], [("state", "=", "done"), ("survey_id", "=", survey.id)]])
        rows = (
            self.env["survey.user_input.line"]
            .sudo()
            ._read_group(
                [
                    ("user_input_id", "any", input_domain),
                    ("question_id", "in", questions.ids),
                    ("skipped", "=", False),
                    ("suggested_answer_id", "!=", False),
                ],
                ["question_id", "suggested_answer_id"],
                ["__count"],
            )
        )
        counts = {}
        for question, suggestion, count in rows:
            levels = counts.setdefault(question.id, {})
            score = int(suggestion.answer_score)
            levels[score] = levels.get(score, 0) + count
        result = []
        for number, question in enumerate(questions, start=1):
            levels = counts.get(question.id, {})
            total = sum(levels.values())
            average = (sum(score * n for score, n in levels.items()) / total) if total else 0.0
            result.append(
                {
                    "question": question,
                    "number": number,
                    "title": question.title,
                    "axis": question.page_id.title or "",
                    "count": total,
                    "average": round(average, 2),
                    "percent": round((average - 1) / 4 * 100, 1) if total else 0.0,
                    "levels": levels,
                }
            )
        return result
