import datetime
import json
import logging
import time
import uuid
from urllib.parse import urlsplit

import requests
import zeep
import zeep.exceptions
import zeep.transports
from lxml import etree
from markupsafe import Markup

from odoo import _, api, fields, models, modules
from odoo.exceptions import UserError
from odoo.tools import html2plaintext
from odoo.tools.misc import file_path

from odoo.addons.miz_base.tools import jalali

from ..tools import soap
from ..tools.wsse import UsernameTokenWithNonce

_logger = logging.getLogger(__name__)

STATES = [
    ("queued", "Queued"),
    ("sent", "Sent (awaiting answer)"),
    ("answered", "Answered"),
    ("rejected", "Rejected"),
    ("failed", "Failed"),
    ("paper_needed", "To Send on Paper"),
    ("paper", "Sent on Paper"),
]
OPEN_STATES = ("queued", "sent", "failed", "paper_needed", "paper")
BINDING = f"{{{soap.NS_TNS}}}MizInquiryBinding"
MAX_BACKOFF_SECONDS = 6 * 3600
# Fault codes that say "try again later": everything else sent back as a fault is final
RETRIED_FAULTS = ("RATE_LIMITED", "SERVER_ERROR")


class _Transient(Exception):
    """A transport error worth retrying (timeout, refused connection, HTTP 5xx/429); message translated."""


class _Final(Exception):
    """A final refusal (a SOAP Fault); ``code`` the fault code, message translated."""

    def __init__(self, message, code):
        super().__init__(message)
        self.code = code


class _RecordingTransport(zeep.transports.Transport):
    """zeep's transport that keeps the bytes of each exchange for the envelope log."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.exchange = {}

    def post(self, address, message, headers):
        self.exchange = {"request": message if isinstance(message, bytes) else message.encode("utf-8")}
        response = super().post(address, message, headers)
        self.exchange.update(status=response.status_code, response=response.content)
        return response


class MizInquiryRequest(models.Model):
    """An inquiry we make to another agency (outbound استعلام), through a persistent queue.

    Created ``queued`` (or ``paper_needed`` when its type has no electronic service); the cron
    :meth:`_cron_process_queue` claims due rows one at a time (``FOR UPDATE SKIP LOCKED``), each in its own
    transaction, and calls the responding agency: ``SubmitInquiry`` first, then ``GetInquiryResult`` while the
    answer is ``RECEIVED``. Transport errors and HTTP 5xx are retried with exponential backoff up to the type's
    attempts; a SOAP Fault is final (``failed``), except RATE_LIMITED/SERVER_ERROR, which ask to retry. The
    deadline is the type's SLA in working days of our agency's calendar; overdue inquiries raise an activity.
    ``action_file_paper`` registers an outgoing letter instead; the letter registered in reply to it answers.
    The clerk never waits on a remote agency.
    """

    _name = "miz.inquiry.request"
    _description = "Outbound Inquiry"
    _inherit = ["miz.guarded.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _miz_open_states = ()
    _miz_protected_fields = frozenset(
        {
            "name",
            "request_uuid",
            "agency_id",
            "attempt_count",
            "next_attempt_at",
            "last_attempt_at",
            "last_error",
            "fault_code",
            "remote_inquiry_id",
            "answer_code",
            "answer_text",
            "answer_values_json",
            "answered_at",
            "answered_request_sha256",
            "deadline_date",
            "overdue_notified",
            "letter_id",
            "reply_letter_id",
        }
    )

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    request_uuid = fields.Char(string="Request ID", readonly=True, copy=False, index=True)
    type_id = fields.Many2one(
        "miz.inquiry.type",
        string="Inquiry Type",
        required=True,
        tracking=True,
        domain=[("direction", "in", ("outbound", "both"))],
    )
    provider_agency_id = fields.Many2one(related="type_id.provider_agency_id")
    agency_id = fields.Many2one("miz.agency", string="Our Agency", readonly=True, index=True)
    subject_national_id = fields.Char(string="Subject's National Code", tracking=True)
    purpose_ref = fields.Char(string="Purpose (our case)", required=True, tracking=True)
    param_ids = fields.One2many("miz.inquiry.request.param", "request_id", string="Parameters", copy=True)
    origin_ref = fields.Reference(selection="_selection_origin_ref", string="Origin")
    state = fields.Selection(
        STATES, required=True, default="queued", readonly=True, copy=False, tracking=True, index=True
    )
    attempt_count = fields.Integer(string="Attempts", readonly=True, copy=False)
    next_attempt_at = fields.Datetime(string="Next Attempt", readonly=True, copy=False, index="btree_not_null")
    last_attempt_at = fields.Datetime(string="Last Attempt", readonly=True, copy=False)
    last_error = fields.Text(readonly=True, copy=False)
    fault_code = fields.Char(readonly=True, copy=False)
    remote_inquiry_id = fields.Char(string="Their Inquiry ID", readonly=True, copy=False)
    answer_code = fields.Char(readonly=True, copy=False, tracking=True)
    answer_text = fields.Text(string="Answer", readonly=True, copy=False)
    answer_values_json = fields.Text(readonly=True, copy=False)
    answer_display = fields.Text(string="Answer Details", compute="_compute_answer_display")
    answered_at = fields.Datetime(readonly=True, copy=False)
    answered_request_sha256 = fields.Char(
        string="Answered Request SHA-256", readonly=True, copy=False, help="Hash of our request this answer answers."
    )
    deadline_date = fields.Date(string="Deadline", readonly=True, copy=False)
    overdue_notified = fields.Boolean(readonly=True, copy=False)
    is_overdue = fields.Boolean(compute="_compute_is_overdue")
    letter_id = fields.Many2one("miz.secretariat.letter", string="Paper Letter", readonly=True, copy=False)
    reply_letter_id = fields.Many2one("miz.secretariat.letter", string="Reply Letter", readonly=True, copy=False)
    message_log_ids = fields.One2many(
        "miz.inquiry.message", "request_id", string="Envelopes", groups="miz_inquiry.group_miz_inquiry_user"
    )

    _sql_constraints = [("request_uuid_uniq", "unique(request_uuid)", "The request ID of an inquiry is unique.")]

    @api.model
    def _selection_origin_ref(self):
        return [(m.model, m.name) for m in self.env["ir.model"].sudo().search([("transient", "=", False)])]

    @api.depends("answer_values_json")
    def _compute_answer_display(self):
        for request in self:
            pairs = json.loads(request.answer_values_json or "[]")
            request.answer_display = "\n".join(f"{name}: {value}" for name, value in pairs)

    def _compute_is_overdue(self):
        today = jalali.to_local(fields.Datetime.now()).date()
        for request in self:
            request.is_overdue = bool(
                request.state in OPEN_STATES and request.deadline_date and request.deadline_date < today
            )

    def _miz_writable_fields(self):
        self.ensure_one()
        if self.state == "queued" and not self.attempt_count:
            return {"subject_national_id", "purpose_ref", "param_ids", "origin_ref"}
        return set()

    @api.model_create_multi
    def create(self, vals_list):
        requests_ = super().create(vals_list)
        now = fields.Datetime.now()
        today = jalali.to_local(now).date()
        for request in requests_:
            inquiry_type = request.type_id.sudo()
            if not inquiry_type._is_outbound():
                raise UserError(_("Inquiry type %s is not one we ask.", inquiry_type.display_name))
            agency = inquiry_type.agency_id
            vals = {
                "name": self.env["ir.sequence"].sudo().next_by_code("miz.inquiry.request") or "/",
                "request_uuid": str(uuid.uuid4()),
                "agency_id": agency.id,
                "deadline_date": agency.add_working_days(today, inquiry_type.sla_days) if agency else False,
            }
            if inquiry_type._is_electronic():
                vals["next_attempt_at"] = now
            else:
                vals["state"] = "paper_needed"
            request.sudo().write(vals)
        return requests_

    def unlink(self):
        if any(request.state != "queued" or request.attempt_count for request in self):
            raise UserError(_("Only an inquiry not yet sent can be deleted."))
        return super().unlink()

    # ------------------------------------------------------------------------------------------ actions
    def _miz_check_can_act(self):
        """Access rights and record rules of a write apply (an agency's inquiries are acted on by its people);
        the action then writes through sudo()."""
        self.check_access("write")

    def action_send_now(self):
        """Put a queued or failed inquiry at the front of the queue (the cron sends it; nobody waits here)."""
        self._miz_check_can_act()
        for request in self:
            if request.state not in ("queued", "sent", "failed") or not request.type_id.sudo()._is_electronic():
                raise UserError(_("Inquiry %s cannot be sent electronically in its current state.", request.name))
        for request in self:
            vals = {"next_attempt_at": fields.Datetime.now()}
            if request.state == "failed":
                vals.update(state="queued" if not request.remote_inquiry_id else "sent", attempt_count=0)
            request.sudo().write(vals)
        self.env.ref("miz_inquiry.ir_cron_miz_inquiry_queue").sudo()._trigger()
        return True

    def action_file_paper(self):
        """One click: an outgoing letter to the responding agency, approved and registered as the clicking user
        (the secretariat's rules apply: signatory, secretariat clerk of our agency). The letter registered in
        reply to it (``reply_to_id``) answers the inquiry."""
        self._miz_check_can_act()
        for request in self:
            if request.state not in ("paper_needed", "failed"):
                raise UserError(_("Only an inquiry to send on paper, or a failed one, is sent on paper."))
            if not request.type_id.sudo().provider_agency_id or not request.agency_id:
                raise UserError(
                    _(
                        "Set our agency and the responding agency of inquiry type %s first.",
                        request.type_id.display_name,
                    )
                )
        Letter = self.env["miz.secretariat.letter"]
        for request in self:
            inquiry_type = request.type_id.sudo()
            lines = [
                _(
                    "Please answer the inquiry %(type)s (our reference %(ref)s, case %(purpose)s).",
                    type=inquiry_type.name,
                    ref=request.name,
                    purpose=request.purpose_ref,
                )
            ]
            if request.subject_national_id:
                lines.append(_("Subject's national code: %s", request.subject_national_id))
            lines += [f"{param.name}: {param.value}" for param in request.param_ids]
            letter = Letter.create(
                [
                    {
                        "kind": "outgoing",
                        "agency_id": request.agency_id.id,
                        "subject": _("Inquiry %(type)s (%(ref)s)", type=inquiry_type.name, ref=request.name),
                        "body": Markup("").join(Markup("<p>%s</p>") % line for line in lines),
                        "recipient_agency_ids": [fields.Command.link(inquiry_type.provider_agency_id.id)],
                        "signatory_id": (inquiry_type.paper_signatory_id or self.env.user).id,
                        "delivery_channel": "post",
                        "origin_ref": f"{request._name},{request.id}",
                    }
                ]
            )
            letter.action_approve()
            letter.action_register()
            request.sudo().write({"letter_id": letter.id, "state": "paper", "next_attempt_at": False})
            request.message_post(body=_("Sent on paper: letter %s registered.", letter.name))
        return self.letter_id.get_formview_action() if len(self) == 1 else True

    def action_open_letter(self):
        self.ensure_one()
        return (self.reply_letter_id or self.letter_id).get_formview_action()

    # ------------------------------------------------------------------------------------------ queue
    @api.model
    def _cron_process_queue(self, limit=50):
        return self._miz_process_queue(limit=limit)

    @api.model
    def _miz_process_queue(self, limit=50, now=None):
        """Process due inquiries one at a time: claim a row with ``FOR UPDATE SKIP LOCKED`` (another cron worker
        takes the next one), call the agency, write the outcome, commit (outside tests). Returns the count."""
        auto_commit = not modules.module.current_test
        done = 0
        while done < limit:
            self.env.flush_all()
            self.env.cr.execute(
                """SELECT id FROM miz_inquiry_request
                    WHERE state IN ('queued', 'sent') AND next_attempt_at <= %s
                    ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED""",
                [now or fields.Datetime.now()],
            )
            row = self.env.cr.fetchone()
            if not row:
                break
            request = self.sudo().with_context(lang=self.env["miz.inquiry.inbound"]._fa_env().lang).browse(row[0])
            try:
                with self.env.cr.savepoint():
                    request._miz_process_one(now=now)
            except Exception:
                _logger.exception("outbound inquiry %s: unexpected error", request.name)
                request.write({"attempt_count": request.attempt_count + 1})
                request._miz_schedule_retry(_("Unexpected error while sending; it will be retried."), now)
            done += 1
            if auto_commit:
                # one transaction per inquiry (the account_edi / mail queue pattern): the row lock is released
                # and the outcome is kept even if a later inquiry of the batch fails
                self.env.cr.commit()  # pylint: disable=invalid-commit
        return done

    def _miz_process_one(self, now=None):
        self.ensure_one()
        now = now or fields.Datetime.now()
        operation = "SubmitInquiry" if self.state == "queued" else "GetInquiryResult"
        self.write({"attempt_count": self.attempt_count + 1, "last_attempt_at": now})
        try:
            answer = self._miz_call(operation)
        except _Transient as error:
            self._miz_schedule_retry(str(error), now)
            return
        except _Final as error:
            self.write(
                {"state": "failed", "last_error": str(error), "fault_code": error.code, "next_attempt_at": False}
            )
            self.message_post(body=_("The agency refused the inquiry: %s", str(error)))
            return
        self._miz_apply_answer(answer, now)

    def _miz_schedule_retry(self, message, now=None):
        now = now or fields.Datetime.now()
        if self.attempt_count >= self.type_id.sudo().max_attempts:
            self.write({"state": "failed", "last_error": message, "next_attempt_at": False})
            self.message_post(
                body=_("Sending failed after %(count)s attempts: %(error)s", count=self.attempt_count, error=message)
            )
            return
        base = int(self.env["ir.config_parameter"].sudo().get_param("miz_inquiry.retry_base_seconds", 60))
        delay = min(base * 2 ** max(self.attempt_count - 1, 0), MAX_BACKOFF_SECONDS)
        self.write({"last_error": message, "next_attempt_at": now + datetime.timedelta(seconds=delay)})

    def _miz_apply_answer(self, answer, now):
        status = answer["status"]
        vals = {"remote_inquiry_id": answer["inquiry_id"], "last_error": False, "fault_code": False}
        if status == "RECEIVED":
            minutes = max(self.type_id.sudo().poll_minutes, 1)
            vals.update(state="sent", next_attempt_at=now + datetime.timedelta(minutes=minutes), attempt_count=0)
            self.write(vals)
            return
        result = answer.get("result") or {}
        answered_at = result.get("answered_at")
        if answered_at and answered_at.tzinfo:
            answered_at = answered_at.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        vals.update(
            state="answered" if status == "ANSWERED" else "rejected",
            next_attempt_at=False,
            answer_code=result.get("code") or "",
            answer_text=result.get("text") or "",
            answer_values_json=json.dumps(list(result.get("values") or []), ensure_ascii=False),
            answered_at=answered_at or now,
            answered_request_sha256=answer.get("request_sha256"),
        )
        self.write(vals)
        self._miz_on_answered()

    def _miz_on_answered(self):
        """Hook: the inquiry was answered or rejected (the desk bridge tells the desk request)."""
        self.message_post(body=_("Answer received: %s", self.answer_code or "-"))

    def _miz_call(self, operation):
        """Call ``operation`` at the responding agency: ``{'inquiry_id', 'status', 'result', 'request_sha256'}``,
        or :class:`_Transient` / :class:`_Final`. The envelopes are logged (hashes only)."""
        self.ensure_one()
        inquiry_type = self.type_id.sudo()
        host = urlsplit(inquiry_type.endpoint_url or "").netloc
        transport = _RecordingTransport(timeout=inquiry_type.timeout, operation_timeout=inquiry_type.timeout)
        transport.session.adapters.pop("file://", None)
        started = time.monotonic()
        outcome, answer = "ERROR", None
        try:
            client = zeep.Client(
                file_path("miz_inquiry/static/wsdl/miz_inquiry.wsdl"),
                transport=transport,
                wsse=UsernameTokenWithNonce(inquiry_type.requester_code, inquiry_type.outbound_secret or ""),
                settings=zeep.Settings(forbid_dtd=True, forbid_entities=True, forbid_external=True),
            )
            service = client.create_service(BINDING, inquiry_type.endpoint_url)
            if operation == "SubmitInquiry":
                reply = service.SubmitInquiry(
                    requestId=self.request_uuid,
                    requesterAgencyCode=inquiry_type.requester_code,
                    inquiryType=inquiry_type.code,
                    subjectNationalId=self.subject_national_id or None,
                    purposeRef=self.purpose_ref,
                    params={"param": [{"name": p.name, "value": p.value or ""} for p in self.param_ids]},
                )
            else:
                reply = service.GetInquiryResult(
                    requestId=self.request_uuid, requesterAgencyCode=inquiry_type.requester_code
                )
            answer = _reply_dict(reply)
            answer["request_sha256"] = soap.sha256(transport.exchange.get("request"))
            outcome = answer["status"]
            return answer
        except zeep.exceptions.Fault as fault:
            detail = soap.fault_detail(fault.detail)
            status = transport.exchange.get("status") or 0
            if detail is None and (status >= 500 or status == 429):
                # not a fault of the service: an error page (proxy 502/503…) that happens to parse as XML
                outcome = f"HTTP_{status}"
                raise _Transient(_("The inquiry service of the agency returned HTTP error %s.", status)) from None
            code, field = detail or ("SERVER_ERROR", "")
            outcome = code
            message = _(
                "%(code)s: %(message)s", code=code, message=(fault.message or "") + (f" ({field})" if field else "")
            )
            if code in RETRIED_FAULTS:
                raise _Transient(message) from None
            raise _Final(message, code) from None
        except requests.exceptions.Timeout:
            outcome = "TIMEOUT"
            raise _Transient(_("The agency did not answer within %s seconds.", inquiry_type.timeout)) from None
        except requests.exceptions.ConnectionError:
            outcome = "CONNECTION"
            raise _Transient(_("Cannot connect to the inquiry service of the agency (%s).", host)) from None
        except zeep.exceptions.TransportError as error:
            outcome = f"HTTP_{error.status_code}"
            if error.status_code >= 500 or error.status_code == 429:
                raise _Transient(
                    _("The inquiry service of the agency returned HTTP error %s.", error.status_code)
                ) from None
            raise _Final(
                _("The inquiry service of the agency returned HTTP error %s.", error.status_code), outcome
            ) from None
        except (zeep.exceptions.Error, etree.LxmlError, requests.exceptions.RequestException, ValueError) as error:
            outcome = "INVALID_ANSWER"
            _logger.warning("outbound inquiry %s to %s: invalid answer: %s", self.name, host, error)
            raise _Transient(_("The answer of the agency (%s) is not valid.", host)) from None
        finally:
            transport.session.close()
            exchange = transport.exchange
            self.env["miz.inquiry.message"]._miz_log(
                {
                    "direction": "out",
                    "operation": operation,
                    "peer": host,
                    "request_id": self.id,
                    "agency_id": self.agency_id.id,
                    "outcome": outcome,
                    "http_status": exchange.get("status") or 0,
                    "request_sha256": soap.sha256(exchange["request"]) if exchange.get("request") else False,
                    "response_sha256": soap.sha256(exchange["response"]) if exchange.get("response") else False,
                    "duration_ms": int((time.monotonic() - started) * 1000),
                }
            )

    # ------------------------------------------------------------------------------------------ paper answers
    def _miz_complete_from_reply(self, reply):
        """The letter registered in reply to our paper letter answers the inquiry."""
        text = html2plaintext(reply.body or "").strip() or reply.subject
        self.write(
            {
                "state": "answered",
                "answer_code": "ANSWERED_BY_LETTER",
                "answer_text": text[:4000],
                "answer_values_json": json.dumps(
                    [["letterNumber", reply.name], ["senderNumber", reply.sender_number or ""]], ensure_ascii=False
                ),
                "answered_at": fields.Datetime.now(),
                "reply_letter_id": reply.id,
            }
        )
        self._miz_on_answered()

    # ------------------------------------------------------------------------------------------ deadline
    @api.model
    def _cron_overdue(self):
        """An activity on each open inquiry past its deadline (once), for the person who asked it."""
        today = jalali.to_local(fields.Datetime.now()).date()
        overdue = self.sudo().search(
            [("state", "in", OPEN_STATES), ("deadline_date", "<", today), ("overdue_notified", "=", False)]
        )
        for request in overdue:
            request.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_("Inquiry %s is overdue", request.name),
                note=_("The answer was due on %s.", jalali.format_date(request.deadline_date)),
                user_id=request.create_uid.id or self.env.uid,
            )
        overdue.write({"overdue_notified": True})
        return len(overdue)


def _reply_dict(reply):
    """The zeep reply object as ``{'inquiry_id', 'status', 'result'}``."""
    status = getattr(reply, "status", None) or ""
    if status not in soap.STATUSES:
        raise ValueError(f"unknown status {status!r}")
    node = getattr(reply, "result", None)
    result = None
    if node is not None:
        pairs = getattr(getattr(node, "values", None), "value", None) or []
        result = {
            "code": node.answerCode or "",
            "text": node.answerText or "",
            "values": [(pair.name or "", pair.value or "") for pair in pairs],
            "answered_at": node.answeredAt,
        }
    return {"inquiry_id": getattr(reply, "inquiryId", "") or "", "status": status, "result": result}


class MizInquiryRequestParam(models.Model):
    """A name/value pair sent with an outbound inquiry (declared by its type)."""

    _name = "miz.inquiry.request.param"
    _description = "Outbound Inquiry Parameter"
    _order = "request_id, id"

    request_id = fields.Many2one("miz.inquiry.request", required=True, ondelete="cascade", index=True)
    name = fields.Char(required=True)
    value = fields.Char()
