import datetime
import threading

import zeep
import zeep.exceptions
from lxml import etree

from odoo.tests import HttpCase, tagged

from odoo.addons.miz_inquiry.models.miz_inquiry_inbound import refusal_counts
from odoo.addons.miz_inquiry.tools import soap
from odoo.addons.miz_inquiry.tools.wsse import UsernameTokenWithNonce

from .common import NATIONAL_CODE, TOKEN, MizInquiryCommon

UTC = datetime.timezone.utc


@tagged("post_install", "-at_install")
class TestInquirySoapHttp(MizInquiryCommon, HttpCase):
    """The contract through real HTTP, with zeep's WS-Security UsernameToken, against /miz/inquiry/soap."""

    def setUp(self):
        super().setUp()
        self.endpoint = self.base_url() + "/miz/inquiry/soap"
        self.env.flush_all()

    def _client(self, password=TOKEN, **token):
        return zeep.Client(self.endpoint + "?wsdl", wsse=UsernameTokenWithNonce("AGENCY-A", password, **token))

    def _submit(self, client=None, request_id="req-0000000001", **fields):
        client = client or self._client()
        values = {
            "requestId": request_id,
            "requesterAgencyCode": "AGENCY-A",
            "inquiryType": "letter.verify",
            "purposeRef": "1404-KH-77",
        }
        values.update(fields)
        params = values.pop("params", self._letter_params())
        self.env.flush_all()
        return client.service.SubmitInquiry(params={"param": [{"name": n, "value": v} for n, v in params]}, **values)

    def _post(self, data, headers=None):
        self.env.flush_all()
        return self.url_open(
            "/miz/inquiry/soap", data=data, headers={"Content-Type": "text/xml; charset=utf-8", **(headers or {})}
        )

    def _raw_submit(self, fields=None, params=None, password=TOKEN, created=None, nonce=None, username="AGENCY-A"):
        values = {
            "requestId": "raw-00000001",
            "requesterAgencyCode": "AGENCY-A",
            "inquiryType": "letter.verify",
            "purposeRef": "1404-KH-78",
        }
        values.update(fields or {})
        security = soap.build_security(username, password, nonce=nonce, created=created)
        return soap.build_submit(values, self._letter_params() if params is None else params, security)

    def _assert_fault(self, response, code, field=""):
        self.assertEqual(response.status_code, 500, response.content[:300])
        self.assertTrue(response.headers["Content-Type"].startswith("text/xml"))
        self.assertNotIn(b"<html", response.content.lower())
        self.assertNotIn(b"Traceback", response.content)
        got_code, message, got_field = soap.parse_fault(response.content)
        self.assertEqual((got_code, got_field), (code, field))
        self.assertTrue(message)
        return message

    # ---------------------------------------------------------------------------------------------- WSDL
    def test_wsdl_address_follows_the_request_host(self):
        response = self.url_open("/miz/inquiry/soap?wsdl")
        self.assertEqual(response.status_code, 200)
        root = etree.fromstring(response.content)
        address = root.find(".//{http://schemas.xmlsoap.org/wsdl/soap/}address").get("location")
        self.assertEqual(address, self.endpoint)
        # another host name the caller used (e.g. the compose service name) is the address it is told
        other = self.url_open("/miz/inquiry/soap?wsdl", headers={"Host": f"agency_b:{self.http_port()}"})
        address = etree.fromstring(other.content).find(".//{http://schemas.xmlsoap.org/wsdl/soap/}address")
        self.assertEqual(address.get("location"), f"http://agency_b:{self.http_port()}/miz/inquiry/soap")
        client = self._client()
        self.assertEqual(set(client.service._binding._operations), {"SubmitInquiry", "GetInquiryResult"})

    # ---------------------------------------------------------------------------------------------- answers
    def test_submit_verify_letter_then_get_result_and_idempotent_resubmit(self):
        before = self._counts()
        reply = self._submit()
        self.assertEqual(reply.status, "ANSWERED")
        self.assertEqual(reply.result.answerCode, "VALID")
        values = {pair.name: pair.value for pair in reply.result.values.value}
        self.assertEqual(values["letterNumber"], self.letter.name)
        self.assertEqual(values["subjectHash"], self.letter._subject_hash())
        self.assertNotIn("نامهٔ آزمون", str(reply))  # the subject itself is not disclosed
        self.assertIsInstance(reply.result.answeredAt, datetime.datetime)
        inbound = self.env["miz.inquiry.inbound"].search([("request_id", "=", "req-0000000001")])
        self.assertEqual(reply.inquiryId, inbound.name)
        self.assertEqual(
            (inbound.partner_id, inbound.state, inbound.purpose_ref), (self.caller, "answered", "1404-KH-77")
        )
        self.assertEqual(inbound.remote_addr, "127.0.0.1")
        # the envelope log: one row, hashes of the request and of its answer, no body
        log = inbound.message_log_ids
        self.assertEqual(len(log), 1)
        self.assertEqual(
            (log.direction, log.operation, log.outcome, log.http_status), ("in", "SubmitInquiry", "ANSWERED", 200)
        )
        self.assertEqual(log.request_sha256, inbound.request_sha256)
        self.assertEqual(len(log.response_sha256), 64)

        again = self._submit()
        self.assertEqual((again.inquiryId, again.status), (reply.inquiryId, "ANSWERED"))
        got = self._client().service.GetInquiryResult(requestId="req-0000000001", requesterAgencyCode="AGENCY-A")
        self.assertEqual((got.inquiryId, got.status, got.result.answerCode), (reply.inquiryId, "ANSWERED", "VALID"))
        after = self._counts()
        self.assertEqual(after["miz.inquiry.inbound"], before["miz.inquiry.inbound"] + 1)
        self.assertEqual(after["miz.inquiry.message"], before["miz.inquiry.message"] + 3)
        # unknown letter: answered NOT_FOUND, not a fault
        other = self._submit(
            request_id="req-0000000002", params=[("letterNumber", "999/1"), ("letterDate", "2025-01-01")]
        )
        self.assertEqual((other.status, other.result.answerCode), ("ANSWERED", "NOT_FOUND"))

    def test_person_by_national_code_answers_the_name_with_the_purpose_kept(self):
        self.caller.type_ids |= self.type_person
        reply = self._submit(
            request_id="req-person-0001", inquiryType="person.ncode", subjectNationalId=NATIONAL_CODE, params=[]
        )
        self.assertEqual((reply.status, reply.result.answerCode), ("ANSWERED", "FOUND"))
        self.assertEqual({p.name: p.value for p in reply.result.values.value}, {"name": "علی رضایی"})
        inbound = self.env["miz.inquiry.inbound"].search([("request_id", "=", "req-person-0001")])
        self.assertEqual((inbound.subject_national_id, inbound.purpose_ref), (NATIONAL_CODE, "1404-KH-77"))
        unknown = self._submit(
            request_id="req-person-0002", inquiryType="person.ncode", subjectNationalId="0013456784", params=[]
        )
        self.assertEqual((unknown.status, unknown.result.answerCode), ("ANSWERED", "NOT_FOUND"))
        self.assertFalse(unknown.result.values)

    def test_concurrent_duplicates_return_the_same_inquiry(self):
        results, errors = [], []

        def submit():
            try:
                results.append(self._submit(client=self._client(), request_id="req-concurrent-1").inquiryId)
            except Exception as error:
                errors.append(error)

        threads = [threading.Thread(target=submit) for _index in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        self.assertFalse(errors)
        self.assertEqual(len(results), 2)
        self.assertEqual(results[0], results[1])
        self.assertEqual(self.env["miz.inquiry.inbound"].search_count([("request_id", "=", "req-concurrent-1")]), 1)

    def test_manual_inquiry_is_a_registered_letter_answered_by_the_reply_letter(self):
        reply = self._submit(
            request_id="req-manual-0001", inquiryType="edu.certificate", subjectNationalId=NATIONAL_CODE, params=[]
        )
        self.assertEqual(reply.status, "RECEIVED")
        self.assertIsNone(reply.result)
        inbound = self.env["miz.inquiry.inbound"].search([("request_id", "=", "req-manual-0001")])
        incoming = inbound.letter_id
        self.assertEqual((incoming.kind, incoming.state), ("incoming", "registered"))
        self.assertEqual(incoming.sender_agency_id, self.other_agency)
        self.assertEqual(incoming.referral_ids.to_user_id, self.answerer)
        # the unit writes the reply letter in reply to it; registering it answers the inquiry
        answer = (
            self.env["miz.secretariat.letter"]
            .with_user(self.answerer)
            .create(
                {
                    "kind": "outgoing",
                    "agency_id": self.agency.id,
                    "subject": "پاسخ استعلام مدرک",
                    "body": "<p>مدرک دیپلم معتبر است.</p>",
                    "recipient_agency_ids": [(4, self.other_agency.id)],
                    "reply_to_id": incoming.id,
                    "signatory_id": self.answerer.id,
                }
            )
        )
        answer.action_approve()
        answer.action_register()
        self.assertEqual((inbound.state, inbound.reply_letter_id), ("answered", answer))
        self.env.flush_all()
        got = self._client().service.GetInquiryResult(requestId="req-manual-0001", requesterAgencyCode="AGENCY-A")
        self.assertEqual((got.status, got.result.answerCode), ("ANSWERED", "ANSWERED_BY_LETTER"))
        self.assertEqual(got.result.answerText, "مدرک دیپلم معتبر است.")
        self.assertEqual({p.name: p.value for p in got.result.values.value}["letterNumber"], answer.name)

    # ---------------------------------------------------------------------------------------------- faults
    def test_each_fault_has_its_code_http_500_and_writes_nothing(self):
        self.caller.rate_limit = 1000
        stale = datetime.datetime.now(UTC) - datetime.timedelta(minutes=6)
        replayed = self._raw_submit(fields={"requestId": "raw-replay-1"}, nonce="c2FtZS1ub25jZQ==")
        self.assertEqual(self._post(replayed).status_code, 200)  # first use of the nonce
        bomb = b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><l>&b;</l>'
        cases = [
            ("bad xml", b"<soap:Envelope", "MALFORMED", ""),
            ("billion laughs", bomb, "MALFORMED", ""),
            ("oversized", b"<a>" + b"x" * (soap.MAX_REQUEST_BYTES + 10) + b"</a>", "TOO_LARGE", ""),
            ("wrong password", self._raw_submit(password="not-the-secret-at-all-0123456789"), "AUTH_FAILED", ""),
            ("unknown caller", self._raw_submit(username="NOBODY"), "AUTH_FAILED", ""),
            ("stale created", self._raw_submit(created=stale), "MESSAGE_EXPIRED", ""),
            ("replayed nonce", replayed, "NONCE_REPLAYED", ""),
            ("type not granted", self._raw_submit(fields={"inquiryType": "person.ncode"}), "TYPE_NOT_GRANTED", ""),
            ("unknown type", self._raw_submit(fields={"inquiryType": "no.such"}), "TYPE_NOT_GRANTED", ""),
            ("missing purpose", self._raw_submit(fields={"purposeRef": None}), "INVALID_REQUEST", "purposeRef"),
            ("missing param", self._raw_submit(params=[("letterNumber", "1")]), "INVALID_REQUEST", "letterDate"),
            (
                "unknown inquiry",
                soap.build_get("raw-unknown-1", "AGENCY-A", soap.build_security("AGENCY-A", TOKEN)),
                "UNKNOWN_INQUIRY",
                "",
            ),
            (
                "duplicate conflict",
                self._raw_submit(
                    fields={"requestId": "raw-replay-1"}, params=[("letterNumber", "2"), ("letterDate", "2025-01-01")]
                ),
                "DUPLICATE_CONFLICT",
                "",
            ),
        ]
        for label, data, code, field in cases:
            with self.subTest(label):
                before = self._counts()
                refused = refusal_counts()
                message = self._assert_fault(self._post(data), code, field)
                self.assertEqual(self._counts(), before, "a refused call wrote to the database")
                self.assertEqual(sum(refusal_counts().values()), sum(refused.values()) + 1)
        # Persian for people
        message = self._assert_fault(self._post(self._raw_submit(password="x" * 40)), "AUTH_FAILED")
        self.assertIn("احراز هویت", message)

    def test_oversized_chunked_body_is_refused_while_reading(self):
        def chunks():
            for _index in range(100):
                yield b"<a>" + b"x" * 4096

        before = self._counts()
        self.env.flush_all()
        response = self.url_open("/miz/inquiry/soap", data=chunks(), headers={"Content-Type": "text/xml"})
        self._assert_fault(response, "TOO_LARGE")
        self.assertEqual(self._counts(), before)

    def test_rate_limit_and_ip_allowlist(self):
        self.caller.rate_limit = 2
        for index in range(2):
            self.assertEqual(self._post(self._raw_submit(fields={"requestId": f"raw-rate-{index}"})).status_code, 200)
        before = self._counts()
        self._assert_fault(self._post(self._raw_submit(fields={"requestId": "raw-rate-9"})), "RATE_LIMITED")
        self.assertEqual(self._counts(), before)
        self.caller.rate_limit = 100
        self.caller.allowed_ips = "10.20.0.0/16"
        self._assert_fault(self._post(self._raw_submit(fields={"requestId": "raw-ip-1"})), "AUTH_FAILED")
        self.caller.allowed_ips = "10.20.0.0/16 127.0.0.1"
        self.assertEqual(self._post(self._raw_submit(fields={"requestId": "raw-ip-2"})).status_code, 200)

    def test_zeep_client_sees_the_fault_code_in_the_detail(self):
        with self.assertRaises(zeep.exceptions.Fault) as info:
            self._submit(client=self._client(password="wrong-secret-wrong-secret-wrong-secret"))
        self.assertEqual(soap.fault_detail(info.exception.detail), ("AUTH_FAILED", ""))
        with self.assertRaises(zeep.exceptions.Fault) as info:
            self._client().service.GetInquiryResult(requestId="nothing-like-it", requesterAgencyCode="AGENCY-A")
        self.assertEqual(soap.fault_detail(info.exception.detail)[0], "UNKNOWN_INQUIRY")
