import logging
import time
from datetime import timezone
from urllib.parse import urlsplit

import requests
import zeep
import zeep.cache
import zeep.exceptions
import zeep.transports
from lxml import etree
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import soap

_logger = logging.getLogger(__name__)

# Loaded WSDL documents are kept 10 minutes (class-level storage shared by every instance).
_WSDL_CACHE = zeep.cache.InMemoryCache(timeout=600)

STATES = [
    ("draft", "Draft"),
    ("sent", "Sent (awaiting answer)"),
    ("answered", "Answered"),
    ("failed", "Failed"),
    ("paper", "Sent on Paper"),
]


# Fields a person types in, by state; everything else (number, state, dates, answer status, letter, agency) is
# written only by the actions below, through sudo() after their checks.
EDITABLE_BY_STATE = {
    "draft": frozenset({"type_id", "key", "origin_ref"}),
    "paper": frozenset({"response_payload"}),
}


class InquiryCallError(Exception):
    """A failed call to the provider; ``message`` is already translated for the user."""


class MizInquiryRequest(models.Model):
    """An inquiry we make to another agency (outbound استعلام), over its SOAP service or, failing that, on paper.

    ``action_send`` calls the provider's ``Inquire`` operation; every failure (fault, timeout, refused connection,
    invalid answer) leaves the request ``failed`` with a Persian message, and ``action_send`` retries it. A provider
    that answers ``pending`` leaves it ``sent``: sending again asks for the answer with the same ``request_id``.
    ``action_file_paper`` drafts an outgoing letter in the secretariat instead (the fallback of the directive).
    """

    _name = "miz.inquiry.request"
    _description = "Outbound Inquiry"
    _inherit = ["miz.guarded.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _miz_protected_fields = frozenset(
        {
            "name",
            "agency_id",
            "response_status",
            "error_message",
            "sent_at",
            "answered_at",
            "elapsed_ms",
            "attempt_count",
            "letter_id",
        }
    )

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    type_id = fields.Many2one(
        "miz.inquiry.type",
        string="Inquiry Type",
        required=True,
        tracking=True,
        domain=[("direction", "in", ("outbound", "both"))],
    )
    provider_agency_id = fields.Many2one(related="type_id.provider_agency_id")
    agency_id = fields.Many2one(
        "miz.agency",
        string="Our Agency",
        compute="_compute_agency_id",
        store=True,
        index=True,
        help="The agency that asks: its people see the inquiry (the agency of the type when it was chosen).",
    )
    key = fields.Char(
        string="Subject Key", required=True, tracking=True, help="National code or other key asked about."
    )
    origin_ref = fields.Reference(
        selection="_selection_origin_ref", string="Origin", help="The document that needs this inquiry."
    )
    state = fields.Selection(STATES, required=True, default="draft", readonly=True, copy=False, tracking=True)
    response_status = fields.Char(readonly=True, copy=False)
    response_payload = fields.Text(string="Answer", copy=False, tracking=True)
    error_message = fields.Text(readonly=True, copy=False)
    sent_at = fields.Datetime(string="Last Sent", readonly=True, copy=False)
    answered_at = fields.Datetime(readonly=True, copy=False)
    elapsed_ms = fields.Integer(string="Elapsed (ms)", readonly=True, copy=False)
    attempt_count = fields.Integer(string="Attempts", readonly=True, copy=False)
    letter_id = fields.Many2one("miz.secretariat.letter", string="Paper Letter", readonly=True, copy=False)

    @api.model
    def _selection_origin_ref(self):
        return [(m.model, m.name) for m in self.env["ir.model"].sudo().search([("transient", "=", False)])]

    @api.depends("type_id")
    def _compute_agency_id(self):
        for request in self:
            request.agency_id = request.type_id.sudo().agency_id

    def _miz_writable_fields(self):
        self.ensure_one()
        return set(EDITABLE_BY_STATE.get(self.state, frozenset())) | set(self._miz_free_fields)

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        # the reference comes from the sequence only (a caller's "name" was refused by the mixin)
        for request in requests:
            if request.name in (False, "/"):
                request.sudo().name = self.env["ir.sequence"].sudo().next_by_code("miz.inquiry.request") or "/"
        return requests

    def unlink(self):
        if any(request.state != "draft" for request in self):
            raise UserError(_("Only draft inquiries can be deleted."))
        return super().unlink()

    # ------------------------------------------------------------------------------------------ actions
    def _miz_check_can_act(self):
        """The caller may act on these inquiries: the access rights and record rules of a write apply
        (an agency's inquiries are acted on by its people), then the action writes through sudo()."""
        self.check_access("write")

    def action_send(self):
        """Call the provider (first send, retry after a failure, or ask again for a pending answer)."""
        self._miz_check_can_act()
        for request in self:
            if request.state not in ("draft", "failed", "sent"):
                raise UserError(_("Inquiry %s cannot be sent in its current state.", request.name))
            if not request.type_id._is_outbound():
                raise UserError(_("Inquiry type %s is not one we ask.", request.type_id.display_name))
        for request in self:
            request._send()
        return True

    def action_retry(self):
        return self.action_send()

    def action_reset_draft(self):
        for request in self:
            if request.state != "failed":
                raise UserError(_("Only a failed inquiry can be reset to draft."))
        self._miz_check_can_act()
        self.sudo().write({"state": "draft", "error_message": False})
        return True

    def action_file_paper(self):
        """Fallback: draft an outgoing letter to the provider agency in the secretariat (signed, numbered and
        sent there as any letter); the answer is recorded later with :meth:`action_mark_answered`."""
        self._miz_check_can_act()
        Letter = self.env["miz.secretariat.letter"]
        for request in self:
            if request.state not in ("draft", "failed"):
                raise UserError(_("Only a draft or failed inquiry can be sent on paper."))
            inquiry_type = request.type_id
            if not inquiry_type.provider_agency_id:
                raise UserError(_("Set the provider agency of inquiry type %s first.", inquiry_type.display_name))
            vals = {
                "kind": "outgoing",
                "subject": _("Inquiry %(type)s: %(key)s", type=inquiry_type.name, key=request.key),
                "body": Markup("<p>%s</p>")
                % _(
                    "Please answer the inquiry %(type)s about %(key)s (our reference %(ref)s).",
                    type=inquiry_type.name,
                    key=request.key,
                    ref=request.name,
                ),
                "recipient_agency_ids": [fields.Command.link(inquiry_type.provider_agency_id.id)],
                "delivery_channel": "post",
                "origin_ref": f"{request._name},{request.id}",
            }
            if inquiry_type.agency_id:
                vals["agency_id"] = inquiry_type.agency_id.id
            letter = Letter.create([vals])
            request.sudo().write({"letter_id": letter.id, "state": "paper"})
            request.message_post(body=_("Drafted outgoing letter %s for the paper inquiry.", letter.display_name))
        return self.action_open_letter() if len(self) == 1 else True

    def action_mark_answered(self):
        """Record the answer of a paper inquiry, written in ``Answer``."""
        for request in self:
            if request.state != "paper":
                raise UserError(_("Only an inquiry sent on paper is answered by hand."))
            if not (request.response_payload or "").strip():
                raise UserError(_("Write the answer received on paper first."))
        self._miz_check_can_act()
        self.sudo().write({"state": "answered", "answered_at": fields.Datetime.now(), "response_status": "answered"})
        return True

    def action_open_letter(self):
        self.ensure_one()
        return self.letter_id.get_formview_action()

    # ------------------------------------------------------------------------------------------ business
    def _send(self):
        self.ensure_one()
        started = time.monotonic()
        now = fields.Datetime.now()
        try:
            result = self._call_provider()
        except InquiryCallError as error:
            self.sudo().write(
                {
                    "state": "failed",
                    "error_message": str(error),
                    "sent_at": now,
                    "elapsed_ms": int((time.monotonic() - started) * 1000),
                    "attempt_count": self.attempt_count + 1,
                }
            )
            return False
        vals = {
            "sent_at": now,
            "elapsed_ms": int((time.monotonic() - started) * 1000),
            "attempt_count": self.attempt_count + 1,
            "response_status": result["status"],
            "response_payload": result["answer"],
            "error_message": False,
        }
        if result["status"] == "answered":
            answered_at = result["answered_at"]
            if answered_at and answered_at.tzinfo:
                answered_at = answered_at.astimezone(timezone.utc).replace(tzinfo=None)
            vals.update(state="answered", answered_at=answered_at or now)
        elif result["status"] == "pending":
            vals.update(state="sent")
        else:
            vals.update(
                state="failed",
                error_message=_("The agency answered with an unknown status: %s", result["status"]),
            )
        self.sudo().write(vals)
        return True

    def _call_provider(self):
        """Call ``Inquire`` on the provider: ``{'status', 'answer', 'answered_at'}`` or :class:`InquiryCallError`."""
        self.ensure_one()
        inquiry_type = self.type_id.sudo()
        host = urlsplit(inquiry_type.wsdl_url or "").netloc
        transport = zeep.transports.Transport(
            cache=_WSDL_CACHE, timeout=inquiry_type.timeout, operation_timeout=inquiry_type.timeout
        )
        transport.session.adapters.pop("file://", None)  # a WSDL must never read the server's files
        try:
            client = zeep.Client(
                inquiry_type.wsdl_url,
                transport=transport,
                settings=zeep.Settings(forbid_dtd=True, forbid_entities=True, forbid_external=True),
            )
            headers = {soap.TOKEN_HTTP_HEADER: inquiry_type.outbound_token or ""}
            with client.settings(extra_http_headers=headers):
                result = client.service.Inquire(
                    type_code=inquiry_type.code,
                    key=self.key,
                    requester_agency_code=inquiry_type.requester_code,
                    request_id=self.name,
                )
        except zeep.exceptions.Fault as fault:
            raise InquiryCallError(_("The agency refused the inquiry: %s", fault.message or fault.code)) from None
        except requests.exceptions.Timeout:
            raise InquiryCallError(
                _("The agency did not answer within %s seconds; try again later.", inquiry_type.timeout)
            ) from None
        except requests.exceptions.ConnectionError:
            raise InquiryCallError(_("Cannot connect to the inquiry service of the agency (%s).", host)) from None
        except (requests.exceptions.HTTPError, zeep.exceptions.TransportError) as error:
            status = getattr(error, "status_code", None) or getattr(getattr(error, "response", None), "status_code", "")
            raise InquiryCallError(_("The inquiry service of the agency returned HTTP error %s.", status)) from None
        except (zeep.exceptions.Error, etree.LxmlError, requests.exceptions.RequestException, ValueError) as error:
            _logger.warning("Inquiry %s to %s: invalid service or answer: %s", self.name, host, error)
            raise InquiryCallError(
                _("The inquiry service of the agency (%s) or its answer is not valid.", host)
            ) from None
        except Exception:
            _logger.exception("Inquiry %s to %s failed unexpectedly", self.name, host)
            raise InquiryCallError(_("The inquiry could not be sent because of an unexpected error.")) from None
        finally:
            transport.session.close()
        return {
            "status": getattr(result, "status", None) or "",
            "answer": getattr(result, "answer", None) or "",
            "answered_at": getattr(result, "answered_at", None),
        }
