"""SOAP 1.1 (document/literal) envelopes of the miz inquiry service — no Odoo import.

The contract (see ``readme/USAGE.md`` and ``static/wsdl/miz_inquiry.wsdl``)::

    Inquire(type_code, key, requester_agency_code, request_id) -> InquireResponse(status, answer, answered_at)

in the namespace :data:`NS_TNS`. The caller's token travels in the HTTP header :data:`TOKEN_HTTP_HEADER` or, for
clients that prefer it, in a SOAP header element ``<tns:AuthToken>``.

Public functions:
- ``parse_inquire(data) -> InquireCall``: the fields of an ``Inquire`` request; :class:`SoapFault` (``Client``) on
  malformed XML, a missing element or a body that is not an ``Inquire``.
- ``build_inquire(...)``, ``build_inquire_response(...)``, ``build_fault(code, message)``: envelopes as UTF-8 bytes.
- ``parse_inquire_response(data) -> dict`` and ``parse_fault(data)``: the other direction, used by tests and tools.
- ``render_wsdl(template, address) -> bytes``: the WSDL with its service address filled in.
"""

import dataclasses
import datetime

from lxml import etree

NS_SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
NS_TNS = "urn:miz:inquiry:v1"
SOAP_ACTION = NS_TNS + "#Inquire"
TOKEN_HTTP_HEADER = "X-Miz-Inquiry-Token"
ADDRESS_PLACEHOLDER = "__MIZ_INQUIRY_SOAP_ADDRESS__"
MAX_REQUEST_BYTES = 64 * 1024
MAX_FIELD_CHARS = 256
REQUIRED_FIELDS = ("type_code", "key", "requester_agency_code")
OPTIONAL_FIELDS = ("request_id",)
FAULT_CODES = ("Client", "Server")

_NSMAP = {"soap": NS_SOAP, "tns": NS_TNS}


class SoapFault(Exception):
    """A fault to send back: ``code`` is ``Client`` (the caller's mistake) or ``Server``; ``message`` is the text.

    ``reason`` is a short machine-readable tag (``malformed``, ``missing:key``…) the caller of :func:`parse_inquire`
    maps to a translated message.
    """

    def __init__(self, code, message, reason=""):
        if code not in FAULT_CODES:
            raise ValueError(f"Unknown fault code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message
        self.reason = reason or message


@dataclasses.dataclass(frozen=True)
class InquireCall:
    type_code: str
    key: str
    requester_agency_code: str
    request_id: str = ""
    token: str = ""


def _parser():
    # No entities, no DTD loading, no network: a SOAP body is data, never a way to read the server's files.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


def _parse_xml(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not data or not data.strip():
        raise SoapFault("Client", "Empty request body", "empty")
    if len(data) > MAX_REQUEST_BYTES:
        raise SoapFault("Client", f"Request larger than {MAX_REQUEST_BYTES} bytes", "too_large")
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise SoapFault("Client", f"Malformed XML: {exc}", "malformed") from None
    if root.getroottree().docinfo.doctype:
        raise SoapFault("Client", "DOCTYPE is not allowed in a SOAP message", "malformed")
    return root


def _envelope_parts(data):
    """``(header, body)`` elements of a SOAP 1.1 envelope (header may be ``None``)."""
    root = _parse_xml(data)
    if root.tag != f"{{{NS_SOAP}}}Envelope":
        raise SoapFault("Client", "Not a SOAP 1.1 envelope", "not_envelope")
    header = root.find("soap:Header", _NSMAP)
    body = root.find("soap:Body", _NSMAP)
    if body is None:
        raise SoapFault("Client", "SOAP envelope without Body", "no_body")
    return header, body


def _text(parent, name):
    element = parent.find(f"tns:{name}", _NSMAP)
    if element is None:
        # Tolerate unqualified children (some hand-written clients forget elementFormDefault).
        element = parent.find(name)
    if element is None:
        return None
    return (element.text or "").strip()


def parse_inquire(data, http_token=""):
    """The :class:`InquireCall` of a SOAP ``Inquire`` request ``data`` (bytes).

    ``http_token`` is the value of the :data:`TOKEN_HTTP_HEADER` HTTP header; a ``<tns:AuthToken>`` SOAP header
    is used when the HTTP header is absent.
    """
    header, body = _envelope_parts(data)
    operation = next((child for child in body if isinstance(child.tag, str)), None)
    if operation is None:
        raise SoapFault("Client", "Empty SOAP Body", "no_operation")
    if operation.tag != f"{{{NS_TNS}}}Inquire":
        raise SoapFault("Client", f"Unknown operation {operation.tag}", "unknown_operation")
    values = {}
    for name in REQUIRED_FIELDS + OPTIONAL_FIELDS:
        value = _text(operation, name)
        if not value and name in REQUIRED_FIELDS:
            raise SoapFault("Client", f"Missing element {name}", f"missing:{name}")
        if value and len(value) > MAX_FIELD_CHARS:
            raise SoapFault("Client", f"Element {name} longer than {MAX_FIELD_CHARS} characters", f"too_long:{name}")
        values[name] = value or ""
    token = (http_token or "").strip()
    if not token and header is not None:
        token = _text(header, "AuthToken") or ""
    return InquireCall(token=token, **values)


def _envelope(body_child, header_children=()):
    envelope = etree.Element(f"{{{NS_SOAP}}}Envelope", nsmap=_NSMAP)
    if header_children:
        header = etree.SubElement(envelope, f"{{{NS_SOAP}}}Header")
        for child in header_children:
            header.append(child)
    body = etree.SubElement(envelope, f"{{{NS_SOAP}}}Body")
    body.append(body_child)
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")


def _element(name, text=None):
    element = etree.Element(f"{{{NS_TNS}}}{name}")
    if text is not None:
        element.text = str(text)
    return element


def build_inquire(type_code, key, requester_agency_code, request_id="", token=""):
    """An ``Inquire`` request envelope (the token, if given, as a ``<tns:AuthToken>`` SOAP header)."""
    operation = _element("Inquire")
    for name, value in (
        ("type_code", type_code),
        ("key", key),
        ("requester_agency_code", requester_agency_code),
        ("request_id", request_id),
    ):
        operation.append(_element(name, value or ""))
    headers = [_element("AuthToken", token)] if token else ()
    return _envelope(operation, headers)


def format_datetime(value):
    """ISO 8601 in UTC with a ``Z`` (xsd:dateTime); naive datetimes are taken as UTC (Odoo's convention)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value.astimezone(datetime.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_inquire_response(status, answer, answered_at=None):
    """An ``InquireResponse`` envelope; ``answered_at`` (datetime) is omitted when ``None``."""
    response = _element("InquireResponse")
    response.append(_element("status", status))
    response.append(_element("answer", answer or ""))
    if answered_at is not None:
        response.append(_element("answered_at", format_datetime(answered_at)))
    return _envelope(response)


def parse_inquire_response(data):
    """``{'status', 'answer', 'answered_at'}`` of an ``InquireResponse``; :class:`SoapFault` if it is a fault."""
    fault = parse_fault(data)
    if fault:
        raise SoapFault(*fault)
    _header, body = _envelope_parts(data)
    response = body.find("tns:InquireResponse", _NSMAP)
    if response is None:
        raise SoapFault("Server", "No InquireResponse in the SOAP Body", "no_response")
    answered_at = _text(response, "answered_at")
    return {
        "status": _text(response, "status") or "",
        "answer": _text(response, "answer") or "",
        "answered_at": datetime.datetime.strptime(answered_at, "%Y-%m-%dT%H:%M:%SZ") if answered_at else None,
    }


def build_fault(code, message):
    """A SOAP 1.1 Fault envelope: ``faultcode`` ``soap:Client`` or ``soap:Server`` and ``faultstring`` message."""
    if code not in FAULT_CODES:
        raise ValueError(f"Unknown fault code {code!r}")
    fault = etree.Element(f"{{{NS_SOAP}}}Fault")
    # faultcode/faultstring are unqualified in SOAP 1.1.
    etree.SubElement(fault, "faultcode").text = f"soap:{code}"
    etree.SubElement(fault, "faultstring").text = message
    return _envelope(fault)


def parse_fault(data):
    """``(code, message)`` of a SOAP Fault envelope, or ``None`` when ``data`` is not a fault."""
    _header, body = _envelope_parts(data)
    fault = body.find("soap:Fault", _NSMAP)
    if fault is None:
        return None
    code = (fault.findtext("faultcode") or "").strip()
    code = code.rpartition(":")[2] or "Server"
    if code not in FAULT_CODES:
        code = "Server"
    return code, (fault.findtext("faultstring") or "").strip()


def render_wsdl(template, address):
    """The WSDL ``template`` (bytes or str) with :data:`ADDRESS_PLACEHOLDER` replaced by ``address``, as bytes."""
    if isinstance(template, bytes):
        template = template.decode("utf-8")
    if ADDRESS_PLACEHOLDER not in template:
        raise ValueError("The WSDL template has no address placeholder")
    escaped = address.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    return template.replace(ADDRESS_PLACEHOLDER, escaped).encode("utf-8")
