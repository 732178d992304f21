import http.server
import json
import socket
import threading

import zeep
from lxml import etree

from odoo.tests import HttpCase, tagged
from odoo.tools.misc import file_open

from odoo.addons.miz_inquiry.tools import soap

from .common import NATIONAL_CODE, TOKEN, MizInquiryCommon


class _HangingProvider(http.server.BaseHTTPRequestHandler):
    """A provider whose WSDL loads but whose operation never answers in time (released at cleanup)."""

    release = None  # threading.Event, set per server

    def do_GET(self):
        with file_open("miz_inquiry/static/wsdl/miz_inquiry.wsdl", "rb") as template:
            body = soap.render_wsdl(template.read(), f"http://127.0.0.1:{self.server.server_port}/soap")
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        self.server.release.wait(30)  # the client's operation timeout (1 s) expires first

    def log_message(self, format, *args):  # silence the test server
        pass


@tagged("post_install", "-at_install")
class TestInquirySoapHttp(MizInquiryCommon, HttpCase):
    """Round trips through real HTTP: zeep (outbound) → this server's /miz/inquiry/soap (inbound)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wsdl_url = cls.base_url() + "/miz/inquiry/soap?wsdl"
        cls.type_person.wsdl_url = cls.wsdl_url

    def _new_request(self, inquiry_type, key=NATIONAL_CODE):
        request = self.env["miz.inquiry.request"].with_user(self.inquiry_user).with_context(lang="fa_IR")
        request = request.create({"type_id": inquiry_type.id, "key": key})
        self.env.flush_all()  # the HTTP thread reads what this test wrote, through the same test cursor
        return request

    def _post(self, data, token=TOKEN):
        headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": soap.SOAP_ACTION}
        if token:
            headers[soap.TOKEN_HTTP_HEADER] = token
        self.env.flush_all()
        return self.url_open("/miz/inquiry/soap", data=data, headers=headers)

    def _inbound(self, **domain):
        return self.env["miz.inquiry.inbound"].search([(k, "=", v) for k, v in domain.items()])

    # ---------------------------------------------------------------------------------------------- WSDL
    def test_wsdl_is_served_with_this_server_address_and_zeep_loads_it(self):
        response = self.url_open("/miz/inquiry/soap?wsdl")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("text/xml"))
        root = etree.fromstring(response.content)
        address = root.find(".//{http://schemas.xmlsoap.org/wsdl/soap/}address").get("location")
        self.assertEqual(address, self.base_url() + "/miz/inquiry/soap")
        client = zeep.Client(self.wsdl_url)
        self.assertEqual(client.service._binding_options["address"], self.base_url() + "/miz/inquiry/soap")
        self.assertIn("Inquire", client.service._binding._operations)
        # without ?wsdl the route explains itself instead of failing
        plain = self.url_open("/miz/inquiry/soap")
        self.assertEqual(plain.status_code, 200)
        self.assertIn("?wsdl", plain.text)

    # ---------------------------------------------------------------------------------------------- round trip
    def test_round_trip_person_by_national_code(self):
        request = self._new_request(self.type_person, key="۰۰۱۲۳۴۵۶۷۹")  # Persian digits are normalised
        request.action_send()
        self.assertEqual(request.state, "answered", request.error_message)
        self.assertEqual(request.response_status, "answered")
        self.assertEqual(
            json.loads(request.response_payload),
            {"exists": True, "national_code": NATIONAL_CODE, "name": "علی رضایی"},
        )
        self.assertTrue(request.answered_at)
        self.assertGreater(request.elapsed_ms, 0)
        self.assertEqual(request.attempt_count, 1)
        self.assertFalse(request.error_message)

        inbound = self._inbound(request_id=request.name)
        self.assertEqual(len(inbound), 1)
        self.assertEqual(inbound.state, "answered")
        self.assertEqual(inbound.partner_id, self.caller)
        self.assertEqual(inbound.type_id, self.type_person)
        self.assertEqual(inbound.requester_agency_code, "AGENCY-A")
        self.assertEqual(inbound.remote_addr, "127.0.0.1")
        self.assertEqual(json.loads(inbound.answer)["name"], "علی رضایی")

    def test_round_trip_unknown_person_answers_exists_false(self):
        request = self._new_request(self.type_person, key="0084575948")
        request.action_send()
        self.assertEqual(request.state, "answered")
        self.assertEqual(
            json.loads(request.response_payload), {"exists": False, "national_code": "0084575948", "name": ""}
        )

    def test_invalid_national_code_fails_with_persian_message(self):
        request = self._new_request(self.type_person, key="1234567890")
        request.action_send()
        self.assertEqual(request.state, "failed")
        self.assertIn("کد ملی معتبر نیست", request.error_message)
        self.assertIn("دستگاه پاسخگو استعلام را نپذیرفت", request.error_message)

    def test_bad_token_fails_request_and_logs_rejection(self):
        self.type_person.outbound_token = "not-the-right-token-at-all"
        request = self._new_request(self.type_person)
        request.action_send()
        self.assertEqual(request.state, "failed")
        self.assertIn("احراز هویت", request.error_message)
        self.assertNotIn("Traceback", request.error_message)
        inbound = self._inbound(request_id=request.name)
        self.assertEqual(inbound.state, "rejected")
        self.assertEqual(inbound.fault_code, "Client")
        self.assertFalse(inbound.partner_id)
        # retry with the right token succeeds
        self.type_person.outbound_token = TOKEN
        self.env.flush_all()
        request.action_retry()
        self.assertEqual(request.state, "answered")
        self.assertEqual(request.attempt_count, 2)

    def test_unknown_type_through_zeep_and_raw_post(self):
        unknown = self.env["miz.inquiry.type"].create(
            {
                "name": "Not offered here",
                "code": "vehicle.plate",
                "direction": "outbound",
                "wsdl_url": self.wsdl_url,
                "requester_code": "AGENCY-A",
                "outbound_token": TOKEN,
                "timeout": 10,
            }
        )
        request = self._new_request(unknown)
        request.action_send()
        self.assertEqual(request.state, "failed")
        self.assertIn("نوع استعلام ناشناخته است: vehicle.plate", request.error_message)

        response = self._post(soap.build_inquire("no.such.type", NATIONAL_CODE, "AGENCY-A", "raw-1"))
        self.assertEqual(response.status_code, 500)
        self.assertTrue(response.headers["Content-Type"].startswith("text/xml"))
        self.assertEqual(soap.parse_fault(response.content), ("Client", "نوع استعلام ناشناخته است: no.such.type"))

    def test_type_not_allowed_for_caller(self):
        self.caller.type_ids = self.type_manual
        response = self._post(soap.build_inquire("person.ncode", NATIONAL_CODE, "AGENCY-A", "raw-2"))
        self.assertEqual(response.status_code, 500)
        code, message = soap.parse_fault(response.content)
        self.assertEqual(code, "Client")
        self.assertIn("person.ncode", message)
        self.assertIn("مجاز به استعلام", message)

    def test_wrong_caller_code_with_valid_token_is_refused(self):
        response = self._post(soap.build_inquire("person.ncode", NATIONAL_CODE, "AGENCY-B", "raw-3"))
        self.assertEqual(response.status_code, 500)
        self.assertEqual(soap.parse_fault(response.content)[0], "Client")
        self.assertEqual(self._inbound(request_id="raw-3").state, "rejected")

    def test_token_in_soap_header(self):
        data = soap.build_inquire("person.ncode", NATIONAL_CODE, "AGENCY-A", "raw-4", token=TOKEN)
        response = self._post(data, token=None)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(json.loads(soap.parse_inquire_response(response.content)["answer"])["exists"], True)

    def test_malformed_requests_get_soap_faults_not_html(self):
        for data, expected in (
            (b"<soap:Envelope", "پاکت SOAP"),
            (b"<a>" + b"x" * (soap.MAX_REQUEST_BYTES + 10) + b"</a>", "بزرگ"),
            (soap.build_inquire("person.ncode", "", "AGENCY-A"), "key"),
        ):
            response = self._post(data)
            self.assertEqual(response.status_code, 500)
            self.assertNotIn(b"<html", response.content.lower())
            code, message = soap.parse_fault(response.content)
            self.assertEqual(code, "Client")
            self.assertIn(expected, message)
        self.assertEqual(len(self._inbound(state="rejected")), 3)

    # ---------------------------------------------------------------------------------------------- manual
    def test_manual_answer_files_incoming_letter_then_caller_polls_answer(self):
        data = soap.build_inquire("edu.certificate", "دیپلم ۱۲۳۴", "AGENCY-A", "edu-77")
        response = self._post(data)
        self.assertEqual(response.status_code, 200)
        first = soap.parse_inquire_response(response.content)
        self.assertEqual(first["status"], "pending")
        self.assertIsNone(first["answered_at"])

        inbound = self._inbound(request_id="edu-77")
        self.assertEqual(inbound.state, "pending")
        letter = inbound.letter_id
        self.assertEqual(first["answer"], letter.name)
        self.assertEqual(letter.kind, "incoming")
        self.assertEqual(letter.state, "registered")
        self.assertEqual(letter.agency_id, self.agency)
        self.assertEqual(letter.sender_agency_id, self.other_agency)
        self.assertEqual(letter.origin_ref, inbound)
        self.assertIn("دیپلم ۱۲۳۴", letter.subject)
        self.assertEqual(letter.referral_ids.to_user_id, self.answerer)

        # the person answers in the inbound log; the caller asks again with the same request_id
        inbound.with_user(self.answerer).write({"answer": "مدرک دیپلم معتبر است."})
        inbound.with_user(self.answerer).action_answer()
        self.assertEqual(inbound.answered_by_id, self.answerer)
        second = soap.parse_inquire_response(self._post(data).content)
        self.assertEqual(second["status"], "answered")
        self.assertEqual(second["answer"], "مدرک دیپلم معتبر است.")
        self.assertTrue(second["answered_at"])
        inbound.invalidate_recordset()
        self.assertEqual(inbound.call_count, 2)
        self.assertEqual(len(self._inbound(request_id="edu-77")), 1)

    # ---------------------------------------------------------------------------------------------- network
    def test_timeout_fails_with_persian_message(self):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _HangingProvider)
        server.release = threading.Event()
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        self.addCleanup(thread.join, 5)
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        self.addCleanup(server.release.set)
        slow = self.env["miz.inquiry.type"].create(
            {
                "name": "Slow provider",
                "code": "slow.provider",
                "direction": "outbound",
                "wsdl_url": f"http://127.0.0.1:{server.server_port}/soap?wsdl",
                "requester_code": "AGENCY-A",
                "timeout": 1,
            }
        )
        request = self._new_request(slow)
        request.action_send()
        self.assertEqual(request.state, "failed")
        self.assertIn("1 ثانیه", request.error_message)
        self.assertIn("پاسخ نداد", request.error_message)
        self.assertGreaterEqual(request.elapsed_ms, 1000)

    def test_connection_refused_fails_with_persian_message(self):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        closed = self.env["miz.inquiry.type"].create(
            {
                "name": "Closed provider",
                "code": "closed.provider",
                "direction": "outbound",
                "wsdl_url": f"http://127.0.0.1:{port}/soap?wsdl",
                "requester_code": "AGENCY-A",
                "timeout": 2,
            }
        )
        request = self._new_request(closed)
        request.action_send()
        self.assertEqual(request.state, "failed")
        self.assertIn(f"127.0.0.1:{port}", request.error_message)
        self.assertIn("اتصال", request.error_message)
