from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.miz_base.tools import jalali

STEP_STATES = [("waiting", "Waiting"), ("active", "At the Unit"), ("done", "Handed On"), ("cancelled", "Cancelled")]
# everything of a step is set by registration and the hand-over actions; people write the hand-over note only
PROTECTED_FIELDS = frozenset(
    {
        "request_id",
        "agency_id",
        "sequence",
        "name",
        "unit_id",
        "days",
        "start_date",
        "deadline",
        "received_date",
        "received_by_id",
        "done_date",
        "done_by_id",
        "referral_id",
        "handover_queued",
        "assigned_user_id",
    }
)


class MizKhedmatRequestStep(models.Model):
    """One unit's step in a registered request's routing, copied from the service at registration.

    The unit representative receives the file (``action_receive``) and hands it on (``action_hand_over``) to the
    next unit, or — at the last step — back to the desk with the result. Each hand-over is recorded in
    ``miz.khedmat.handover`` and follows the secretariat letter's referrals (the representatives' cartable).
    """

    _name = "miz.khedmat.request.step"
    _description = "Routing Step of a Desk Request"
    _order = "request_id, sequence, id"
    _inherit = ["miz.guarded.mixin"]
    _miz_open_states = ()
    _miz_protected_fields = PROTECTED_FIELDS

    request_id = fields.Many2one("miz.khedmat.request", required=True, ondelete="cascade", index=True)
    agency_id = fields.Many2one(related="request_id.agency_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Task")
    unit_id = fields.Many2one("miz.org.unit", string="Unit", required=True, ondelete="restrict", index=True)
    representative_id = fields.Many2one(related="unit_id.representative_id", string="Unit Representative")
    days = fields.Integer(string="Working Days")
    state = fields.Selection(STEP_STATES, required=True, default="waiting", index=True)
    start_date = fields.Datetime(string="Handed to the Unit")
    deadline = fields.Date()
    received_date = fields.Datetime()
    received_by_id = fields.Many2one("res.users", string="Received By")
    done_date = fields.Datetime(string="Handed On At")
    done_by_id = fields.Many2one("res.users", string="Handed On By")
    referral_id = fields.Many2one("miz.secretariat.referral", string="Referral", ondelete="set null")
    note = fields.Text(string="Hand-over Note")
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue", string="Overdue")
    tracking_code = fields.Char(related="request_id.tracking_code")
    partner_id = fields.Many2one(related="request_id.partner_id", string="Applicant")
    service_id = fields.Many2one(related="request_id.service_id")

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        today = self.env["miz.khedmat.request"]._miz_today()
        for step in self:
            step.is_overdue = bool(step.state == "active" and step.deadline and step.deadline < today)

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on overdue steps."))
        today = self.env["miz.khedmat.request"]._miz_today()
        if (operator == "=") == value:
            return [("state", "=", "active"), ("deadline", "<", today)]
        return ["|", "|", ("state", "!=", "active"), ("deadline", "=", False), ("deadline", ">=", today)]

    def _miz_writable_fields(self):
        """The representative of the unit holding the file writes its hand-over note; nothing else is typed in."""
        self.ensure_one()
        user = self.env.user
        if self.state == "active" and (
            user == self.unit_id.representative_id or user.has_group("miz_khedmat.group_miz_khedmat_manager")
        ):
            return {"note"}
        return set()

    @api.depends("request_id", "unit_id")
    def _compute_display_name(self):
        for step in self:
            step.display_name = f"{step.request_id.display_name} / {step.unit_id.name or ''}"

    # ------------------------------------------------------------------ checks
    def _miz_check_actor(self):
        """Only the representative of the unit holding the file (or a desk manager) acts on a step."""
        user = self.env.user
        is_manager = user.has_group("miz_khedmat.group_miz_khedmat_manager")
        for step in self:
            if step.state != "active":
                holder = step.request_id.current_unit_id.name or _("the desk")
                raise UserError(
                    _(
                        "The file of request %(request)s is not at unit %(unit)s now (it is at %(holder)s).",
                        request=step.request_id.display_name,
                        unit=step.unit_id.name,
                        holder=holder,
                    )
                )
            if not is_manager and user != step.unit_id.representative_id:
                raise UserError(
                    _(
                        "Only the representative of unit %(unit)s can act on the file of request %(request)s.",
                        unit=step.unit_id.name,
                        request=step.request_id.display_name,
                    )
                )

    # ------------------------------------------------------------------ actions
    def action_receive(self):
        """The unit representative confirms receiving the file."""
        self._miz_check_actor()
        now = fields.Datetime.now()
        for step in self.filtered(lambda s: not s.received_date):
            step.sudo().write({"received_date": now, "received_by_id": self.env.user.id})
            handover = step.request_id.sudo().handover_ids.filtered(
                lambda h, step=step: h.step_id == step and not h.received_date
            )
            handover.write({"received_date": now, "received_by_id": self.env.user.id})
            if step.referral_id.state == "new":
                step.referral_id.sudo().write({"state": "seen"})
            request = step.request_id
            if request.state == "registered":
                request.sudo().write({"state": "in_progress"})
        return True

    def action_hand_over(self):
        """Hand the files on now — to the next unit, or back to the desk with the result at the last step. The files
        of one unit handed over in one call form one batch (one hand-over sheet). Says where each file went."""
        destinations = self._miz_hand_over_batch()
        return self._miz_notification(
            _("Handed over: %s", "؛ ".join(destinations)), next_action={"type": "ir.actions.act_window_close"}
        )

    def _miz_hand_over_batch(self, scheduled=False):
        """Hand these files on, one batch per unit; return where each went."""
        self._miz_check_actor()
        Batch = self.env["miz.khedmat.handover.batch"]
        destinations = []
        for unit in self.unit_id:
            batch = Batch._miz_open(unit, scheduled=scheduled)
            for step in self.filtered(lambda s, unit=unit: s.unit_id == unit):
                destinations.append(step._miz_hand_over_one(batch))
        return destinations

    @api.model
    def _miz_notification(self, message, next_action=None):
        action = {"type": "ir.actions.client", "tag": "display_notification", "params": {"message": message}}
        if next_action:
            action["params"]["next"] = next_action
        return action

    def _miz_hand_over_one(self, batch=None):
        """Hand this step's file on (in ``batch``); return a line saying where it went."""
        self.ensure_one()
        request = self.request_id
        if not self.received_date:
            self.action_receive()
        now = fields.Datetime.now()
        today = jalali.to_local(now).date()
        next_step = request.step_ids.filtered(lambda s: s.sequence > self.sequence and s.state == "waiting")[:1]
        if next_step:
            deadline = request.agency_id.add_working_days(today, next_step.days)
            target = {
                "to_unit_id": next_step.unit_id.id,
                "instruction": next_step.name or request.service_title,
                "deadline": deadline,
            }
            kind, held_step, to_unit = "unit_to_unit", next_step, next_step.unit_id
        else:
            self._miz_check_result()
            target = {
                "to_user_id": request.clerk_id.id,
                "instruction": _("Notify the response of request %s to the applicant.", request.display_name),
                "deadline": request.promised_date,
            }
            kind, held_step, to_unit = "unit_to_desk", self, request.desk_unit_id
        referral = request.letter_id.sudo()._refer(
            [dict(target, purpose="action")], parent=self.referral_id.sudo() or None
        )
        if next_step:
            next_step.sudo().write(
                {"state": "active", "start_date": now, "deadline": deadline, "referral_id": referral.id}
            )
        self.env["miz.khedmat.handover"]._miz_record(
            held_step, kind, referral, from_unit=self.unit_id, to_unit=to_unit, note=self.note, batch=batch
        )
        self.sudo().write({"state": "done", "done_date": now, "done_by_id": self.env.user.id, "handover_queued": False})
        self._miz_close_referral(self.referral_id, self.note or _("Handed on."))
        if next_step:
            request.sudo().write({"state": "in_progress"})
        else:
            request.sudo().write({"state": "result", "result_date": now})
            # the last unit returned the result to the desk: tell the citizen it is ready
            request.sudo()._miz_notify("ready")
        return _(
            "%(request)s → %(unit)s (%(person)s)",
            request=request.display_name,
            unit=to_unit.name or _("the desk"),
            person=referral.to_user_id.name,
        )

    def _miz_check_result(self):
        request = self.request_id
        if not request.result:
            raise UserError(_("Record the result (approved or rejected) before returning the file to the desk."))
        if request.result == "rejected" and not (request.result_note and request.result_legal_basis):
            raise UserError(_("A rejection needs its reasons and its legal basis."))
        if request.result == "approved" and not (request.result_note or request.deliverable_attachment_ids):
            raise UserError(_("Describe or attach the deliverable of the approved request."))

    @api.model
    def _miz_close_referral(self, referral, answer):
        """Finish a secretariat referral on behalf of the desk (its activity is marked done)."""
        referral = referral.sudo()
        if not referral or referral.state not in ("new", "seen"):
            return
        referral.write({"state": "done", "done_date": fields.Datetime.now(), "answer": answer})
        referral._finish_activity()
        referral.letter_id._update_handling_state()
