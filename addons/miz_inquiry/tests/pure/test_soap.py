import datetime
import pathlib

import pytest
import zeep
from lxml import etree
from miz_inquiry_tools import soap

WSDL = pathlib.Path(__file__).resolve().parents[2] / "static" / "wsdl" / "miz_inquiry.wsdl"

HAND_WRITTEN = """<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="urn:miz:inquiry:v1">
  <s:Header><m:AuthToken> header-token </m:AuthToken></s:Header>
  <s:Body>
    <m:Inquire>
      <m:type_code>person</m:type_code>
      <m:key> 0012345679 </m:key>
      <m:requester_agency_code>ORG-1</m:requester_agency_code>
    </m:Inquire>
  </s:Body>
</s:Envelope>"""


def test_build_then_parse_inquire_round_trip():
    data = soap.build_inquire("person", "۰۰۱۲۳۴۵۶۷۹", "ORG-1", "req-7", token="t0k")
    call = soap.parse_inquire(data)
    assert call == soap.InquireCall("person", "۰۰۱۲۳۴۵۶۷۹", "ORG-1", "req-7", "t0k")


def test_parse_hand_written_envelope_other_prefixes_and_soap_header_token():
    call = soap.parse_inquire(HAND_WRITTEN.encode())
    assert (call.type_code, call.key, call.requester_agency_code, call.request_id) == (
        "person",
        "0012345679",
        "ORG-1",
        "",
    )
    assert call.token == "header-token"


def test_http_header_token_wins_over_soap_header():
    call = soap.parse_inquire(HAND_WRITTEN, http_token="http-token")
    assert call.token == "http-token"


def test_unqualified_children_are_tolerated():
    data = (
        '<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body>'
        '<Inquire xmlns="urn:miz:inquiry:v1"><type_code xmlns="">a</type_code><key xmlns="">k</key>'
        '<requester_agency_code xmlns="">R</requester_agency_code></Inquire></Body></Envelope>'
    )
    call = soap.parse_inquire(data)
    assert (call.type_code, call.key, call.requester_agency_code) == ("a", "k", "R")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   ", "empty"),
        (b"<soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'><soap:Body>", "malformed"),
        (b"not xml at all", "malformed"),
        (b"<Envelope/>", "not_envelope"),
        (b"<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'/>", "no_body"),
        (b"<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'><s:Body/></s:Envelope>", "no_operation"),
        (
            b"<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'><s:Body>"
            b"<x:Other xmlns:x='urn:miz:inquiry:v1'/></s:Body></s:Envelope>",
            "unknown_operation",
        ),
    ],
)
def test_bad_envelopes_are_client_faults(data, reason):
    with pytest.raises(soap.SoapFault) as info:
        soap.parse_inquire(data)
    assert info.value.code == "Client"
    assert info.value.reason == reason


def test_missing_required_element_names_it():
    data = soap.build_inquire("person", "", "ORG-1")
    with pytest.raises(soap.SoapFault) as info:
        soap.parse_inquire(data)
    assert info.value.reason == "missing:key"
    assert info.value.code == "Client"


def test_too_long_field_and_too_large_body():
    with pytest.raises(soap.SoapFault) as info:
        soap.parse_inquire(soap.build_inquire("person", "9" * 300, "ORG-1"))
    assert info.value.reason == "too_long:key"
    with pytest.raises(soap.SoapFault) as info:
        soap.parse_inquire(b"<a>" + b"x" * (soap.MAX_REQUEST_BYTES + 1) + b"</a>")
    assert info.value.reason == "too_large"


def test_external_entities_are_neither_resolved_nor_accepted(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="urn:miz:inquiry:v1"><s:Body>'
        "<m:Inquire><m:type_code>&x;</m:type_code><m:key>k</m:key>"
        "<m:requester_agency_code>R</m:requester_agency_code></m:Inquire></s:Body></s:Envelope>"
    ).encode()
    with pytest.raises(soap.SoapFault) as info:
        soap.parse_inquire(data)
    assert "TOP-SECRET" not in info.value.message
    assert info.value.reason == "malformed"


def test_response_round_trip_with_utc_datetime():
    when = datetime.datetime(2025, 3, 20, 9, 30, 15, 123456)
    data = soap.build_inquire_response("answered", '{"exists": true, "name": "علی رضایی"}', when)
    root = etree.fromstring(data)
    assert root.findtext(".//{urn:miz:inquiry:v1}answered_at") == "2025-03-20T09:30:15Z"
    parsed = soap.parse_inquire_response(data)
    assert parsed == {
        "status": "answered",
        "answer": '{"exists": true, "name": "علی رضایی"}',
        "answered_at": datetime.datetime(2025, 3, 20, 9, 30, 15),
    }


def test_aware_datetime_is_converted_to_utc():
    tehran = datetime.timezone(datetime.timedelta(hours=3, minutes=30))
    assert soap.format_datetime(datetime.datetime(2025, 3, 20, 13, 0, tzinfo=tehran)) == "2025-03-20T09:30:00Z"


def test_pending_response_has_no_answered_at():
    data = soap.build_inquire_response("pending", "1404/و/12")
    assert b"answered_at" not in data
    assert soap.parse_inquire_response(data)["answered_at"] is None


def test_fault_build_and_parse():
    data = soap.build_fault("Client", "نوع استعلام ناشناخته است")
    root = etree.fromstring(data)
    fault = root.find(".//{http://schemas.xmlsoap.org/soap/envelope/}Fault")
    assert fault.findtext("faultcode") == "soap:Client"
    assert fault.findtext("faultstring") == "نوع استعلام ناشناخته است"
    assert soap.parse_fault(data) == ("Client", "نوع استعلام ناشناخته است")
    assert soap.parse_fault(soap.build_inquire_response("answered", "x")) is None
    with pytest.raises(soap.SoapFault) as info:
        soap.parse_inquire_response(data)
    assert (info.value.code, info.value.message) == ("Client", "نوع استعلام ناشناخته است")
    with pytest.raises(ValueError):
        soap.build_fault("Sender", "x")


def test_render_wsdl_fills_and_escapes_address():
    rendered = soap.render_wsdl(WSDL.read_bytes(), "http://example.org/miz/inquiry/soap?a=1&b=2")
    root = etree.fromstring(rendered)
    address = root.find(".//{http://schemas.xmlsoap.org/wsdl/soap/}address")
    assert address.get("location") == "http://example.org/miz/inquiry/soap?a=1&b=2"
    assert root.get("targetNamespace") == soap.NS_TNS
    operations = root.findall(".//{http://schemas.xmlsoap.org/wsdl/soap/}operation")
    assert [op.get("soapAction") for op in operations] == [soap.SOAP_ACTION]
    with pytest.raises(ValueError):
        soap.render_wsdl(rendered, "http://x")


def test_zeep_understands_the_wsdl_and_its_requests_parse(tmp_path):
    path = tmp_path / "miz.wsdl"
    path.write_bytes(soap.render_wsdl(WSDL.read_bytes(), "http://127.0.0.1:1/miz/inquiry/soap"))
    client = zeep.Client(str(path))
    assert client.service._binding_options["address"] == "http://127.0.0.1:1/miz/inquiry/soap"
    message = client.create_message(
        client.service, "Inquire", type_code="person", key="0012345679", requester_agency_code="ORG-1", request_id="9"
    )
    call = soap.parse_inquire(etree.tostring(message))
    assert call == soap.InquireCall("person", "0012345679", "ORG-1", "9", "")
    # and zeep reads our response envelope back
    binding = client.service._binding
    operation = binding.get("Inquire")

    class _Response:
        status_code = 200
        headers = {"Content-Type": "text/xml; charset=utf-8"}
        encoding = "utf-8"
        content = soap.build_inquire_response("answered", "ok", datetime.datetime(2025, 1, 1, 8, 0))

    result = binding.process_reply(client, operation, _Response())
    assert (result.status, result.answer) == ("answered", "ok")
    assert result.answered_at == datetime.datetime(2025, 1, 1, 8, 0, tzinfo=datetime.timezone.utc)
