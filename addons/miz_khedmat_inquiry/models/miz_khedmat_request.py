from markupsafe import Markup

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.miz_base.tools import jalali
from odoo.addons.miz_khedmat.models.miz_khedmat_request import OPEN_STATES
from odoo.addons.miz_khedmat.tools import tracking

# set by action_waive_inquiries only (through sudo() after its checks)
WAIVER_FIELDS = frozenset({"inquiry_ids", "inquiry_waiver_reason", "inquiry_waived_by_id", "inquiry_waived_date"})


class MizKhedmatRequest(models.Model):
    """At registration a desk request sends one inquiry of each type its service needs (queued: the clerk never
    waits on a remote agency). Its response cannot be notified while one of them is unanswered, unless a desk
    manager waived them with a reason."""

    _inherit = "miz.khedmat.request"

    inquiry_ids = fields.One2many("miz.inquiry.request", "khedmat_request_id", string="Inquiries", readonly=True)
    inquiry_count = fields.Integer(string="Inquiries Sent", compute="_compute_inquiry_counts")
    inquiry_pending_count = fields.Integer(string="Inquiries Unanswered", compute="_compute_inquiry_counts")
    inquiry_waiver_reason = fields.Text(string="Reason of the Inquiry Waiver", readonly=True, copy=False, tracking=True)
    inquiry_waived_by_id = fields.Many2one(
        "res.users", string="Inquiries Waived By", readonly=True, copy=False, tracking=True
    )
    inquiry_waived_date = fields.Datetime(string="Inquiries Waived On", readonly=True, copy=False)

    def _compute_inquiry_counts(self):
        for request in self:
            inquiries = request.sudo().inquiry_ids
            request.inquiry_count = len(inquiries)
            request.inquiry_pending_count = len(inquiries._miz_desk_pending())

    def _miz_guarded_protected(self):
        return super()._miz_guarded_protected() | WAIVER_FIELDS

    # ------------------------------------------------------------------ registration
    def _miz_register_one(self):
        result = super()._miz_register_one()
        self._miz_create_inquiries()
        return result

    def _miz_inquiry_param_value(self, name):
        """Value of a declared parameter the desk knows by name (others are sent empty)."""
        known = {
            "trackingCode": self.tracking_code,
            "nationalCode": self.applicant_code if self.applicant_kind == "person" else "",
            "nationalId": self.applicant_code if self.applicant_kind == "business" else "",
            "serviceCode": self.service_code,
        }
        return known.get(name) or ""

    def _miz_create_inquiries(self):
        """One queued inquiry per inquiry type of the service; created by the desk (sudo: a clerk is not an inquiry
        officer), in the clerk's name (the overdue activity goes to him)."""
        self.ensure_one()
        types = self.service_id.sudo().inquiry_type_ids
        if not types:
            return self.env["miz.inquiry.request"]
        subject = self.applicant_code or self.partner_id.miz_national_code or self.partner_id.miz_national_id
        inquiries = (
            self.env["miz.inquiry.request"]
            .sudo()
            .create(
                [
                    {
                        "type_id": inquiry_type.id,
                        "khedmat_request_id": self.id,
                        "purpose_ref": self.tracking_code,
                        "origin_ref": f"{self._name},{self.id}",
                        "subject_national_id": subject or False,
                        "param_ids": [
                            fields.Command.create(
                                {"name": param.name, "value": self._miz_inquiry_param_value(param.name)}
                            )
                            for param in inquiry_type.param_ids
                        ],
                    }
                    for inquiry_type in types
                ]
            )
        )
        self.message_post(
            body=_("Inquiries sent: %s", "، ".join(inquiries.mapped(lambda i: f"{i.name} ({i.type_id.name})"))),
            subtype_xmlid="mail.mt_note",
        )
        if any(inquiry.state == "queued" for inquiry in inquiries):
            self.env.ref("miz_inquiry.ir_cron_miz_inquiry_queue").sudo()._trigger()
        return inquiries

    # ------------------------------------------------------------------ response
    def _miz_check_inquiries_answered(self):
        for request in self:
            if request.inquiry_waived_date:
                continue
            pending = request.sudo().inquiry_ids._miz_desk_pending()
            if pending:
                raise UserError(
                    _(
                        "The response of request %(request)s cannot be notified: these inquiries are not answered "
                        "yet: %(inquiries)s. Wait for their answers, or a desk manager waives them with a reason.",
                        request=request.display_name,
                        inquiries="، ".join(pending.mapped(lambda i: f"{i.name} ({i.type_id.name})")),
                    )
                )

    def action_notify_response(self):
        self._miz_check_desk()
        self._miz_check_state(("result",), _("be notified"))
        self._miz_check_inquiries_answered()
        return super().action_notify_response()

    def action_waive_inquiries(self, reason=None):
        """A desk manager of the request's agency lets the response go without the unanswered inquiries; the reason,
        the manager and the time are kept and told in the chatter."""
        if not self.env.user.has_group("miz_khedmat.group_miz_khedmat_manager"):
            raise AccessError(_("Only a desk manager can waive the inquiries of a request."))
        self.check_access("write")
        reason = (reason or "").strip() if isinstance(reason, str) else ""
        if not reason:
            raise UserError(_("Write the reason for going on without the inquiries' answers."))
        self._miz_check_state(OPEN_STATES, _("go on without its inquiries"))
        for request in self:
            if request.inquiry_waived_date:
                raise UserError(_("The inquiries of request %s are already waived.", request.display_name))
            if not request.sudo().inquiry_ids._miz_desk_pending():
                raise UserError(_("Request %s has no unanswered inquiry to waive.", request.display_name))
        now = fields.Datetime.now()
        for request in self:
            pending = request.sudo().inquiry_ids._miz_desk_pending()
            request.sudo().write(
                {
                    "inquiry_waiver_reason": reason,
                    "inquiry_waived_by_id": self.env.uid,
                    "inquiry_waived_date": now,
                }
            )
            request.message_post(
                body=Markup("<p>%s</p><p>%s</p>")
                % (
                    _(
                        "The response may be notified without the answers of: %s.",
                        "، ".join(pending.mapped(lambda i: f"{i.name} ({i.type_id.name})")),
                    ),
                    _("Reason: %s", reason),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    # ------------------------------------------------------------------ answered to other agencies
    def _miz_inquiry_status(self):
        """The status another agency receives (``desk_request_status`` inquiries): state and dates, not the
        applicant's identity nor the result's details."""
        self.ensure_one()
        states = dict(self._fields["state"]._description_selection(self.env))
        results = dict(self._fields["result"]._description_selection(self.env))

        def day(value):
            return jalali.format_date(value, latin_digits=True) if value else ""

        return [
            ("trackingCode", tracking.normalize(self.tracking_code)),
            ("state", self.state),
            ("stateLabel", states[self.state]),
            ("serviceCode", self.service_code or ""),
            ("serviceTitle", self.service_title or ""),
            ("registrationDate", day(self.registration_date)),
            ("promisedDate", day(self.promised_date)),
            ("result", self.result or ""),
            ("resultLabel", results.get(self.result, "") if self.result else ""),
            ("noticeDate", day(self.notice_date)),
        ]
