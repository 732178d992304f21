from odoo import fields, models, tools
from odoo.tools import SQL


class MizKhedmatReportSatisfaction(models.Model):
    """One row per rated answer of a completed satisfaction questionnaire linked to a service-desk request.

    Pivot/graph source for "satisfaction per question": average level (1 = کمتر … 5 = خیلی زیاد) and share of
    satisfied answers (level 4 or 5) by question, axis, service, agency and, through miz_base's Jalali grouping
    of ``date``, Jalali month (``date:month``) / bi-monthly audit period (``date:bimonth``).
    """

    _name = "report.miz.khedmat.satisfaction"
    _description = "Service Desk Satisfaction Analysis"
    _auto = False
    _rec_name = "question_id"
    _order = "question_sequence, id"

    question_id = fields.Many2one("survey.question", string="Question", readonly=True)
    question_sequence = fields.Integer("Question Order", readonly=True)
    axis_id = fields.Many2one("survey.question", string="Axis", readonly=True)
    answer_id = fields.Many2one("survey.question.answer", string="Level", readonly=True)
    user_input_id = fields.Many2one("survey.user_input", string="Questionnaire", readonly=True)
    request_id = fields.Many2one("miz.khedmat.request", string="Service Request", readonly=True)
    service_id = fields.Many2one("miz.khedmat.service", string="Service", readonly=True)
    agency_id = fields.Many2one("miz.agency", string="Agency", readonly=True)
    date = fields.Date("Survey Date", readonly=True)
    period_year = fields.Integer("Jalali Year", readonly=True, aggregator=False)
    period_index = fields.Integer("Bi-monthly Period", readonly=True, aggregator=False)
    entry_mode = fields.Selection(
        [("paper", "Paper form entered by the desk"), ("link", "Link sent by SMS")],
        string="Answered Through",
        readonly=True,
    )
    score = fields.Float("Average Level", readonly=True, aggregator="avg", digits=(3, 2))
    satisfied_rate = fields.Float("Satisfied (%)", readonly=True, aggregator="avg", digits=(5, 1))
    answer_count = fields.Integer("Answers", readonly=True, aggregator="sum")

    def _query(self):
        return """
            SELECT line.id AS id,
                   line.question_id AS question_id,
                   question.sequence AS question_sequence,
                   question.page_id AS axis_id,
                   line.suggested_answer_id AS answer_id,
                   answer.id AS user_input_id,
                   answer.miz_request_id AS request_id,
                   answer.miz_service_id AS service_id,
                   req.agency_id AS agency_id,
                   answer.miz_period_date AS date,
                   answer.miz_period_year AS period_year,
                   answer.miz_period_index AS period_index,
                   answer.miz_entry_mode AS entry_mode,
                   level.answer_score AS score,
                   CASE WHEN level.answer_score >= 4 THEN 100.0 ELSE 0.0 END AS satisfied_rate,
                   1 AS answer_count
              FROM survey_user_input_line line
              JOIN survey_user_input answer ON answer.id = line.user_input_id
              JOIN survey_question question ON question.id = line.question_id
              JOIN survey_question_answer level ON level.id = line.suggested_answer_id
              JOIN miz_khedmat_request req ON req.id = answer.miz_request_id
             WHERE answer.state = 'done'
               AND line.skipped IS NOT TRUE
               AND question.question_type = 'simple_choice'
               AND level.answer_score > 0
        """

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), SQL(self._query())))
