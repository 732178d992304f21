from odoo import _, fields, models
from odoo.exceptions import UserError

CANCELLABLE_STATES = ("draft", "deficient", "registered", "in_progress", "result")


class MizKhedmatRequest(models.Model):
    """Cancelling a request registered by mistake or withdrawn by the applicant (انصراف / ابطال).

    The request keeps its tracking code and its letter keeps its number (the register stays gapless); the open
    referrals of the letter are closed with the reason, the waiting and active steps are cancelled. A desk clerk
    cancels before a unit received the file; afterwards only a desk manager may. An answered request (notified or
    delivered) is never cancelled: the citizen objects instead.
    """

    _inherit = "miz.khedmat.request"

    def action_open_cancel(self):
        self._miz_check_cancel()
        return {
            "type": "ir.actions.act_window",
            "name": _("Cancel the Request"),
            "res_model": "miz.khedmat.request.cancel",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_request_ids": self.ids},
        }

    def _miz_check_cancel(self):
        self._miz_check_desk()
        is_manager = self.env.user.has_group("miz_khedmat.group_miz_khedmat_manager")
        for request in self:
            if request.state not in CANCELLABLE_STATES:
                raise UserError(
                    _(
                        "Request %s has been answered or closed and can no longer be cancelled; the applicant may "
                        "object to the response instead.",
                        request.display_name,
                    )
                )
            at_units = any(step.received_date for step in request.step_ids) or request.state in (
                "in_progress",
                "result",
            )
            if at_units and not is_manager:
                raise UserError(
                    _(
                        "The file of request %s has already reached the units: only a desk manager can cancel it now.",
                        request.display_name,
                    )
                )

    def _miz_cancel(self, reason):
        """Cancel these requests for ``reason`` after the checks of :meth:`_miz_check_cancel`."""
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Write why the request is cancelled."))
        self._miz_check_cancel()
        now = fields.Datetime.now()
        Step = self.env["miz.khedmat.request.step"]
        answer = _("Request cancelled: %s", reason)
        for request in self:
            for referral in request.letter_id.sudo().referral_ids.filtered(lambda r: r.state in ("new", "seen")):
                Step._miz_close_referral(referral, answer)
            request.step_ids.filtered(lambda s: s.state in ("waiting", "active")).sudo().write({"state": "cancelled"})
            request.sudo().write(
                {"state": "cancelled", "cancel_reason": reason, "cancel_date": now, "cancelled_by_id": self.env.user.id}
            )
            request.message_post(body=answer, subtype_xmlid="mail.mt_note")
        return True
