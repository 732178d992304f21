import json
import logging

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.miz_base.tools import validation

from ..tools import soap

_logger = logging.getLogger(__name__)

STATES = [
    ("pending", "Awaiting Answer"),
    ("answered", "Answered"),
    ("rejected", "Rejected"),
]


class InquiryFault(Exception):
    """Refuse an inbound inquiry with a SOAP Fault: ``code`` Client/Server, ``message`` already translated."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


class MizInquiryInbound(models.Model):
    """One inquiry another agency made to our SOAP service (the log), answered or refused.

    Created only by the service (:meth:`_receive`). A ``manual`` inquiry is filed in the secretariat as an incoming
    letter and stays ``pending`` until a person writes the answer (:meth:`action_answer`); the caller gets it by
    calling again with the same ``request_id``.
    """

    _name = "miz.inquiry.inbound"
    _description = "Inbound Inquiry"
    _inherit = ["miz.guarded.mixin", "mail.thread"]
    _order = "id desc"
    # A person only writes the answer of a pending inquiry; the log itself is written by the service (superuser)
    # and by action_answer (sudo() after its checks).
    _miz_open_states = ()
    _miz_protected_fields = frozenset(
        {
            "type_id",
            "type_code",
            "key",
            "partner_id",
            "requester_agency_code",
            "request_id",
            "remote_addr",
            "error",
            "fault_code",
            "letter_id",
            "answered_at",
            "answered_by_id",
            "call_count",
            "last_call",
            "agency_id",
        }
    )

    type_id = fields.Many2one("miz.inquiry.type", string="Inquiry Type", readonly=True, index=True)
    agency_id = fields.Many2one(
        "miz.agency",
        string="Our Agency",
        compute="_compute_agency_id",
        store=True,
        index=True,
        help="The agency that answers: its people see the inquiry.",
    )
    type_code = fields.Char(string="Requested Type", readonly=True, help="The type_code as sent by the caller.")
    key = fields.Char(readonly=True)
    partner_id = fields.Many2one("miz.inquiry.partner", string="Caller", readonly=True, index=True)
    requester_agency_code = fields.Char(string="Caller Code", readonly=True)
    request_id = fields.Char(string="Caller's Request ID", readonly=True, index="btree_not_null")
    remote_addr = fields.Char(string="IP Address", readonly=True)
    state = fields.Selection(STATES, required=True, default="pending", readonly=True, tracking=True, index=True)
    answer = fields.Text(tracking=True, help="Sent to the caller as it is (JSON for automatic answers).")
    error = fields.Text(readonly=True, help="The reason sent in the SOAP Fault.")
    fault_code = fields.Char(readonly=True)
    letter_id = fields.Many2one("miz.secretariat.letter", string="Incoming Letter", readonly=True)
    answered_at = fields.Datetime(readonly=True)
    answered_by_id = fields.Many2one("res.users", string="Answered By", readonly=True)
    call_count = fields.Integer(string="Calls", default=1, readonly=True)
    last_call = fields.Datetime(default=fields.Datetime.now, readonly=True)

    @api.depends("type_code", "key", "requester_agency_code")
    def _compute_display_name(self):
        for inbound in self:
            inbound.display_name = " / ".join(
                part for part in (inbound.requester_agency_code, inbound.type_code, inbound.key) if part
            ) or _("Inbound Inquiry")

    @api.depends("type_id")
    def _compute_agency_id(self):
        for inbound in self:
            inbound.agency_id = inbound.type_id.sudo().agency_id

    def _miz_writable_fields(self):
        self.ensure_one()
        return {"answer"} if self.state == "pending" else set()

    # ------------------------------------------------------------------------------------------ actions
    def action_answer(self):
        """A person sends the answer written in ``answer`` to a pending (manual) inquiry."""
        for inbound in self:
            if inbound.state != "pending":
                raise UserError(_("Only an inquiry awaiting its answer can be answered."))
            if not (inbound.answer or "").strip():
                raise UserError(_("Write the answer first."))
        self.check_access("write")  # access rights and the agency's record rules, before writing as superuser
        self.sudo().write({"state": "answered", "answered_at": fields.Datetime.now(), "answered_by_id": self.env.uid})
        for inbound in self.filtered("letter_id"):
            inbound.letter_id.sudo().message_post(
                body=_("The inquiry was answered through the inquiry service: %s", inbound.answer)
            )
        return True

    def action_open_letter(self):
        self.ensure_one()
        return self.letter_id.get_formview_action()

    # ------------------------------------------------------------------------------------------ service
    @api.model
    def _fa_env(self):
        """This environment in Persian when Persian is installed: faults and logs are read by Persian users."""
        if self.env["res.lang"]._get_data(code="fa_IR"):
            return self.env(context=dict(self.env.context, lang="fa_IR"))
        return self.env

    @api.model
    def _parse_fault_message(self, fault):
        """Translated message of a :class:`soap.SoapFault` raised by :func:`soap.parse_inquire`."""
        env = self._fa_env()
        reason, _sep, element = fault.reason.partition(":")
        if reason == "missing":
            return env._("The element %s is missing from the inquiry.", element)
        if reason == "too_long":
            return env._("The element %s of the inquiry is too long.", element)
        if reason == "unknown_operation":
            return env._("Unknown operation: this service offers only Inquire.")
        if reason == "too_large":
            return env._("The request is too large.")
        return env._("The request is not a valid SOAP 1.1 envelope.")

    @api.model
    def _receive(self, data, http_token="", remote_addr=None):
        """Answer one SOAP request ``data`` (bytes; ``None`` when too large to read): return
        ``(http_status, response_bytes)``.

        Every call is logged (refused ones too), except a repeated ``request_id`` of the same caller and type,
        which only counts the call and returns the current answer (so a caller polls a pending inquiry).
        """
        # The service runs without a user: callers are checked by their token, records are written as superuser.
        Inbound = self.sudo()
        try:
            if data is None:
                raise soap.SoapFault("Client", "Request too large", "too_large")
            call = soap.parse_inquire(data, http_token=http_token)
        except soap.SoapFault as fault:
            message = Inbound._parse_fault_message(fault)
            Inbound.create(
                {"state": "rejected", "remote_addr": remote_addr, "fault_code": fault.code, "error": message}
            )
            return 500, soap.build_fault(fault.code, message)

        partner = Inbound.env["miz.inquiry.partner"]._authenticate(call.token, call.requester_agency_code)
        inquiry_type = Inbound.env["miz.inquiry.type"].search(
            [("code", "=", call.type_code), ("direction", "in", ("inbound", "both"))], limit=1
        )
        vals = {
            "type_code": call.type_code,
            "type_id": inquiry_type.id,
            "key": call.key,
            "requester_agency_code": call.requester_agency_code,
            "request_id": call.request_id or False,
            "partner_id": partner.id,
            "remote_addr": remote_addr,
        }
        try:
            Inbound._check_call(partner, inquiry_type, call)
            if call.request_id:
                previous = Inbound.search(
                    [
                        ("partner_id", "=", partner.id),
                        ("type_id", "=", inquiry_type.id),
                        ("request_id", "=", call.request_id),
                        ("state", "in", ("pending", "answered")),
                    ],
                    limit=1,
                )
                if previous:
                    if previous.key != call.key:
                        raise InquiryFault(
                            "Client", Inbound._fa_env()._("The request_id was already used for another key.")
                        )
                    previous.write({"call_count": previous.call_count + 1, "last_call": fields.Datetime.now()})
                    return 200, previous._response()
            with Inbound.env.cr.savepoint():
                inbound = Inbound.create(vals)
                inbound._answer(inquiry_type)
            return 200, inbound._response()
        except InquiryFault as fault:
            Inbound.create(dict(vals, state="rejected", fault_code=fault.code, error=fault.message))
            return 500, soap.build_fault(fault.code, fault.message)
        except Exception:
            _logger.exception("Inquiry %s %s of %s failed", call.type_code, call.key, call.requester_agency_code)
            message = Inbound._fa_env()._("Internal error of the inquiry service; try again later.")
            Inbound.create(dict(vals, state="rejected", fault_code="Server", error=message))
            return 500, soap.build_fault("Server", message)

    @api.model
    def _check_call(self, partner, inquiry_type, call):
        env = self._fa_env()
        if not partner:
            raise InquiryFault("Client", env._("Authentication failed: the token or the caller code is not accepted."))
        if not inquiry_type:
            raise InquiryFault("Client", env._("Unknown inquiry type: %s", call.type_code))
        if inquiry_type not in partner.type_ids:
            raise InquiryFault("Client", env._("Your agency is not allowed to make the inquiry %s.", inquiry_type.code))

    def _answer(self, inquiry_type):
        """Answer this new inquiry according to its type (or file it for a manual answer)."""
        self.ensure_one()
        if inquiry_type.answer_kind == "person_national_code":
            self._answer_person_national_code()
        elif inquiry_type.answer_kind == "manual":
            self._file_manual(inquiry_type)
        else:
            raise InquiryFault("Server", self._fa_env()._("This inquiry type has no way of being answered."))

    def _answer_person_national_code(self):
        env = self._fa_env()
        try:
            code = validation.normalize_national_code(self.key)
        except ValueError:
            raise InquiryFault("Client", env._("The key is not a valid national code.")) from None
        Partner = self.env["res.partner"].sudo()
        if "miz_national_code" not in Partner._fields:
            raise InquiryFault("Server", env._("Persons are not available in this system."))
        person = Partner.search([("miz_national_code", "=", code)], limit=1)
        answer = {"exists": bool(person), "national_code": code, "name": person.name or ""}
        self.write(
            {
                "state": "answered",
                "answer": json.dumps(answer, ensure_ascii=False),
                "answered_at": fields.Datetime.now(),
            }
        )

    def _file_manual(self, inquiry_type):
        """File the inquiry as an incoming letter of our agency, referred to whoever answers it."""
        env = self._fa_env()
        caller = self.partner_id.agency_id
        referral = {
            "instruction": env._("Answer the inquiry in the Inquiries app (inbound log)."),
            "purpose": "action",
        }
        if inquiry_type.manual_user_id:
            referral["to_user_id"] = inquiry_type.manual_user_id.id
        else:
            referral["to_unit_id"] = inquiry_type.manual_unit_id.id
        letter = self.env["miz.secretariat.letter"].register_incoming(
            {
                "agency_id": inquiry_type.agency_id.id,
                "subject": env._("Inquiry %(type)s: %(key)s", type=inquiry_type.name, key=self.key),
                "body": Markup("<p>%s</p>")
                % env._(
                    "Electronic inquiry from %(caller)s (request %(request)s).",
                    caller=caller.display_name,
                    request=self.request_id or "-",
                ),
                "sender_agency_id": caller.id,
                "sender_number": self.request_id or False,
                "delivery_channel": "exchange",
                "origin_ref": f"{self._name},{self.id}",
            },
            [referral],
        )
        self.write({"letter_id": letter.id, "state": "pending"})

    def _response(self):
        """The SOAP response of this inquiry's current state: ``answered`` or ``pending`` (letter number)."""
        self.ensure_one()
        if self.state == "answered":
            return soap.build_inquire_response("answered", self.answer or "", self.answered_at)
        return soap.build_inquire_response("pending", self.letter_id.name or "")
