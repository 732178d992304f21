import collections
import datetime
import json
import logging
import threading
import time

import psycopg2.errors
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, html2plaintext

from odoo.addons.miz_base.tools import jalali, validation

from ..tools import soap

_logger = logging.getLogger(__name__)

STATES = [
    ("received", "Received (awaiting answer)"),
    ("answered", "Answered"),
    ("rejected", "Rejected"),
]
STATUS_OF_STATE = {"received": "RECEIVED", "answered": "ANSWERED", "rejected": "REJECTED"}

# Refused calls, per (fault code, claimed caller code, IP), counted in this process; the details go to the log.
# Nothing is written to the database for them (see _miz_soap_dispatch).
_REFUSALS = collections.Counter()
_REFUSALS_LOCK = threading.Lock()


def refusal_counts():
    """A copy of this process' refusal counters: ``{(code, caller_code, ip): count}``."""
    with _REFUSALS_LOCK:
        return dict(_REFUSALS)


class MizInquiryInbound(models.Model):
    """An inquiry another agency submitted to our SOAP service and that we accepted (refusals are not stored).

    One per (caller, ``requestId``): a resubmission returns the same inquiry, the same ``requestId`` with other
    content is a ``DUPLICATE_CONFLICT`` fault. Automatic kinds are answered at once; a ``manual`` one is registered
    as an incoming letter of our agency, referred to the answering unit or person, and is answered by the reply
    letter registered to it (``reply_to_id``), or rejected with a reason.
    """

    _name = "miz.inquiry.inbound"
    _description = "Inbound Inquiry"
    _inherit = ["miz.guarded.mixin", "mail.thread"]
    _order = "id desc"
    _miz_open_states = ()
    _miz_protected_fields = frozenset(
        {
            "type_id",
            "partner_id",
            "request_id",
            "subject_national_id",
            "purpose_ref",
            "params_json",
            "content_hash",
            "request_sha256",
            "remote_addr",
            "letter_id",
            "reply_letter_id",
            "answer_code",
            "answer_text",
            "answer_values_json",
            "answered_at",
            "answered_by_id",
            "agency_id",
        }
    )

    name = fields.Char(string="Inquiry ID", compute="_compute_name")
    type_id = fields.Many2one("miz.inquiry.type", string="Inquiry Type", readonly=True, required=True, index=True)
    agency_id = fields.Many2one(
        "miz.agency", string="Our Agency", readonly=True, index=True, help="The agency that answers."
    )
    partner_id = fields.Many2one("miz.inquiry.partner", string="Caller", readonly=True, required=True, index=True)
    request_id = fields.Char(string="Caller's Request ID", readonly=True, required=True)
    subject_national_id = fields.Char(string="Subject's National Code", readonly=True)
    purpose_ref = fields.Char(string="Purpose (caller's case)", readonly=True)
    params_json = fields.Text(string="Parameters", readonly=True)
    params_display = fields.Text(string="Parameters ", compute="_compute_params_display")
    content_hash = fields.Char(readonly=True)
    request_sha256 = fields.Char(string="Request SHA-256", readonly=True, help="Of the envelope that submitted it.")
    remote_addr = fields.Char(string="IP Address", readonly=True)
    state = fields.Selection(STATES, required=True, default="received", readonly=True, tracking=True, index=True)
    answer_code = fields.Char(readonly=True, tracking=True)
    answer_text = fields.Text(readonly=True)
    answer_values_json = fields.Text(readonly=True)
    reject_reason = fields.Text(help="Why a manual inquiry is rejected (sent to the caller).")
    answered_at = fields.Datetime(readonly=True)
    answered_by_id = fields.Many2one("res.users", string="Answered By", readonly=True)
    letter_id = fields.Many2one("miz.secretariat.letter", string="Incoming Letter", readonly=True)
    reply_letter_id = fields.Many2one("miz.secretariat.letter", string="Reply Letter", readonly=True)
    message_log_ids = fields.One2many(
        "miz.inquiry.message", "inbound_id", string="Envelopes", groups="miz_inquiry.group_miz_inquiry_user"
    )

    _sql_constraints = [
        ("request_uniq", "unique(partner_id, request_id)", "A caller's requestId identifies one inquiry."),
    ]

    def _compute_name(self):
        for inbound in self:
            inbound.name = f"INB-{inbound.id:06d}" if inbound.id else _("Inbound Inquiry")

    @api.depends("params_json")
    def _compute_params_display(self):
        for inbound in self:
            pairs = json.loads(inbound.params_json or "[]")
            inbound.params_display = "\n".join(f"{name}: {value}" for name, value in pairs)

    def _compute_display_name(self):
        for inbound in self:
            inbound.display_name = " / ".join(
                part for part in (inbound.name, inbound.partner_id.agency_code, inbound.type_id.code) if part
            )

    def _miz_writable_fields(self):
        self.ensure_one()
        return {"reject_reason"} if self.state == "received" else set()

    # ------------------------------------------------------------------------------------------ actions
    def action_reject(self):
        """The unit refuses a manual inquiry with a reason (the caller receives REJECTED and the reason)."""
        for inbound in self:
            if inbound.state != "received":
                raise UserError(_("Only an inquiry awaiting its answer can be rejected."))
            if not (inbound.reject_reason or "").strip():
                raise UserError(_("Write the reason of the rejection first."))
        self.check_access("write")
        for inbound in self:
            inbound.sudo()._miz_set_answer(
                {"code": "REJECTED", "text": inbound.reject_reason.strip(), "values": []}, state="rejected"
            )
        return True

    def action_open_letter(self):
        self.ensure_one()
        return (self.reply_letter_id or self.letter_id).get_formview_action()

    # ------------------------------------------------------------------------------------------ service
    @api.model
    def _fa_env(self):
        """This environment in Persian when Persian is installed: faults are read by Persian users."""
        if self.env["res.lang"]._get_data(code="fa_IR"):
            return self.env(context=dict(self.env.context, lang="fa_IR"))
        return self.env

    @api.model
    def _miz_fault_message(self, fault):
        env = self._fa_env()
        messages = {
            "MALFORMED": env._("The request is not a valid SOAP 1.1 envelope."),
            "TOO_LARGE": env._("The request is too large."),
            "AUTH_FAILED": env._("Authentication failed: the caller code, the secret or the address is not accepted."),
            "MESSAGE_EXPIRED": env._("The security token is outside the accepted time window; check your clock."),
            "NONCE_REPLAYED": env._("This message was already received (repeated nonce)."),
            "RATE_LIMITED": env._("Too many calls; try again in a minute."),
            "TYPE_NOT_GRANTED": env._("Your agency is not allowed to make this inquiry."),
            "UNKNOWN_INQUIRY": env._("No inquiry of yours has this requestId."),
            "DUPLICATE_CONFLICT": env._("This requestId was already used for a different inquiry."),
            "SERVER_ERROR": env._("Internal error of the inquiry service; try again later."),
        }
        if fault.code == "INVALID_REQUEST":
            return env._("The request is not valid: %s", fault.field or "-")
        return messages[fault.code]

    @api.model
    def _miz_refuse(self, fault, call, peer):
        """Refusal: a log line and a counter, nothing in the database."""
        caller = (call.token.username if call and call.token else "") or "-"
        with _REFUSALS_LOCK:
            _REFUSALS[(fault.code, caller, peer or "-")] += 1
        _logger.warning(
            "inquiry refused: code=%s field=%s caller=%s ip=%s reason=%s",
            fault.code,
            fault.field,
            caller,
            peer,
            fault.message,
        )
        return 500, soap.build_fault(fault.code, self._miz_fault_message(fault), fault.field)

    @api.model
    def _miz_soap_dispatch(self, data, peer, now=None):
        """Answer one SOAP request ``data`` (bytes, at most ``MAX_REQUEST_BYTES + 1``): ``(http_status, body)``.

        Order: parse (no write) → Created window → caller and secret → IP allowlist; only then, in one savepoint,
        the nonce is claimed, the rate checked (one statement) and the operation run. Any fault rolls the savepoint
        back, so a refused call leaves no row (it is logged and counted), and an accepted one writes its envelope
        log row.
        """
        started = time.monotonic()
        now = now or datetime.datetime.now(datetime.timezone.utc)
        call = None
        Inbound = self.sudo()
        try:
            call = soap.parse_request(data)
            partner = Inbound._miz_authenticate(call, peer, now)
            request_sha = soap.sha256(data)
            try:
                with self.env.cr.savepoint():
                    return 200, Inbound._miz_accept(partner, call, peer, request_sha, started)
            except psycopg2.errors.UniqueViolation:
                # a concurrent call with the same requestId committed its inquiry first (ours was undone with the
                # savepoint, nonce included): answer with that one
                with self.env.cr.savepoint():
                    return 200, Inbound._miz_accept(partner, call, peer, request_sha, started, twin=True)
        except soap.SoapFault as fault:
            return self._miz_refuse(fault, call, peer)
        except Exception:
            _logger.exception(
                "inquiry service failed (caller %s, ip %s)", call and call.fields.get("requesterAgencyCode"), peer
            )
            return self._miz_refuse(soap.SoapFault("SERVER_ERROR", "internal error"), call, peer)

    @api.model
    def _miz_accept(self, partner, call, peer, request_sha, started, twin=False):
        """The body answering an authenticated call: nonce claimed, rate checked and the requestId looked up (one
        statement), operation run, envelope logged. ``twin``: the requestId was committed by a concurrent call,
        answered from it."""
        request_id = call.fields["requestId"]
        claimed, recent, existing_id = self.env["miz.inquiry.nonce"]._miz_claim(
            partner, soap.sha256(call.token.nonce), request_id
        )
        if not claimed:
            raise soap.SoapFault("NONCE_REPLAYED", "nonce already used")
        if recent >= partner.rate_limit:
            raise soap.SoapFault("RATE_LIMITED", f"more than {partner.rate_limit} calls per minute")
        inbound = self.browse()
        if twin:
            body, outcome, agency_id, twin_id = self._miz_committed_twin(
                partner, call.fields["requestId"], soap.content_hash(call.fields, call.params), call.operation
            )
            inbound = self.browse(twin_id)
        else:
            existing = self.browse(existing_id)
            if call.operation == "SubmitInquiry":
                inbound = self._miz_submit(partner, call, peer, request_sha, existing)
            elif not existing:
                raise soap.SoapFault("UNKNOWN_INQUIRY", f"no inquiry {request_id}")
            else:
                inbound = existing
            body, outcome, agency_id = (
                inbound._miz_soap_response(call.operation),
                STATUS_OF_STATE[inbound.state],
                inbound.agency_id.id,
            )
        self.env["miz.inquiry.message"]._miz_log(
            {
                "direction": "in",
                "operation": call.operation,
                "peer": peer,
                "partner_id": partner.id,
                "inbound_id": inbound.id,
                "agency_id": agency_id,
                "outcome": outcome,
                "http_status": 200,
                "request_sha256": request_sha,
                "response_sha256": soap.sha256(body),
                "duration_ms": int((time.monotonic() - started) * 1000),
            }
        )
        return body

    @api.model
    def _miz_authenticate(self, call, peer, now):
        """The partner a request comes from, or :class:`soap.SoapFault`; reads only."""
        token = call.token
        if token is None or not token.username:
            raise soap.SoapFault("AUTH_FAILED", "no UsernameToken")
        soap.check_created(token.created, now)
        if token.password_type != soap.PASSWORD_TEXT:
            raise soap.SoapFault("AUTH_FAILED", "only PasswordText is accepted (the secret is stored hashed)")
        if not token.nonce:
            raise soap.SoapFault("AUTH_FAILED", "a Nonce is required")
        partner = self.env["miz.inquiry.partner"].sudo()._authenticate(token.username, token.password)
        if not partner:
            raise soap.SoapFault("AUTH_FAILED", "unknown caller or wrong secret")
        if call.fields["requesterAgencyCode"] != partner.agency_code:
            raise soap.SoapFault("AUTH_FAILED", "requesterAgencyCode is not the authenticated caller")
        if not partner._ip_allowed(peer):
            raise soap.SoapFault("AUTH_FAILED", f"address {peer} not in the allowlist")
        return partner

    @api.model
    def _miz_submit(self, partner, call, peer, request_sha, existing):
        """The inquiry of a SubmitInquiry: ``existing`` (this partner's inquiry with the call's requestId, looked up
        with the nonce claim) if the content is the same, else a new one, answered at once when automatic."""
        fields_ = call.fields
        # the type, only if granted to the partner (one query: the grant is a subquery on the partner's relation)
        relation = partner._fields["type_ids"]
        granted = SQL(
            "(SELECT %s FROM %s WHERE %s = %s)",
            SQL.identifier(relation.column2),
            SQL.identifier(relation.relation),
            SQL.identifier(relation.column1),
            partner.id,
        )
        inquiry_type = self.env["miz.inquiry.type"].search_fetch(
            [
                ("code", "=", fields_["inquiryType"]),
                ("direction", "in", ("inbound", "both")),
                ("id", "in", granted),
            ],
            ["agency_id", "answer_kind", "subject_required"],
            limit=1,
        )
        if not inquiry_type:
            raise soap.SoapFault("TYPE_NOT_GRANTED", f"type {fields_['inquiryType']}")
        content = soap.content_hash(fields_, call.params)
        # looked up first, not left to the unique index: a failed INSERT is logged as an error by the cursor, and a
        # resubmission is a normal event (only a concurrent twin reaches the index: see _miz_soap_dispatch)
        if existing:
            if existing.content_hash != content:
                raise soap.SoapFault("DUPLICATE_CONFLICT", f"requestId {fields_['requestId']}")
            return existing
        params = self._miz_check_params(inquiry_type, call)
        vals = {
            "type_id": inquiry_type.id,
            "agency_id": inquiry_type.agency_id.id,
            "partner_id": partner.id,
            "request_id": fields_["requestId"],
            "subject_national_id": params.get("__subject__") or False,
            "purpose_ref": fields_["purposeRef"],
            "params_json": json.dumps(list(call.params), ensure_ascii=False),
            "content_hash": content,
            "request_sha256": request_sha,
            "remote_addr": peer,
        }
        manual = inquiry_type.answer_kind == "manual"
        if not manual:
            # answered from our records before the row is written: one INSERT holds the inquiry and its answer
            vals.update(self._miz_answer_vals(self.new(vals)._miz_answer_result(params)))
        # no chatter for what the envelope log already records (creation, automatic answer): a machine call per
        # row would otherwise post two messages; a person's later answer or rejection is tracked. A concurrent call
        # with the same requestId makes the INSERT fail (UniqueViolation: see _miz_soap_dispatch).
        inbound = self.with_context(tracking_disable=True).create([vals]).with_env(self.env)
        self.env.flush_all()
        if manual:
            inbound._miz_answer_manual(params)
        return inbound

    @api.model
    def _miz_committed_twin(self, partner, request_id, content, operation):
        """``(response, outcome, agency id, id)`` of the inquiry a concurrent transaction committed with this
        requestId, read on a fresh cursor (ours, a repeatable-read snapshot, cannot see it); the same requestId with
        other content is a ``DUPLICATE_CONFLICT``."""
        with self.env.registry.cursor() as cr:
            twin = (
                self.with_env(self.env(cr=cr))
                .sudo()
                .search([("partner_id", "=", partner.id), ("request_id", "=", request_id)], limit=1)
            )
            if not twin or twin.content_hash != content:
                raise soap.SoapFault("DUPLICATE_CONFLICT", f"requestId {request_id}")
            return twin._miz_soap_response(operation), STATUS_OF_STATE[twin.state], twin.agency_id.id, twin.id

    @api.model
    def _miz_check_params(self, inquiry_type, call):
        """``{name: value}`` of the declared params (and ``__subject__``); INVALID_REQUEST naming the field."""
        declared = dict(self.env["miz.inquiry.type.param"]._miz_declared(inquiry_type.id))
        values = {}
        for name, value in call.params:
            if name not in declared:
                raise soap.SoapFault("INVALID_REQUEST", f"param {name} not declared", name)
            if name in values:
                raise soap.SoapFault("INVALID_REQUEST", f"param {name} repeated", name)
            values[name] = value
        for name, required in declared.items():
            if required and not values.get(name):
                raise soap.SoapFault("INVALID_REQUEST", f"param {name} missing", name)
        subject = call.fields.get("subjectNationalId") or ""
        if subject:
            try:
                subject = validation.normalize_national_code(subject)
            except ValueError:
                raise soap.SoapFault("INVALID_REQUEST", "invalid national code", "subjectNationalId") from None
        elif inquiry_type.subject_required:
            raise soap.SoapFault("INVALID_REQUEST", "subject required", "subjectNationalId")
        values["__subject__"] = subject
        return values

    # ------------------------------------------------------------------------------------------ answers
    def _miz_answer_result(self, params):
        """The answer of this inquiry by its type's kind: ``_miz_answer_<kind>(params)`` returns the result dict
        (``code``, ``text``, ``values``), or ``None`` when it waits for a person (manual). Automatic kinds only
        read: they are called on the inquiry about to be created (``new``)."""
        self.ensure_one()
        kind = self.type_id.answer_kind
        method = getattr(self, f"_miz_answer_{kind}", None)
        if method is None:
            raise soap.SoapFault("SERVER_ERROR", f"no answer for kind {kind}")
        return method(params)

    def _miz_set_answer(self, result, state="answered", reply_letter=None):
        self.write(self._miz_answer_vals(result, state, reply_letter))

    @api.model
    def _miz_answer_vals(self, result, state="answered", reply_letter=None):
        vals = {
            "state": state,
            "answer_code": result["code"],
            "answer_text": result.get("text") or "",
            "answer_values_json": json.dumps(list(result.get("values") or []), ensure_ascii=False),
            "answered_at": fields.Datetime.now(),
            "answered_by_id": self.env.uid if not self.env.su else False,
        }
        if reply_letter:
            vals["reply_letter_id"] = reply_letter.id
        return vals

    def _miz_answer_letter_verify(self, params):
        """Is there a registered letter of our agency with this number, registered on this date (Jalali
        ``1404/01/15`` or ISO ``2025-04-04``)? Answers its kind, date and a hash of its subject, not the subject."""
        env = self._fa_env()
        number = (params.get("letterNumber") or "").strip()
        raw_date = (params.get("letterDate") or "").strip()
        try:
            day = jalali.parse(raw_date) if raw_date[:2] in ("13", "14", "۱۳", "۱۴") else fields.Date.to_date(raw_date)
        except ValueError:
            raise soap.SoapFault("INVALID_REQUEST", "letterDate", "letterDate") from None
        if not number or not day:
            raise soap.SoapFault("INVALID_REQUEST", "letterNumber", "letterNumber")
        letters = (
            self.env["miz.secretariat.letter"]
            .sudo()
            .search_fetch(
                [
                    ("agency_id", "=", self.type_id.agency_id.id),
                    ("name", "=", number),
                    ("state", "in", ("registered", "sent")),
                ],
                ["name", "kind", "registration_date", "subject"],
            )
        )
        letter = letters.filtered(lambda found: jalali.to_local(found.registration_date).date() == day)[:1]
        if not letter:
            return {"code": "NOT_FOUND", "text": env._("No registered letter has this number and date."), "values": []}
        kinds = dict(letter._fields["kind"]._description_selection(env))
        return {
            "code": "VALID",
            "text": env._("The letter is registered in our secretariat."),
            "values": [
                ("letterNumber", letter.name),
                ("registrationDate", jalali.format_date(letter.registration_date, latin_digits=True)),
                ("kind", letter.kind),
                ("kindLabel", kinds[letter.kind]),
                ("subjectHash", letter._subject_hash()),
            ],
        }

    def _miz_answer_person_national_code(self, params):
        """Whether a contact has this national code, and its name. It discloses a name, so it is granted only to
        partners that must know it, always with the caller's purpose (``purposeRef``) recorded here."""
        env = self._fa_env()
        code = self.subject_national_id or params.get("__subject__")
        if not code:
            raise soap.SoapFault("INVALID_REQUEST", "subject required", "subjectNationalId")
        person = self.env["res.partner"].sudo().search([("miz_national_code", "=", code)], limit=1)
        if not person:
            return {"code": "NOT_FOUND", "text": env._("No person has this national code here."), "values": []}
        return {"code": "FOUND", "text": env._("The person is known."), "values": [("name", person.name)]}

    def _miz_answer_manual(self, params):
        """Register the inquiry as an incoming letter of our agency, referred to whoever answers it."""
        env = self._fa_env()
        inquiry_type = self.type_id
        referral = {"instruction": env._("Answer with a reply letter to this letter."), "purpose": "action"}
        if inquiry_type.manual_user_id:
            referral["to_user_id"] = inquiry_type.manual_user_id.id
        else:
            referral["to_unit_id"] = inquiry_type.manual_unit_id.id
        lines = [
            env._(
                "Electronic inquiry %(type)s from %(caller)s.",
                type=inquiry_type.name,
                caller=self.partner_id.display_name,
            ),
            env._(
                "Their reference: %(purpose)s (request %(request)s).", purpose=self.purpose_ref, request=self.request_id
            ),
        ]
        if self.subject_national_id:
            lines.append(env._("Subject's national code: %s", self.subject_national_id))
        lines += [f"{name}: {value}" for name, value in json.loads(self.params_json or "[]")]
        letter = (
            self.env["miz.secretariat.letter"]
            .sudo()
            ._miz_register_incoming(
                {
                    "agency_id": inquiry_type.agency_id.id,
                    "subject": env._("Inquiry %(type)s (%(ref)s)", type=inquiry_type.name, ref=self.name),
                    "body": Markup("").join(Markup("<p>%s</p>") % line for line in lines),
                    "sender_agency_id": self.partner_id.agency_id.id,
                    "sender_number": self.purpose_ref,
                    "delivery_channel": "exchange",
                    "origin_ref": f"{self._name},{self.id}",
                },
                [referral],
            )
        )
        self.write({"letter_id": letter.id})
        return None

    def _miz_complete_from_reply(self, reply):
        """The reply letter (registered, in reply to our incoming letter) is the answer."""
        env = self._fa_env()
        text = html2plaintext(reply.body or "").strip() or reply.subject
        self._miz_set_answer(
            {
                "code": "ANSWERED_BY_LETTER",
                "text": text[:4000],
                "values": [
                    ("letterNumber", reply.name),
                    ("letterDate", jalali.format_date(reply.registration_date, latin_digits=True)),
                    ("subject", reply.subject),
                ],
            },
            reply_letter=reply,
        )
        self.message_post(body=env._("Answered by the reply letter %s.", reply.name))

    def _miz_soap_response(self, operation):
        self.ensure_one()
        result = None
        if self.state != "received":
            result = {
                "code": self.answer_code,
                "text": self.answer_text,
                "values": [tuple(pair) for pair in json.loads(self.answer_values_json or "[]")],
                "answered_at": self.answered_at,
            }
        return soap.build_response(operation, self.name, STATUS_OF_STATE[self.state], result)
