import datetime
import io
import pathlib

import pytest
import zeep
from lxml import etree
from miz_inquiry_tools import soap
from miz_inquiry_tools.wsse import UsernameTokenWithNonce

WSDL = pathlib.Path(__file__).resolve().parents[2] / "static" / "wsdl" / "miz_inquiry.wsdl"
UTC = datetime.timezone.utc
FIELDS = {
    "requestId": "7f1c2a9e-0b1d-4c1e-9f00-1234567890ab",
    "requesterAgencyCode": "AG-A",
    "inquiryType": "desk.status",
    "subjectNationalId": "0012345679",
    "purposeRef": "1403-KH-12",
}


def _submit(**changes):
    fields = dict(FIELDS, **changes)
    return soap.build_submit(fields, [("trackingCode", "123")], soap.build_security("AG-A", "secret"))


def test_submit_round_trip_with_token_and_params():
    call = soap.parse_request(_submit())
    assert call.operation == "SubmitInquiry"
    assert call.fields == FIELDS
    assert call.params == (("trackingCode", "123"),)
    assert call.token.username == "AG-A"
    assert call.token.password == "secret"
    assert call.token.password_type == soap.PASSWORD_TEXT
    assert len(call.token.nonce) == 24
    assert abs(call.token.created - datetime.datetime.now(UTC)) < datetime.timedelta(seconds=5)


def test_get_round_trip_without_token():
    call = soap.parse_request(soap.build_get(FIELDS["requestId"], "AG-A"))
    assert call.operation == "GetInquiryResult"
    assert call.fields == {"requestId": FIELDS["requestId"], "requesterAgencyCode": "AG-A"}
    assert call.token is None


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "MALFORMED"),
        (b"<soap:Envelope", "MALFORMED"),
        (b"<a/>", "MALFORMED"),
        (b'<!DOCTYPE lolz [<!ENTITY lol "lol">]><lolz>&lol;</lolz>', "MALFORMED"),
        (b"x" * (soap.MAX_REQUEST_BYTES + 1), "TOO_LARGE"),
    ],
)
def test_bad_envelopes(data, code):
    with pytest.raises(soap.SoapFault) as info:
        soap.parse_request(data)
    assert info.value.code == code
    assert info.value.soap_code == "Client"


def test_billion_laughs_is_refused_before_parsing():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(b'<!ENTITY a%d "&a%d;&a%d;&a%d;">' % (i, i - 1, i - 1, i - 1) for i in range(1, 10)).replace(
            b"&a0;", b"&a;"
        )
        + b"]><l>&a9;</l>"
    )
    with pytest.raises(soap.SoapFault) as info:
        soap.parse_request(bomb)
    assert info.value.code == "MALFORMED"


@pytest.mark.parametrize("missing", ["requestId", "requesterAgencyCode", "inquiryType", "purposeRef"])
def test_missing_required_field_names_it(missing):
    with pytest.raises(soap.SoapFault) as info:
        soap.parse_request(_submit(**{missing: None}))
    assert (info.value.code, info.value.field) == ("INVALID_REQUEST", missing)


def test_subject_is_optional_and_request_id_is_checked():
    assert soap.parse_request(_submit(subjectNationalId=None)).fields["subjectNationalId"] == ""
    with pytest.raises(soap.SoapFault) as info:
        soap.parse_request(_submit(requestId="short"))
    assert info.value.field == "requestId"
    with pytest.raises(soap.SoapFault) as info:
        soap.parse_request(_submit(purposeRef="x" * 300))
    assert info.value.field == "purposeRef"


def test_created_window():
    now = datetime.datetime(2025, 3, 1, 10, 0, tzinfo=UTC)
    soap.check_created(now - datetime.timedelta(minutes=4, seconds=59), now)
    soap.check_created(now + datetime.timedelta(minutes=4), now)
    for created in (None, now - datetime.timedelta(minutes=5, seconds=1), now + datetime.timedelta(minutes=6)):
        with pytest.raises(soap.SoapFault) as info:
            soap.check_created(created, now)
        assert info.value.code == "MESSAGE_EXPIRED"


def test_content_hash_ignores_param_order_not_values():
    one = soap.content_hash(FIELDS, [("a", "1"), ("b", "2")])
    assert one == soap.content_hash(dict(FIELDS, requestId="other-123"), [("b", "2"), ("a", "1")])
    assert one != soap.content_hash(FIELDS, [("a", "1"), ("b", "3")])
    assert one != soap.content_hash(dict(FIELDS, purposeRef="other"), [("a", "1"), ("b", "2")])


def test_response_round_trip():
    at = datetime.datetime(2025, 3, 1, 10, 0, 5)
    data = soap.build_response(
        "SubmitInquiry",
        "INB-7",
        "ANSWERED",
        {"code": "FOUND", "text": "در جریان", "values": [("state", "x")], "answered_at": at},
    )
    parsed = soap.parse_response(data)
    assert parsed["inquiry_id"] == "INB-7"
    assert parsed["status"] == "ANSWERED"
    assert parsed["result"] == {
        "code": "FOUND",
        "text": "در جریان",
        "values": [("state", "x")],
        "answered_at": at.replace(tzinfo=UTC),
    }
    received = soap.parse_response(soap.build_response("GetInquiryResult", "INB-7", "RECEIVED"))
    assert received["result"] is None
    with pytest.raises(ValueError):
        soap.build_response("SubmitInquiry", "x", "answered")


def test_fault_build_and_parse():
    data = soap.build_fault("INVALID_REQUEST", "هدف استعلام لازم است.", "purposeRef")
    assert soap.parse_fault(data) == ("INVALID_REQUEST", "هدف استعلام لازم است.", "purposeRef")
    root = etree.fromstring(data)
    assert root.findtext(".//faultcode") == "soap:Client"
    assert soap.parse_fault(soap.build_fault("SERVER_ERROR", "x"))[0] == "SERVER_ERROR"
    assert etree.fromstring(soap.build_fault("SERVER_ERROR", "x")).findtext(".//faultcode") == "soap:Server"
    assert soap.parse_fault(soap.build_response("SubmitInquiry", "1", "RECEIVED")) is None
    with pytest.raises(soap.SoapFault) as info:
        soap.parse_response(data)
    assert info.value.code == "INVALID_REQUEST"


def test_read_limited_stops_after_the_limit():
    stream = io.BytesIO(b"y" * 10_000_000)
    data = soap.read_limited(stream, limit=1000, chunk=300)
    assert len(data) == 1001
    assert stream.tell() == 1001
    assert soap.read_limited(io.BytesIO(b"abc"), limit=1000) == b"abc"


def test_render_wsdl_fills_and_escapes_address():
    out = soap.render_wsdl(WSDL.read_bytes(), 'http://h/"x"&y')
    assert b'location="http://h/&quot;x&quot;&amp;y"' in out
    with pytest.raises(ValueError):
        soap.render_wsdl(b"<wsdl/>", "http://h")


def test_zeep_requests_with_wsse_parse_and_the_schema_is_typed(tmp_path):
    wsdl = tmp_path / "s.wsdl"
    wsdl.write_bytes(soap.render_wsdl(WSDL.read_bytes(), "http://127.0.0.1:1/soap"))
    created = datetime.datetime(2025, 3, 1, 10, 0, 0)
    client = zeep.Client(str(wsdl), wsse=UsernameTokenWithNonce("AG-A", "secret", nonce="n-1", created=created))
    message = client.create_message(
        client.service,
        "SubmitInquiry",
        params={"param": [{"name": "trackingCode", "value": "123"}]},
        **FIELDS,
    )
    call = soap.parse_request(etree.tostring(message))
    assert call.fields == FIELDS
    assert call.params == (("trackingCode", "123"),)
    assert call.token.created == created.replace(tzinfo=UTC)
    assert call.token.password_type == soap.PASSWORD_TEXT
    assert call.token.nonce == "bi0x"
    # the result is typed in the schema (not JSON in a string)
    response = client.wsdl.types.get_element("{urn:miz:inquiry:v2}SubmitInquiryResponse")
    names = [name for name, _element in response.type.elements]
    assert names == ["inquiryId", "status", "result"]
    result_type = client.wsdl.types.get_type("{urn:miz:inquiry:v2}InquiryResult")
    assert [name for name, _element in result_type.elements] == ["answerCode", "answerText", "values", "answeredAt"]
    # every fault code the service sends is declared in the WSDL, and only those
    tree = etree.parse(str(WSDL))
    xsd = "{http://www.w3.org/2001/XMLSchema}"
    declared = tree.xpath("//xsd:simpleType[@name='FaultCode']//xsd:enumeration/@value", namespaces={"xsd": xsd[1:-1]})
    assert set(declared) == set(soap.FAULT_CODES)
