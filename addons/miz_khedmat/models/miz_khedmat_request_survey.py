from odoo import _, api, fields, models
from odoo.exceptions import UserError


class MizKhedmatRequest(models.Model):
    """Satisfaction survey of a service-desk request (Appendix 2, section 6), offered at delivery.

    Two ways in: the desk enters the paper form (wizard ``miz.khedmat.survey.entry``), or the citizen answers
    through the link sent by SMS (``survey.user_input`` token of this request, survey in "invited only" mode).
    """

    _inherit = "miz.khedmat.request"

    miz_survey_input_ids = fields.One2many("survey.user_input", "miz_request_id", string="Satisfaction Answers")
    miz_survey_count = fields.Integer("Satisfaction Forms", compute="_compute_miz_survey_count")
    miz_survey_done = fields.Boolean("Survey Answered", compute="_compute_miz_survey_count")

    @api.depends("miz_survey_input_ids.state")
    def _compute_miz_survey_count(self):
        for request in self:
            inputs = request.sudo().miz_survey_input_ids
            request.miz_survey_count = len(inputs)
            request.miz_survey_done = any(i.state == "done" for i in inputs)

    # ------------------------------------------------------------------ actions
    def action_miz_survey_entry(self):
        """Open the paper-form entry (the clerk types what the citizen ticked)."""
        self.ensure_one()
        self._miz_survey_check_offerable()
        return {
            "type": "ir.actions.act_window",
            "name": _("Satisfaction Form"),
            "res_model": "miz.khedmat.survey.entry",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_id": self.id, "dialog_size": "extra-large"},
        }

    def action_miz_survey_send(self):
        """Send (again) the survey link to the citizen's mobile."""
        for request in self:
            request._miz_survey_check_offerable()
            request._miz_notify("survey")
        return True

    def action_miz_survey_view(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Satisfaction Answers"),
            "res_model": "survey.user_input",
            "view_mode": "list,form",
            "domain": [("miz_request_id", "=", self.id)],
        }

    # ------------------------------------------------------------------ business
    def _miz_survey_check_offerable(self):
        self.ensure_one()
        if self.miz_survey_done:
            raise UserError(_("The satisfaction form of request %s has already been filled in.", self.display_name))
        if self.state not in self._miz_survey_states():
            raise UserError(_("The satisfaction survey is offered when the result is delivered to the citizen."))
        if not self.env["survey.user_input"]._miz_satisfaction_survey():
            raise UserError(_("The satisfaction questionnaire is missing; ask the administrator to reinstall it."))

    @api.model
    def _miz_survey_states(self):
        return ("notified", "delivered")

    def _miz_survey_input(self, entry_mode="link"):
        """The open answer of this request (created if none): one token per request for the SMS link."""
        self.ensure_one()
        Input = self.env["survey.user_input"].sudo()
        user_input = Input.search(
            [("miz_request_id", "=", self.id), ("state", "!=", "done"), ("miz_entry_mode", "=", entry_mode)], limit=1
        )
        if not user_input:
            survey = Input._miz_satisfaction_survey().sudo()
            user_input = survey._create_answer(
                partner=self.partner_id,
                check_attempts=False,
                miz_request_id=self.id,
                miz_entry_mode=entry_mode,
            )
        return user_input

    def _miz_survey_url(self):
        """Public link the citizen opens to answer (``/survey/start/<survey token>?answer_token=<answer token>``)."""
        self.ensure_one()
        user_input = self._miz_survey_input("link")
        return user_input.get_base_url() + user_input.get_start_url()

    def _miz_survey_record(self, answers, entry_mode="paper"):
        """Record a completed questionnaire: ``answers`` maps ``survey.question`` to a value (an answer id for
        choice questions, a number or a text). Returns the ``survey.user_input``, done."""
        self.ensure_one()
        self._miz_survey_check_offerable()
        user_input = self._miz_survey_input(entry_mode)
        for question, value in answers.items():
            if question.survey_id != user_input.survey_id:
                raise UserError(
                    _("The question %(question)s is not part of the questionnaire.", question=question.title)
                )
            user_input._save_lines(question, value)
        user_input._mark_done()
        # one questionnaire per request: an unanswered link sent earlier no longer opens
        self.sudo().miz_survey_input_ids.filtered(lambda i: i != user_input and i.state != "done").unlink()
        self.message_post(body=_("Satisfaction form recorded."), subtype_xmlid="mail.mt_note")
        return user_input
