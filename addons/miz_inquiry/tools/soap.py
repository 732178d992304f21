"""SOAP 1.1 (document/literal) envelopes of the miz inquiry service, contract v2 — no Odoo import.

The contract (``readme/USAGE.md``, ``static/wsdl/miz_inquiry.wsdl``), namespace :data:`NS_TNS`::

    SubmitInquiry(requestId, requesterAgencyCode, inquiryType, subjectNationalId?, purposeRef, params[])
        -> SubmitInquiryResponse(inquiryId, status, result?)
    GetInquiryResult(requestId, requesterAgencyCode) -> GetInquiryResultResponse(inquiryId, status, result?)

``status`` is one of :data:`STATUSES`; ``result`` = ``answerCode``, ``answerText`` (Persian), ``values`` (name/value
pairs), ``answeredAt`` (xsd:dateTime, UTC). The caller authenticates with an OASIS WS-Security UsernameToken in the
SOAP header: ``Username`` (its agency code), ``Password`` of type PasswordText, ``Nonce`` (base64) and
``wsu:Created``. Refusals are SOAP Faults whose ``detail`` carries ``tns:InquiryFault`` = ``code`` (one of
:data:`FAULT_CODES`) and, for ``INVALID_REQUEST``, the ``field`` at fault.

Public functions:
- ``parse_request(data) -> Call``: the operation, its fields, params and UsernameToken; :class:`SoapFault` on
  malformed XML, DOCTYPE, a body too large, a missing or too long element.
- ``check_created(created, now, window)``: :class:`SoapFault` ``MESSAGE_EXPIRED`` outside ``now ± window``.
- ``content_hash(fields, params)``: SHA-256 of what a SubmitInquiry asks (the idempotency comparison).
- ``build_submit``/``build_get`` (requests, for tests and tools), ``build_response``, ``build_fault``;
  ``parse_response``, ``parse_fault``: the other direction.
- ``read_limited(stream, limit)``: a body read in chunks, never more than ``limit + 1`` bytes (chunked bodies too).
- ``render_wsdl(template, address)``: the WSDL with its service address filled in.
- ``sha256(data)``: hex digest of an envelope (the message log keeps it, not the body).
"""

import base64
import dataclasses
import datetime
import hashlib
import json
import os
import re

from lxml import etree

NS_SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
NS_TNS = "urn:miz:inquiry:v2"
NS_WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
NS_WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
PASSWORD_TEXT = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText"
PASSWORD_DIGEST = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest"
BASE64_BINARY = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary"
OPERATIONS = ("SubmitInquiry", "GetInquiryResult")
SOAP_ACTIONS = {op: f"{NS_TNS}#{op}" for op in OPERATIONS}
ADDRESS_PLACEHOLDER = "__MIZ_INQUIRY_SOAP_ADDRESS__"
MAX_REQUEST_BYTES = 64 * 1024
MAX_FIELD_CHARS = 256
MAX_PARAMS = 20
CREATED_WINDOW = datetime.timedelta(minutes=5)
STATUSES = ("RECEIVED", "ANSWERED", "REJECTED")

# machine-readable fault code -> SOAP 1.1 faultcode (Client: the caller must change something; Server: retry later)
FAULT_CODES = {
    "MALFORMED": "Client",
    "TOO_LARGE": "Client",
    "AUTH_FAILED": "Client",
    "MESSAGE_EXPIRED": "Client",
    "NONCE_REPLAYED": "Client",
    "RATE_LIMITED": "Client",
    "INVALID_REQUEST": "Client",
    "TYPE_NOT_GRANTED": "Client",
    "UNKNOWN_INQUIRY": "Client",
    "DUPLICATE_CONFLICT": "Client",
    "SERVER_ERROR": "Server",
}

SUBMIT_FIELDS = ("requestId", "requesterAgencyCode", "inquiryType", "subjectNationalId", "purposeRef")
SUBMIT_REQUIRED = ("requestId", "requesterAgencyCode", "inquiryType", "purposeRef")
GET_FIELDS = ("requestId", "requesterAgencyCode")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$")
_DOCTYPE = re.compile(rb"<!\s*DOCTYPE|<!\s*ENTITY", re.IGNORECASE)

_NSMAP = {"soap": NS_SOAP, "tns": NS_TNS}


class SoapFault(Exception):
    """A refusal to send back as a SOAP Fault: ``code`` in :data:`FAULT_CODES`, ``field`` for INVALID_REQUEST,
    ``message`` an English explanation for logs (the service sends its own Persian ``faultstring``)."""

    def __init__(self, code, message="", field=""):
        if code not in FAULT_CODES:
            raise ValueError(f"Unknown fault code {code!r}")
        super().__init__(message or code)
        self.code = code
        self.field = field
        self.message = message or code

    @property
    def soap_code(self):
        return FAULT_CODES[self.code]


@dataclasses.dataclass(frozen=True)
class UsernameToken:
    username: str
    password: str
    password_type: str
    nonce: str  # base64 text as sent
    created: datetime.datetime | None  # aware, UTC


@dataclasses.dataclass(frozen=True)
class Call:
    operation: str
    fields: dict
    params: tuple = ()  # ((name, value), ...) in the order sent
    token: UsernameToken | None = None


def sha256(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data or b"").hexdigest()


def read_limited(stream, limit=MAX_REQUEST_BYTES, chunk=16384):
    """Read ``stream`` to its end but never more than ``limit + 1`` bytes; the caller refuses ``len > limit``."""
    parts, size = [], 0
    while size <= limit:
        block = stream.read(min(chunk, limit + 1 - size))
        if not block:
            break
        parts.append(block)
        size += len(block)
    return b"".join(parts)


def _parser():
    # No entities, no DTD loading, no network: a SOAP body is data, never a way to read the server's files.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


def _parse_xml(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not data or not data.strip():
        raise SoapFault("MALFORMED", "Empty request body")
    if len(data) > MAX_REQUEST_BYTES:
        raise SoapFault("TOO_LARGE", f"Request larger than {MAX_REQUEST_BYTES} bytes")
    if _DOCTYPE.search(data):
        raise SoapFault("MALFORMED", "DOCTYPE/ENTITY is not allowed in a SOAP message")
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise SoapFault("MALFORMED", f"Malformed XML: {exc}") from None
    if root.getroottree().docinfo.doctype:
        raise SoapFault("MALFORMED", "DOCTYPE is not allowed in a SOAP message")
    return root


def _envelope_parts(data):
    root = _parse_xml(data)
    if root.tag != f"{{{NS_SOAP}}}Envelope":
        raise SoapFault("MALFORMED", "Not a SOAP 1.1 envelope")
    header = root.find("soap:Header", _NSMAP)
    body = root.find("soap:Body", _NSMAP)
    if body is None:
        raise SoapFault("MALFORMED", "SOAP envelope without Body")
    return header, body


def _child(parent, name, ns=NS_TNS):
    element = parent.find(f"{{{ns}}}{name}")
    if element is None and ns == NS_TNS:
        element = parent.find(name)  # tolerate unqualified children (hand-written clients)
    return element


def _text(parent, name, ns=NS_TNS):
    element = _child(parent, name, ns)
    if element is None:
        return None
    return (element.text or "").strip()


def parse_datetime(value):
    """An xsd:dateTime (``Z``, an offset, or none = UTC) as an aware UTC datetime; ``ValueError`` if invalid."""
    value = (value or "").strip()
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    parsed = datetime.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.timezone.utc)
    return parsed.astimezone(datetime.timezone.utc)


def format_datetime(value):
    """ISO 8601 in UTC with a ``Z`` (xsd:dateTime); naive datetimes are taken as UTC (Odoo's convention)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value.astimezone(datetime.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_token(header):
    if header is None:
        return None
    security = header.find(f"{{{NS_WSSE}}}Security")
    token = security.find(f"{{{NS_WSSE}}}UsernameToken") if security is not None else None
    if token is None:
        return None
    password = token.find(f"{{{NS_WSSE}}}Password")
    created = _text(token, "Created", NS_WSU)
    if created is None and security is not None:  # a wsu:Timestamp/Created is accepted as well
        stamp = security.find(f"{{{NS_WSU}}}Timestamp")
        created = _text(stamp, "Created", NS_WSU) if stamp is not None else None
    try:
        created_at = parse_datetime(created) if created else None
    except ValueError:
        raise SoapFault("AUTH_FAILED", "Invalid wsu:Created") from None
    return UsernameToken(
        username=_text(token, "Username", NS_WSSE) or "",
        password=(password.text or "") if password is not None else "",
        password_type=(password.get("Type") or PASSWORD_TEXT) if password is not None else "",
        nonce=_text(token, "Nonce", NS_WSSE) or "",
        created=created_at,
    )


def _check_field(name, value):
    if value and len(value) > MAX_FIELD_CHARS:
        raise SoapFault("INVALID_REQUEST", f"{name} longer than {MAX_FIELD_CHARS} characters", name)


def parse_request(data):
    """The :class:`Call` of a SOAP request ``data`` (bytes)."""
    header, body = _envelope_parts(data)
    operation = next((child for child in body if isinstance(child.tag, str)), None)
    if operation is None:
        raise SoapFault("MALFORMED", "Empty SOAP Body")
    name = etree.QName(operation).localname
    if etree.QName(operation).namespace != NS_TNS or name not in OPERATIONS:
        raise SoapFault("INVALID_REQUEST", f"Unknown operation {operation.tag}", "operation")
    token = _parse_token(header)
    names = SUBMIT_FIELDS if name == "SubmitInquiry" else GET_FIELDS
    required = SUBMIT_REQUIRED if name == "SubmitInquiry" else GET_FIELDS
    values = {}
    for field in names:
        value = _text(operation, field) or ""
        _check_field(field, value)
        if not value and field in required:
            raise SoapFault("INVALID_REQUEST", f"Missing element {field}", field)
        values[field] = value
    if not _REQUEST_ID.match(values["requestId"]):
        raise SoapFault("INVALID_REQUEST", "requestId is 8 to 64 letters, digits or . _ : -", "requestId")
    params = []
    if name == "SubmitInquiry":
        container = _child(operation, "params")
        items = [] if container is None else [c for c in container if isinstance(c.tag, str)]
        if len(items) > MAX_PARAMS:
            raise SoapFault("INVALID_REQUEST", f"More than {MAX_PARAMS} params", "params")
        for item in items:
            pname, pvalue = _text(item, "name") or "", _text(item, "value") or ""
            if not pname:
                raise SoapFault("INVALID_REQUEST", "A param without name", "params")
            _check_field("params", pname)
            _check_field("params", pvalue)
            params.append((pname, pvalue))
    return Call(operation=name, fields=values, params=tuple(params), token=token)


def check_created(created, now, window=CREATED_WINDOW):
    """Refuse a UsernameToken whose ``Created`` (aware) is missing or outside ``now ± window`` (``now`` aware)."""
    if created is None:
        raise SoapFault("MESSAGE_EXPIRED", "wsu:Created is required")
    if abs(now - created) > window:
        raise SoapFault("MESSAGE_EXPIRED", f"wsu:Created {created.isoformat()} outside the window")


def content_hash(fields, params):
    """SHA-256 of what a SubmitInquiry asks (type, subject, purpose, params sorted by name)."""
    payload = {
        "inquiryType": fields.get("inquiryType", ""),
        "subjectNationalId": fields.get("subjectNationalId", ""),
        "purposeRef": fields.get("purposeRef", ""),
        "params": sorted([list(p) for p in params]),
    }
    return sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True))


# ---------------------------------------------------------------------------------------------- building
def _element(name, text=None, ns=NS_TNS, **attrs):
    element = etree.Element(f"{{{ns}}}{name}", **attrs)
    if text is not None:
        element.text = str(text)
    return element


def _sub(parent, name, text=None, ns=NS_TNS):
    element = etree.SubElement(parent, f"{{{ns}}}{name}")
    if text is not None:
        element.text = str(text)
    return element


def _envelope(body_child, header_children=()):
    envelope = etree.Element(f"{{{NS_SOAP}}}Envelope", nsmap=_NSMAP)
    if header_children:
        header = etree.SubElement(envelope, f"{{{NS_SOAP}}}Header")
        for child in header_children:
            header.append(child)
    body = etree.SubElement(envelope, f"{{{NS_SOAP}}}Body")
    body.append(body_child)
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")


def new_nonce():
    return base64.b64encode(os.urandom(16)).decode("ascii")


def build_security(username, password, nonce=None, created=None):
    """A ``wsse:Security`` header with a PasswordText UsernameToken, a fresh Nonce and Created (now, UTC)."""
    security = etree.Element(f"{{{NS_WSSE}}}Security", nsmap={"wsse": NS_WSSE, "wsu": NS_WSU})
    token = _sub(security, "UsernameToken", ns=NS_WSSE)
    _sub(token, "Username", username, ns=NS_WSSE)
    etree.SubElement(token, f"{{{NS_WSSE}}}Password", Type=PASSWORD_TEXT).text = password
    etree.SubElement(token, f"{{{NS_WSSE}}}Nonce", EncodingType=BASE64_BINARY).text = nonce or new_nonce()
    created = created or datetime.datetime.now(datetime.timezone.utc)
    _sub(token, "Created", format_datetime(created), ns=NS_WSU)
    return security


def build_submit(fields, params=(), security=None):
    """A ``SubmitInquiry`` request (``security``: an element from :func:`build_security`, or none)."""
    operation = _element("SubmitInquiry")
    for name in SUBMIT_FIELDS:
        if fields.get(name) is not None:
            _sub(operation, name, fields[name])
    container = _sub(operation, "params")
    for name, value in params:
        param = _sub(container, "param")
        _sub(param, "name", name)
        _sub(param, "value", value)
    return _envelope(operation, [security] if security is not None else ())


def build_get(request_id, requester_agency_code, security=None):
    operation = _element("GetInquiryResult")
    _sub(operation, "requestId", request_id)
    _sub(operation, "requesterAgencyCode", requester_agency_code)
    return _envelope(operation, [security] if security is not None else ())


def build_response(operation, inquiry_id, status, result=None):
    """``<operation>Response`` with ``inquiryId``, ``status`` and, when given, ``result`` =
    ``{'code', 'text', 'values': [(name, value)], 'answered_at': datetime}``."""
    if status not in STATUSES:
        raise ValueError(f"Unknown status {status!r}")
    response = _element(f"{operation}Response")
    _sub(response, "inquiryId", inquiry_id)
    _sub(response, "status", status)
    if result:
        node = _sub(response, "result")
        _sub(node, "answerCode", result.get("code") or "")
        _sub(node, "answerText", result.get("text") or "")
        values = _sub(node, "values")
        for name, value in result.get("values") or ():
            pair = _sub(values, "value")
            _sub(pair, "name", name)
            _sub(pair, "value", value)
        if result.get("answered_at"):
            _sub(node, "answeredAt", format_datetime(result["answered_at"]))
    return _envelope(response)


def parse_response(data):
    """``{'inquiry_id', 'status', 'result'}`` of a response envelope; :class:`SoapFault` if it is a fault."""
    fault = parse_fault(data)
    if fault:
        raise SoapFault(fault[0], fault[1], fault[2])
    _header, body = _envelope_parts(data)
    response = next((child for child in body if isinstance(child.tag, str)), None)
    if response is None or etree.QName(response).localname not in {f"{op}Response" for op in OPERATIONS}:
        raise SoapFault("SERVER_ERROR", "No inquiry response in the SOAP Body")
    node = _child(response, "result")
    result = None
    if node is not None:
        values = _child(node, "values")
        answered = _text(node, "answeredAt")
        result = {
            "code": _text(node, "answerCode") or "",
            "text": _text(node, "answerText") or "",
            "values": [
                (_text(pair, "name") or "", _text(pair, "value") or "")
                for pair in (values if values is not None else [])
                if isinstance(pair.tag, str)
            ],
            "answered_at": parse_datetime(answered) if answered else None,
        }
    return {
        "inquiry_id": _text(response, "inquiryId") or "",
        "status": _text(response, "status") or "",
        "result": result,
    }


def build_fault(code, message, field=""):
    """A SOAP 1.1 Fault: ``faultcode`` soap:Client/Server, Persian ``faultstring``, ``detail/tns:InquiryFault``."""
    if code not in FAULT_CODES:
        raise ValueError(f"Unknown fault code {code!r}")
    fault = etree.Element(f"{{{NS_SOAP}}}Fault")
    # faultcode/faultstring/detail are unqualified in SOAP 1.1.
    etree.SubElement(fault, "faultcode").text = f"soap:{FAULT_CODES[code]}"
    faultstring = etree.SubElement(fault, "faultstring")
    faultstring.text = message
    faultstring.set("{http://www.w3.org/XML/1998/namespace}lang", "fa")
    detail = etree.SubElement(fault, "detail")
    info = _sub(detail, "InquiryFault")
    _sub(info, "code", code)
    if field:
        _sub(info, "field", field)
    return _envelope(fault)


def fault_detail(detail):
    """``(code, field)`` from a Fault's ``detail`` element (``None`` if it carries no ``tns:InquiryFault``)."""
    if not isinstance(detail, etree._Element):  # zeep gives the raw body for a non-SOAP error page
        return None
    info = detail.find(f"{{{NS_TNS}}}InquiryFault")
    if info is None:
        return None
    return (_text(info, "code") or "SERVER_ERROR", _text(info, "field") or "")


def parse_fault(data):
    """``(code, message, field)`` of a Fault envelope, or ``None`` when ``data`` is not a fault."""
    _header, body = _envelope_parts(data)
    fault = body.find("soap:Fault", _NSMAP)
    if fault is None:
        return None
    code, field = fault_detail(fault.find("detail")) or ("SERVER_ERROR", "")
    if code not in FAULT_CODES:
        code = "SERVER_ERROR"
    return code, (fault.findtext("faultstring") or "").strip(), field


def render_wsdl(template, address):
    """The WSDL ``template`` (bytes or str) with :data:`ADDRESS_PLACEHOLDER` replaced by ``address``, as bytes."""
    if isinstance(template, bytes):
        template = template.decode("utf-8")
    if ADDRESS_PLACEHOLDER not in template:
        raise ValueError("The WSDL template has no address placeholder")
    escaped = address.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    return template.replace(ADDRESS_PLACEHOLDER, escaped).encode("utf-8")
