from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.miz_base.tools import jalali

# the result a representative records on the last step, through the step form
STEP_RESULT_FIELDS = frozenset({"result", "result_note", "result_legal_basis", "deliverable_attachment_ids"})


class MizOrgUnit(models.Model):
    _inherit = "miz.org.unit"

    miz_handover_hour = fields.Float(
        string="Daily Hand-over Hour",
        help="Files the unit queues for hand-over are handed on together at this hour (Tehran time) on working days, "
        "with one hand-over sheet. Empty: each file is handed on when its representative says so.",
    )


class MizKhedmatRequestStep(models.Model):
    """What a unit representative does with a file besides handing it on: queue it for the unit's daily hand-over,
    give it to a staff member of the unit, send it back to the previous unit, or back to the desk for a missing
    document (the promise clock then pauses until the desk resumes it)."""

    _inherit = "miz.khedmat.request.step"

    handover_queued = fields.Boolean(string="Queued for the Daily Hand-over", readonly=True, copy=False)
    assigned_user_id = fields.Many2one("res.users", string="Assigned To", readonly=True, copy=False)
    is_last = fields.Boolean(compute="_compute_is_last", string="Last Step")
    tracking_code_display = fields.Char(related="request_id.tracking_code_display", string="Tracking Code")
    result = fields.Selection(related="request_id.result", readonly=False)
    result_note = fields.Text(related="request_id.result_note", readonly=False)
    result_legal_basis = fields.Text(related="request_id.result_legal_basis", readonly=False)
    deliverable_attachment_ids = fields.Many2many(related="request_id.deliverable_attachment_ids", readonly=False)

    late_days = fields.Integer(
        compute="_compute_late_days",
        store=True,
        string="Days Late",
        help="Calendar days the unit kept the file past its deadline (finished steps).",
    )
    was_late = fields.Boolean(compute="_compute_late_days", store=True, string="Handed On Late")

    @api.depends("done_date", "deadline")
    def _compute_late_days(self):
        for step in self:
            late = 0
            if step.done_date and step.deadline:
                late = max(0, (jalali.to_local(step.done_date).date() - step.deadline).days)
            step.late_days = late
            step.was_late = late > 0

    @api.depends("request_id.step_ids.sequence", "sequence")
    def _compute_is_last(self):
        for step in self:
            step.is_last = step == step.request_id.step_ids.sorted("sequence")[-1:]

    def _miz_writable_fields(self):
        allowed = super()._miz_writable_fields()
        if "note" in allowed and self.is_last:
            allowed |= STEP_RESULT_FIELDS
        return allowed

    # ------------------------------------------------------------------ actions
    def action_queue_hand_over(self):
        """Put the files in the unit's daily hand-over (handed on together at the unit's hour)."""
        self._miz_check_actor()
        for step in self:
            if not step.unit_id.miz_handover_hour:
                raise UserError(_("Unit %s has no daily hand-over hour: hand the file over now.", step.unit_id.name))
            if step.is_last:
                step._miz_check_result()
        self.filtered(lambda s: not s.received_date).action_receive()
        self.sudo().write({"handover_queued": True})
        hours = ", ".join(sorted({self._miz_hour_text(h) for h in self.unit_id.mapped("miz_handover_hour")}))
        return self._miz_notification(_("Queued: the files go with the daily hand-over at %s.", hours))

    @api.model
    def _miz_hour_text(self, hour):
        return f"{int(hour):02d}:{round((hour % 1) * 60):02d}"

    def action_assign(self, user_id):
        """Give the file to a staff member of the unit (a referral into his cartable); the unit still holds it."""
        self.ensure_one()
        self._miz_check_actor()
        user = self.env["res.users"].browse(user_id).exists()
        unit = self.unit_id.sudo()
        if not user or user not in unit.member_ids | unit.representative_id:
            raise UserError(_("%(user)s is not a member of unit %(unit)s.", user=user.name or "?", unit=unit.name))
        if self.referral_id:
            self.request_id.letter_id.sudo()._refer(
                [
                    {
                        "to_user_id": user.id,
                        "purpose": "action",
                        "instruction": self.name or self.request_id.service_title,
                    }
                ],
                parent=self.referral_id.sudo(),
            )
        self.sudo().write({"assigned_user_id": user.id})
        return True

    def action_send_back(self):
        """Send the file back to the previous unit of the routing (the reason in the hand-over note)."""
        self.ensure_one()
        self._miz_check_actor()
        if not self.note:
            raise UserError(_("Write in the hand-over note why the file goes back."))
        request = self.request_id
        previous = request.step_ids.filtered(lambda s: s.sequence < self.sequence and s.state == "done")
        previous = previous.sorted("sequence")[-1:]
        if not previous:
            raise UserError(_("This is the first unit of the routing: send the file back to the desk instead."))
        now = fields.Datetime.now()
        deadline = request.agency_id.add_working_days(jalali.to_local(now).date(), previous.days)
        referral = request.letter_id.sudo()._refer(
            [{"to_unit_id": previous.unit_id.id, "purpose": "action", "instruction": self.note, "deadline": deadline}],
            parent=self.referral_id.sudo() or None,
        )
        self.env["miz.khedmat.handover"]._miz_record(
            previous, "unit_to_unit", referral, from_unit=self.unit_id, to_unit=previous.unit_id, note=self.note
        )
        self._miz_close_referral(self.referral_id, self.note)
        self.sudo().write(
            {
                "state": "waiting",
                "start_date": False,
                "deadline": False,
                "received_date": False,
                "received_by_id": False,
                "referral_id": False,
                "handover_queued": False,
                "assigned_user_id": False,
            }
        )
        previous.sudo().write(
            {
                "state": "active",
                "start_date": now,
                "deadline": deadline,
                "received_date": False,
                "received_by_id": False,
                "done_date": False,
                "done_by_id": False,
                "referral_id": referral.id,
            }
        )
        return self._miz_notification(
            _("Sent back to %(unit)s (%(person)s).", unit=previous.unit_id.name, person=referral.to_user_id.name)
        )

    def action_back_to_desk(self):
        """A document is missing: the file goes back to the desk, the citizen gets the deficiency SMS and the promise
        clock pauses until the desk receives the document (the hand-over note names it)."""
        self.ensure_one()
        self._miz_check_actor()
        if not self.note:
            raise UserError(_("Write in the hand-over note which document is missing."))
        request = self.request_id
        if request.paused_since:
            raise UserError(_("Request %s is already waiting for documents at the desk.", request.display_name))
        referral = request.letter_id.sudo()._refer(
            [
                {
                    "to_user_id": request.clerk_id.id,
                    "purpose": "action",
                    "instruction": _("Missing document: %s", self.note),
                }
            ],
            parent=self.referral_id.sudo() or None,
        )
        self.env["miz.khedmat.handover"]._miz_record(
            self, "unit_to_desk", referral, from_unit=self.unit_id, to_unit=request.desk_unit_id, note=self.note
        )
        request.sudo()._miz_pause(self.note, referral)
        return self._miz_notification(_("Back to the desk: the applicant is asked for the missing document."))


class MizKhedmatRequest(models.Model):
    _inherit = "miz.khedmat.request"

    paused_since = fields.Datetime(string="Waiting for Documents Since", readonly=True, copy=False)
    pause_reason = fields.Text(string="Missing Document", readonly=True, copy=False)
    pause_referral_id = fields.Many2one("miz.secretariat.referral", readonly=True, copy=False, ondelete="set null")
    paused_days = fields.Integer(
        string="Working Days Paused", readonly=True, copy=False, help="Added to the promised date when resumed."
    )

    def _miz_pause(self, missing, referral):
        """Stop the promise clock: the unit needs ``missing`` from the applicant (called by the step's action)."""
        self.ensure_one()
        self.sudo().write(
            {
                "paused_since": fields.Datetime.now(),
                "pause_reason": missing,
                "pause_referral_id": referral.id,
                "document_ids": [fields.Command.create({"name": missing, "required": True, "received": False})],
            }
        )
        self.message_post(body=_("Back at the desk for a missing document: %s", missing), subtype_xmlid="mail.mt_note")
        self._miz_notify("deficient")

    def action_resume_documents(self):
        """The applicant brought the missing document: the file goes back to its unit and the promised date (and the
        unit's deadline) move by the working days it waited."""
        self._miz_check_desk()
        now = fields.Datetime.now()
        Step = self.env["miz.khedmat.request.step"]
        for request in self:
            if not request.paused_since:
                raise UserError(_("Request %s is not waiting for documents.", request.display_name))
            waited = request._miz_working_days_between(request.paused_since, now)
            agency = request.agency_id
            step = request.current_step_id
            missing = request.document_ids.filtered(lambda d: d.required and not d.received)
            missing.sudo().write({"received": True})
            request.sudo().write(
                {
                    "paused_since": False,
                    "paused_days": request.paused_days + waited,
                    "promised_date": agency.add_working_days(request.promised_date, waited)
                    if waited
                    else request.promised_date,
                }
            )
            if step.deadline and waited:
                step.sudo().write({"deadline": agency.add_working_days(step.deadline, waited)})
            Step._miz_close_referral(request.pause_referral_id, _("The missing document was received."))
            if step.referral_id:
                self.env["miz.khedmat.handover"]._miz_record(
                    step, "desk_to_unit", step.referral_id, from_unit=request.desk_unit_id, to_unit=step.unit_id
                )
            request.message_post(
                body=_(
                    "The missing document was received; the promise moved by %(days)s working days to %(date)s.",
                    days=waited,
                    date=jalali.format_date(request.promised_date),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True
