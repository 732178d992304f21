import datetime

from odoo import _, api, fields, models

from odoo.addons.miz_base.tools import digits, jalali

ONLINE_SMS_TEMPLATES = {
    "handover": "miz_khedmat_online.sms_template_online_handover",
    "completion": "miz_khedmat_online.sms_template_online_completion",
    "completed": "miz_khedmat_online.sms_template_online_completed",
}
PUBLIC_STATES = ("registered", "in_progress", "result", "notified", "delivered")


def _jdt(value):
    return jalali.format_datetime(value) if value else ""


def _jd(value):
    return jalali.format_date(value) if value else ""


class MizKhedmatRequest(models.Model):
    """The electronic desk's part of a request: the answers of the online form, the links reopening the upload of
    missing documents (the promised date waits meanwhile), the online tracking status, one e-survey per request."""

    _inherit = "miz.khedmat.request"

    online_answer_ids = fields.One2many("miz.khedmat.online.answer", "request_id", string="Online Form Answers")
    online_completion_ids = fields.One2many(
        "miz.khedmat.online.completion", "request_id", string="Missing Documents Asked Online"
    )
    online_waiting = fields.Boolean(
        string="Waiting for the Applicant's Documents",
        compute="_compute_online_waiting",
        help="A link to upload missing documents is open: the promised date is moved by the working days it stays "
        "open.",
    )

    def _miz_tracking_url(self):
        """The electronic desk serves the public tracking page: SMS and receipts link it (once there is a code)."""
        self.ensure_one()
        return self._miz_tracking_page_url() if self.tracking_code else ""

    @api.depends("online_completion_ids.state")
    def _compute_online_waiting(self):
        for request in self:
            request.online_waiting = any(c.state == "open" for c in request.sudo().online_completion_ids)

    # ------------------------------------------------------------------ actions
    def action_miz_online_ask_documents(self):
        """Open the wizard asking the applicant, by an SMS link, to upload documents found missing or unreadable."""
        self.ensure_one()
        self._miz_check_desk()
        self.env["miz.khedmat.online.completion"]._miz_check_openable(self)
        return {
            "type": "ir.actions.act_window",
            "name": _("Ask for Missing Documents"),
            "res_model": "miz.khedmat.online.completion.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_id": self.id},
        }

    # ------------------------------------------------------------------ SMS
    def _miz_online_sms(self, stage, sms_only=False, **values):
        """Queue the electronic desk's SMS of ``stage`` (``handover``, ``completion``, ``completed``).

        ``values`` fill the template through ``ctx`` (``unit``, ``url``). ``sms_only``: the message carries a secret
        link, so it is not posted in the chatter (a note says it was sent). Returns the ``sms.sms``."""
        self.ensure_one()
        Sms = self.env["sms.sms"].sudo()
        template = self.env.ref(ONLINE_SMS_TEMPLATES[stage], raise_if_not_found=False)
        number = self._miz_sms_number()
        if not template or not number or not self.partner_id:
            return Sms
        lang = "fa_IR" if self.env["res.lang"]._lang_get("fa_IR") else self.env.lang
        record = self.with_context(lang=lang, miz_online=values)
        if sms_only:
            body = template.with_context(lang=lang, miz_online=values)._render_field("body", record.ids)[record.id]
            sms = Sms.create({"number": number, "partner_id": self.partner_id.id, "body": body, "to_delete": True})
            self.message_post(body=_("SMS sent: %s", template.name), subtype_xmlid="mail.mt_note")
            return sms
        message = record._message_sms_with_template(
            template=template.with_context(lang=lang, miz_online=values),
            partner_ids=self.partner_id.ids,
            sms_pid_to_number={self.partner_id.id: number},
            put_in_queue=True,
        )
        return Sms.search([("mail_message_id", "=", message.id)])

    # ------------------------------------------------------------------ the desk's pause (unit needs a document)
    def _miz_pause(self, missing, referral):
        """A unit sent the file back to the desk for ``missing``: an online applicant also gets the SMS link to
        upload it (the desk's pause keeps the promise waiting until the desk resumes)."""
        result = super()._miz_pause(missing, referral)
        request = self.sudo()
        document = request.document_ids.filtered(lambda d: d.name == missing and not d.received)[-1:]
        if request.origin == "online" and document and not request.online_waiting and request._miz_sms_number():
            self.env["miz.khedmat.online.completion"].sudo()._miz_open(request, document, missing, desk_pause=True)
        return result

    # ------------------------------------------------------------------ survey: one answer per request
    def _miz_survey_input(self, entry_mode="link"):
        """The link of a request whose questionnaire is already answered leads to that answer (Odoo's survey then
        says it is completed): one answer per request, however many times the link is sent."""
        self.ensure_one()
        if entry_mode == "link":
            done = (
                self.env["survey.user_input"]
                .sudo()
                .search([("miz_request_id", "=", self.id), ("state", "=", "done")], limit=1)
            )
            if done:
                return done
        return super()._miz_survey_input(entry_mode)

    # ------------------------------------------------------------------ public status
    @api.model
    def _miz_online_find(self, tracking_code, national_code):
        """The registered request of this pair (sudo), or an empty recordset; the same work for every pair."""
        Request = self.sudo()
        found = Request.search(
            [
                ("tracking_code", "=", tracking_code or "-"),
                "|",
                ("partner_id.miz_national_code", "=", national_code or "-"),
                ("partner_id.miz_national_id", "=", national_code or "-"),
                ("state", "in", PUBLIC_STATES),
            ],
            limit=1,
        )
        return found

    def _miz_online_status(self):
        """What the tracking page and the portal show: state, dates, the steps (unit names and dates, not staff),
        the inquiries the agency obtains, the response and the objection window. Nothing of the applicant."""
        self.ensure_one()
        status = self._miz_public_status()
        step_states = dict(self.env["miz.khedmat.request.step"]._fields["state"]._description_selection(self.env))
        status["steps"] = [
            {
                "number": digits.to_persian_digits(index),
                "unit": step.unit_id.name,
                "state": step.state,
                "state_label": step_states[step.state],
                "start": _jdt(step.start_date),
                "done": _jdt(step.done_date),
            }
            for index, step in enumerate(self.step_ids.sorted("sequence"), start=1)
        ]
        status["inquiries"] = self._miz_online_inquiries()
        status["result"] = (
            dict(self._fields["result"]._description_selection(self.env)).get(self.result, "")
            if self.state in ("notified", "delivered")
            else ""
        )
        status["notice"] = self.state in ("notified", "delivered")
        # the electronic response: the deliverables, once the response is notified
        status["deliverables"] = (
            [(att.id, att.name) for att in self.sudo().deliverable_attachment_ids] if status["notice"] else []
        )
        status["objection_open"] = self._miz_online_objection_open()
        status["objection_date"] = _jdt(self.objection_date)
        status["waiting"] = self.online_waiting or bool(self.paused_since)
        status["tracking_code"] = digits.to_persian_digits(self.tracking_code_display)
        return status

    def _miz_online_inquiries(self):
        """The inter-agency inquiries the tracking page lists: ``[{"name": type, "date": Jalali date obtained or ""}]``.

        Hook: here the types frozen in the request's terms, without dates; an addon that makes the inquiries
        (miz_khedmat_inquiry, through a bridge depending on both) overrides it with the answered ones and their
        dates."""
        self.ensure_one()
        return [{"name": item["name"], "date": ""} for item in self._miz_terms_dict().get("inquiries", [])]

    def _miz_online_deliverable(self, attachment_id):
        """The deliverable ``attachment_id`` of this notified request (sudo), or an empty recordset."""
        self.ensure_one()
        if self.state not in ("notified", "delivered"):
            return self.env["ir.attachment"]
        return self.sudo().deliverable_attachment_ids.filtered(lambda att: att.id == attachment_id)

    def _miz_online_objection_open(self):
        self.ensure_one()
        return bool(
            self.state in ("notified", "delivered")
            and not self.objection_date
            and not self.review_ids
            and self.objection_deadline
            and self._miz_today() <= self.objection_deadline
        )

    # ------------------------------------------------------------------ pause of the promise
    def _miz_online_extend_promise(self, since):
        """Move the promised date (and the deadline of the step at work) by the agency's working days between
        ``since`` and now: the time the applicant took to send the missing documents does not count."""
        self.ensure_one()
        agency = self.agency_id
        start = jalali.to_local(since).date()
        today = self._miz_today()
        paused = 0
        day = start + datetime.timedelta(days=1)
        while day <= today and paused < 400:
            if agency.is_working_day(day):
                paused += 1
            day += datetime.timedelta(days=1)
        if paused and self.promised_date:
            self.sudo().write({"promised_date": agency.add_working_days(self.promised_date, paused)})
            step = self.current_step_id
            if step and step.deadline:
                step.sudo().write({"deadline": agency.add_working_days(step.deadline, paused)})
            self.message_post(
                body=_(
                    "The promised date moves by %(days)s working days (missing documents awaited): %(date)s.",
                    days=paused,
                    date=_jd(self.promised_date),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return paused
