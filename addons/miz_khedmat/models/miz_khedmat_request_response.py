import datetime

from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.miz_base.tools import jalali


class MizKhedmatRequest(models.Model):
    """Response and objection: the response notice with the right to object, delivery, the objection that opens a
    review request within the window."""

    _inherit = "miz.khedmat.request"

    # ------------------------------------------------------------------ actions: response
    def action_notify_response(self):
        """Notify the result to the citizen: response notice with the right to object, and SMS."""
        self._miz_check_desk()
        self._miz_check_state(("result",), _("be notified"))
        now = fields.Datetime.now()
        today = jalali.to_local(now).date()
        for request in self:
            request.sudo().write(
                {"state": "notified", "notice_date": now, "objection_deadline": request._miz_objection_deadline(today)}
            )
            request._miz_notify("response")
        return self.env.ref("miz_khedmat.action_report_response_notice").report_action(self)

    def action_deliver(self):
        """The citizen received the response (and the deliverable): the request is closed."""
        self._miz_check_desk()
        self._miz_check_state(("notified",), _("be delivered"))
        now = fields.Datetime.now()
        for request in self:
            request.sudo().write({"state": "delivered", "delivered_date": now})
            desk_step = request.handover_ids.filtered(lambda h: h.kind == "unit_to_desk")[:1]
            if desk_step.referral_id:
                self.env["miz.khedmat.request.step"]._miz_close_referral(
                    desk_step.referral_id, _("Delivered to the applicant.")
                )
            if request.miz_survey_done:
                # the applicant already filled the paper form at the desk: no second questionnaire by SMS
                request.message_post(
                    body=_("The satisfaction form was already filled in; no survey link is sent."),
                    subtype_xmlid="mail.mt_note",
                )
            else:
                request._miz_notify("delivered")
        return True

    def action_object(self, reason=None):
        """Record the citizen's objection; within the window it opens a linked review request."""
        self.ensure_one()
        self._miz_check_desk()
        review = self._miz_receive_objection(reason)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": review.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _miz_objection_deadline(self, notified_on):
        """Last day to object: the window in calendar days from the notice, moved to the next working day of the
        agency when it falls on a Friday or a holiday."""
        self.ensure_one()
        last = notified_on + datetime.timedelta(days=self.objection_window_days)
        return self.agency_id.add_working_days(last, 0)

    # ------------------------------------------------------------------ hooks of the electronic desk
    def _miz_receive_objection(self, reason=None):
        """Receive the objection (state, window and reason checked) and open the review request; returns the review.

        Without the desk-clerk check of :meth:`action_object`: the electronic desk (miz_khedmat_online) ties the
        caller to the request itself (tracking code and national code) and calls it through sudo()."""
        self.ensure_one()
        self._miz_check_state(("notified", "delivered"), _("receive an objection"))
        reason = reason or self.objection_reason
        if not reason:
            raise UserError(_("Write the reason of the objection."))
        today = self._miz_today()
        if not self.objection_deadline or today > self.objection_deadline:
            raise UserError(
                _(
                    "The objection window of request %(request)s closed on %(deadline)s; an objection can no longer "
                    "be received.",
                    request=self.display_name,
                    deadline=jalali.format_date(self.objection_deadline),
                )
            )
        if self.review_ids:
            raise UserError(_("An objection to request %s has already been received.", self.display_name))
        # the review is the desk's own record (its link to this request is protected from people): created by sudo
        # after the checks above, as the clerk
        review = self.sudo().create(
            {
                "review_of_id": self.id,
                "service_id": self.service_id.id,
                "channel": self.channel,
                "partner_id": self.partner_id.id,
                "applicant_kind": self.applicant_kind,
                "applicant_code": self.applicant_code,
                "applicant_name": self.partner_id.name,
                "applicant_mobile": self.applicant_mobile,
                "desk_unit_id": self.desk_unit_id.id,
                "objection_reason": reason,
                "note": _("Review of request %s after the applicant's objection.", self.display_name),
                "document_ids": [
                    fields.Command.create(
                        {
                            "name": doc.name,
                            "required": doc.required,
                            "received": doc.received,
                            "attachment_ids": [fields.Command.set(doc.attachment_ids.ids)],
                        }
                    )
                    for doc in self.document_ids
                ],
            }
        )
        self.sudo().write({"objection_reason": reason, "objection_date": fields.Datetime.now()})
        self.message_post(body=_("Objection received; review request opened."), subtype_xmlid="mail.mt_note")
        return review
