"""Iranian SMS providers behind Odoo's own SMS queue (``sms.sms``).

Kinds:
- ``log``: writes the message to the server log and reports it *not delivered* ("no SMS provider is
  configured"), so the chatter of the record shows the SMS in error instead of sent; no network (the default
  until a real provider is configured).
- ``kavenegar``: Kavenegar REST API, ``POST {base_url}/v1/{api_key}/sms/send.json`` with ``receptor``,
  ``message`` and ``sender``; the answer is ``{"return": {"status": 200, "message": ...}, "entries": [...]}``,
  errors come with another ``return.status`` (and the same HTTP status), e.g. 411 invalid receptor,
  412 invalid sender, 418 insufficient credit.
- ``http``: any gateway reachable by one HTTP request; URL (and POST body) templates with ``{to}``,
  ``{message}``, ``{sender}`` and ``{api_key}``; success is the HTTP status (and, optionally, a regular
  expression the answer must match).

``_miz_send(number, body)`` never raises: it returns a ``SendResult`` so the queue can store the reason.
The API key never leaves in a reason, a chatter message or the log: every text built from an answer or an
exception goes through :meth:`MizSmsProvider._miz_scrub` (Kavenegar puts the key in the URL, which
``requests`` repeats in its exceptions), and urllib3's debug log of the URL is filtered.
"""

import collections
import json
import logging
import re
import threading
import traceback
from collections import namedtuple
from urllib.parse import quote, quote_plus

import requests

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

_logger = logging.getLogger(__name__)

KAVENEGAR_URL = "https://api.kavenegar.com"
REDACTED = "***"
_KAVENEGAR_KEY_IN_PATH = re.compile(r"(/v1/)[^/\s\"']+(/sms/)")


# the keys of the messages being sent right now (every encoded form), hidden from urllib3's debug log
_SECRETS_IN_FLIGHT = collections.Counter()
_SECRETS_LOCK = threading.Lock()


def _key_forms(key):
    return sorted({key, quote(key, safe=""), quote_plus(key), quote(key)}, key=len, reverse=True) if key else []


def scrub(text, secrets=()):
    """``text`` without any of ``secrets`` nor a Kavenegar key path (``/v1/<key>/sms/``)."""
    text = str(text or "")
    for secret in secrets:
        text = text.replace(secret, REDACTED)
    return _KAVENEGAR_KEY_IN_PATH.sub(rf"\1{REDACTED}\2", text)


class _ApiKeyLogFilter(logging.Filter):
    """urllib3 logs each request line (URL included) at debug level: hide the API keys in it."""

    def filter(self, record):
        with _SECRETS_LOCK:
            secrets = sorted(_SECRETS_IN_FLIGHT, key=len, reverse=True)
        message = record.getMessage()
        cleaned = scrub(message, secrets)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


logging.getLogger("urllib3.connectionpool").addFilter(_ApiKeyLogFilter())

SendResult = namedtuple("SendResult", "ok failure_type error retry")
_PLACEHOLDER = re.compile(r"\{(to|message|sender|api_key)\}")


def fill_template(template, values):
    """Replace ``{to}``, ``{message}``, ``{sender}``, ``{api_key}`` (other braces, e.g. JSON, stay as they are)."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


# Kavenegar ``return.status`` → (sms.sms failure_type, retry later?)
KAVENEGAR_ERRORS = {
    400: ("unknown", False),  # incomplete parameters
    401: ("sms_acc", True),  # account disabled
    402: ("sms_server", True),  # operation failed
    403: ("sms_acc", True),  # invalid API key
    404: ("unknown", False),  # unknown method
    405: ("unknown", False),  # wrong HTTP method
    406: ("unknown", False),  # mandatory parameters missing
    407: ("sms_acc", True),  # access denied
    409: ("sms_server", True),  # server cannot answer now
    411: ("sms_number_format", False),  # invalid receptor
    412: ("sms_acc", True),  # invalid sender line
    413: ("unknown", False),  # empty or too long message
    414: ("unknown", False),  # too many receptors
    416: ("sms_acc", True),  # caller IP not allowed
    418: ("sms_credit", True),  # insufficient credit
    422: ("unknown", False),  # invalid characters in the message
}


class MizSmsProvider(models.Model):
    _name = "miz.sms.provider"
    _description = "SMS Provider"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10, help="The first active provider is the default one.")
    active = fields.Boolean(default=True)
    kind = fields.Selection(
        [("log", "Log only (development)"), ("kavenegar", "Kavenegar"), ("http", "Generic HTTP")],
        required=True,
        default="log",
    )
    base_url = fields.Char(
        "Base URL", help="Kavenegar: overrides https://api.kavenegar.com (a local gateway or a test server)."
    )
    api_key = fields.Char("API key", groups="base.group_system", copy=False)
    sender = fields.Char("Sender line", help="Number of the sending line, e.g. 10004346.")
    timeout = fields.Float(default=10.0, help="Seconds to wait for the provider before giving up.")
    max_attempts = fields.Integer(
        default=5, help="How many times the queue tries a message before leaving it in error for good."
    )
    http_url = fields.Char(
        "URL template",
        help="Generic HTTP: URL with {to}, {message}, {sender}, {api_key}, e.g. "
        "https://sms.example.ir/send?to={to}&text={message}",
    )
    http_method = fields.Selection([("GET", "GET"), ("POST", "POST")], "Method", default="POST")
    http_body = fields.Text(
        "Body template", help="Generic HTTP, POST: body with the same placeholders (form-encoded or JSON)."
    )
    http_body_type = fields.Selection(
        [("form", "Form (application/x-www-form-urlencoded)"), ("json", "JSON")], "Body type", default="form"
    )
    http_success_codes = fields.Char("Success HTTP codes", default="200", help="Comma-separated, e.g. 200,201.")
    http_success_regex = fields.Char(
        "Success pattern", help="Optional regular expression the answer body must contain to count as sent."
    )
    sms_count = fields.Integer(compute="_compute_sms_count", string="Messages")

    def _compute_sms_count(self):
        counts = dict(
            self.env["sms.sms"]._read_group([("miz_provider_id", "in", self.ids)], ["miz_provider_id"], ["__count"])
        )
        for provider in self:
            provider.sms_count = counts.get(provider, 0)

    @api.constrains("kind", "http_url", "http_success_regex", "http_success_codes", "timeout", "max_attempts")
    def _check_config(self):
        for provider in self:
            if provider.timeout <= 0:
                raise ValidationError(_("The timeout of an SMS provider must be positive."))
            if provider.max_attempts < 1:
                raise ValidationError(_("An SMS provider must try each message at least once."))
            if provider.kind != "http":
                continue
            if not provider.http_url or not provider.http_url.startswith(("http://", "https://")):
                raise ValidationError(_("A generic HTTP provider needs a URL template starting with http(s)://."))
            try:
                provider._http_success_codes()
            except ValueError as exc:
                raise ValidationError(_("Success HTTP codes must be numbers separated by commas.")) from exc
            if provider.http_success_regex:
                try:
                    re.compile(provider.http_success_regex)
                except re.error as exc:
                    raise ValidationError(_("The success pattern is not a valid regular expression: %s", exc)) from exc

    # ------------------------------------------------------------------ business
    @api.model
    def _get_default(self):
        """The provider used when a message names none: the first active one by sequence."""
        return self.sudo().search([], limit=1)

    def _miz_scrub(self, text):
        """``text`` without the API key (as typed, URL-encoded or form-encoded) nor a Kavenegar key path."""
        return scrub(text, _key_forms(self.sudo().api_key))

    def _miz_send(self, number, body):
        """Send one message to ``number`` (``09xxxxxxxxx``); return a ``SendResult`` (never raises) whose reason
        never contains the API key."""
        self.ensure_one()
        provider = self.sudo()
        forms = _key_forms(provider.api_key)
        with _SECRETS_LOCK:
            _SECRETS_IN_FLIGHT.update(forms)
        try:
            result = provider._miz_send_raw(number, body)
        finally:
            with _SECRETS_LOCK:
                _SECRETS_IN_FLIGHT.subtract(forms)
                for form in forms:
                    if _SECRETS_IN_FLIGHT[form] <= 0:
                        del _SECRETS_IN_FLIGHT[form]
        if result.error:
            result = result._replace(error=provider._miz_scrub(result.error))
        return result

    def _miz_send_raw(self, number, body):
        try:
            return getattr(self, f"_send_{self.kind}")(number, body or "")
        except requests.Timeout:
            return SendResult(
                False,
                "sms_server",
                _(
                    "No answer from %(provider)s within %(timeout)s seconds (timeout).",
                    provider=self.name,
                    timeout=self.timeout,
                ),
                True,
            )
        except requests.RequestException as exc:
            return SendResult(
                False,
                "sms_server",
                _("Cannot reach %(provider)s: %(error)s", provider=self.name, error=self._miz_scrub(exc)),
                True,
            )
        except Exception as exc:
            # the traceback is logged, scrubbed: exceptions of HTTP libraries repeat the URL (and so the key)
            _logger.error("SMS provider %s failed: %s", self.name, self._miz_scrub(traceback.format_exc()))
            return SendResult(False, "unknown", _("Unexpected error: %s", self._miz_scrub(exc)), True)

    def _send_log(self, number, body):
        """Nothing is sent: the message goes to the server log and is reported not delivered (not retried)."""
        _logger.info("SMS (log-only provider %s, not delivered) to %s: %s", self.name, number, body)
        return SendResult(
            False,
            "sms_acc",
            _("Not delivered: no SMS provider is configured (the message was only written to the server log)."),
            False,
        )

    def _send_kavenegar(self, number, body):
        if not self.api_key:
            return SendResult(False, "sms_acc", _("The Kavenegar provider has no API key."), False)
        url = "%s/v1/%s/sms/send.json" % ((self.base_url or KAVENEGAR_URL).rstrip("/"), quote(self.api_key, safe=""))
        data = {"receptor": number, "message": body}
        if self.sender:
            data["sender"] = self.sender
        response = requests.post(url, data=data, timeout=self.timeout)
        try:
            answer = response.json()
            status = int(answer["return"]["status"])
            message = answer["return"].get("message") or ""
        except (ValueError, KeyError, TypeError):
            return SendResult(
                False,
                "sms_server",
                _(
                    "Kavenegar answered HTTP %(code)s without a readable body: %(body)s",
                    code=response.status_code,
                    body=response.text[:200],
                ),
                True,
            )
        if status == 200:
            entries = answer.get("entries") or []
            # entry status 6/11/13/14/100: refused by the operator or cancelled
            failed = [e for e in entries if int(e.get("status", 1)) in (6, 11, 13, 14, 100)]
            if failed:
                return SendResult(
                    False,
                    "sms_server",
                    _("Kavenegar refused the message: %s", failed[0].get("statustext") or failed[0].get("status")),
                    True,
                )
            return SendResult(True, False, False, False)
        failure_type, retry = KAVENEGAR_ERRORS.get(status, ("sms_server" if status >= 500 else "unknown", True))
        return SendResult(
            False, failure_type, _("Kavenegar error %(status)s: %(message)s", status=status, message=message), retry
        )

    def _http_success_codes(self):
        return {int(code) for code in (self.http_success_codes or "200").split(",") if code.strip()}

    def _send_http(self, number, body):
        values = {"to": number, "message": body, "sender": self.sender or "", "api_key": self.api_key or ""}
        url = fill_template(self.http_url, {k: quote(v, safe="") for k, v in values.items()})
        kwargs = {}
        if self.http_method == "POST" and self.http_body:
            if self.http_body_type == "json":
                escaped = {k: json.dumps(v, ensure_ascii=False)[1:-1] for k, v in values.items()}
                kwargs["data"] = fill_template(self.http_body, escaped).encode()
                kwargs["headers"] = {"Content-Type": "application/json; charset=utf-8"}
            else:
                kwargs["data"] = fill_template(self.http_body, {k: quote(v, safe="") for k, v in values.items()})
                kwargs["headers"] = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
        response = requests.request(self.http_method or "POST", url, timeout=self.timeout, **kwargs)
        if response.status_code not in self._http_success_codes():
            retry = response.status_code >= 500 or response.status_code in (408, 429)
            return SendResult(
                False,
                "sms_server",
                _(
                    "%(provider)s answered HTTP %(code)s: %(body)s",
                    provider=self.name,
                    code=response.status_code,
                    body=response.text[:200],
                ),
                retry,
            )
        if self.http_success_regex and not re.search(self.http_success_regex, response.text):
            return SendResult(
                False,
                "sms_server",
                _("%(provider)s did not confirm the message: %(body)s", provider=self.name, body=response.text[:200]),
                True,
            )
        return SendResult(True, False, False, False)

    # ------------------------------------------------------------------ actions
    def action_view_sms(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("miz_base.sms_sms_action_miz_queue")
        action["domain"] = [("miz_provider_id", "=", self.id)]
        return action
