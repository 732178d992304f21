import datetime
import http.server
import threading

import requests
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import TOKEN, MizInquiryCommon


class _FlakyResponder(http.server.BaseHTTPRequestHandler):
    """In front of the real responder (this Odoo): the 1st call is forwarded, but its answer is held past the
    client's timeout; the 2nd gets HTTP 503; the 3rd is forwarded and answered."""

    def do_POST(self):
        server = self.server
        body = self.rfile.read(int(self.headers["Content-Length"]))
        server.calls += 1
        if server.calls == 2:
            self.send_response(503)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html>Service Unavailable</html>")
            return
        answer = requests.post(server.target, data=body, headers={"Content-Type": "text/xml"}, timeout=30)
        if server.calls == 1:
            server.release.wait(10)  # the client (timeout 1 s) gave up long before
            return
        self.send_response(answer.status_code)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(answer.content)))
        self.end_headers()
        self.wfile.write(answer.content)

    def log_message(self, format, *args):
        pass


@tagged("post_install", "-at_install")
class TestInquiryQueue(MizInquiryCommon, HttpCase):
    """The outbound queue against real loopback servers: this Odoo as responder, and a flaky one before it."""

    def _serve(self, handler):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.calls = 0
        server.release = threading.Event()
        server.target = self.base_url() + "/miz/inquiry/soap"
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        self.addCleanup(thread.join, 5)
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        self.addCleanup(server.release.set)
        return server

    def _request(self, **vals):
        request = (
            self.env["miz.inquiry.request"]
            .with_user(self.inquiry_user)
            .create(
                {
                    "type_id": self.type_letter.id,
                    "purpose_ref": "1404-KH-1",
                    "param_ids": [Command.create({"name": n, "value": v}) for n, v in self._letter_params()],
                    **vals,
                }
            )
        )
        self.env.flush_all()
        return request

    def test_timeout_then_503_then_answered_exactly_once(self):
        flaky = self._serve(_FlakyResponder)
        self.type_letter.write({"endpoint_url": f"http://127.0.0.1:{flaky.server_port}/soap", "timeout": 1})
        request = self._request()
        self.assertEqual(request.state, "queued")
        Request = self.env["miz.inquiry.request"]
        t0 = fields.Datetime.now()
        self.assertEqual(Request._miz_process_queue(now=t0), 1)
        self.assertEqual((request.state, request.attempt_count), ("queued", 1))
        self.assertIn("1 ثانیه", request.last_error)  # the queue writes Persian
        self.assertEqual(request.next_attempt_at, t0 + datetime.timedelta(seconds=60))
        self.assertEqual(Request._miz_process_queue(now=t0 + datetime.timedelta(seconds=30)), 0)  # not due yet
        t1 = t0 + datetime.timedelta(seconds=61)
        self.assertEqual(Request._miz_process_queue(now=t1), 1)
        self.assertEqual((request.state, request.attempt_count), ("queued", 2))
        self.assertIn("503", request.last_error)
        self.assertEqual(request.next_attempt_at, t1 + datetime.timedelta(seconds=120))  # doubled
        t2 = t1 + datetime.timedelta(seconds=121)
        self.assertEqual(Request._miz_process_queue(now=t2), 1)
        self.assertEqual((request.state, request.attempt_count, request.answer_code), ("answered", 3, "VALID"))
        self.assertFalse(request.next_attempt_at)
        self.assertEqual(flaky.calls, 3)
        # exactly one inquiry at the responder although it received the submission twice
        inbound = self.env["miz.inquiry.inbound"].search([("request_id", "=", request.request_uuid)])
        self.assertEqual(len(inbound), 1)
        self.assertEqual(request.remote_inquiry_id, inbound.name)
        # the envelope log of the asker: the three attempts with their outcomes; the answer keeps our request's hash
        log = request.message_log_ids.sorted("id")
        self.assertEqual(log.mapped("outcome"), ["TIMEOUT", "HTTP_503", "ANSWERED"])
        self.assertEqual(log.mapped("http_status"), [0, 503, 200])
        self.assertEqual(request.answered_request_sha256, log[-1].request_sha256)
        # the responder kept the hash of the first submission it received (attempt 1, whose answer was lost)
        self.assertEqual(inbound.request_sha256, log[0].request_sha256)

    def test_fault_is_final_at_once(self):
        self.type_letter.endpoint_url = self.base_url() + "/miz/inquiry/soap"
        self.caller.type_ids = self.type_manual  # letter.verify no longer granted
        request = self._request()
        self.env["miz.inquiry.request"]._miz_process_queue()
        self.assertEqual((request.state, request.attempt_count, request.fault_code), ("failed", 1, "TYPE_NOT_GRANTED"))
        self.assertFalse(request.next_attempt_at)
        self.assertEqual(self.env["miz.inquiry.request"]._miz_process_queue(), 0)
        self.assertEqual(request.message_log_ids.outcome, "TYPE_NOT_GRANTED")

    def test_wrong_secret_is_final_and_connection_refused_is_retried(self):
        self.type_letter.sudo().outbound_secret = "wrong-wrong-wrong-wrong-wrong-wrong"
        self.type_letter.endpoint_url = self.base_url() + "/miz/inquiry/soap"
        request = self._request()
        self.env["miz.inquiry.request"]._miz_process_queue()
        self.assertEqual((request.state, request.fault_code), ("failed", "AUTH_FAILED"))
        self.type_letter.sudo().outbound_secret = TOKEN
        self.type_letter.endpoint_url = "http://127.0.0.1:9/soap"  # discard port: refused
        other = self._request()
        self.env["miz.inquiry.request"]._miz_process_queue()
        self.assertEqual((other.state, other.attempt_count), ("queued", 1))
        self.assertIn("127.0.0.1:9", other.last_error)


@tagged("post_install", "-at_install")
class TestInquiryPaperAndDeadline(MizInquiryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type_paper = cls.env["miz.inquiry.type"].create(
            {
                "name": "Paper only",
                "code": "paper.only",
                "direction": "outbound",
                "agency_id": cls.agency.id,
                "provider_agency_id": cls.other_agency.id,
                "sla_days": 3,
            }
        )

    def test_paper_in_one_click_and_the_reply_letter_answers(self):
        request = (
            self.env["miz.inquiry.request"]
            .with_user(self.answerer)
            .create({"type_id": self.type_paper.id, "purpose_ref": "1404-KH-5"})
        )
        self.assertEqual(request.state, "paper_needed")
        # someone who is not a secretariat clerk of the agency cannot register it: nothing is written
        with self.assertRaises(UserError):
            request.with_user(self.inquiry_user).action_file_paper()
        self.assertFalse(request.letter_id)
        request.with_user(self.answerer).action_file_paper()
        letter = request.letter_id
        self.assertEqual((request.state, letter.kind, letter.state), ("paper", "outgoing", "registered"))
        self.assertEqual(letter.recipient_agency_ids, self.other_agency)
        self.assertIn(request.name, letter.body)
        reply = self.env["miz.secretariat.letter"]._miz_register_incoming(
            {
                "agency_id": self.agency.id,
                "subject": "پاسخ استعلام",
                "body": "<p>سابقه‌ای ندارد.</p>",
                "sender_agency_id": self.other_agency.id,
                "reply_to_id": letter.id,
            }
        )
        self.assertEqual(
            (request.state, request.answer_code, request.reply_letter_id), ("answered", "ANSWERED_BY_LETTER", reply)
        )
        self.assertEqual(request.answer_text, "سابقه‌ای ندارد.")

    def test_deadline_on_the_agency_calendar_and_overdue_activity_once(self):
        with freeze_time("2025-03-03 06:00:00"):  # Monday 12 Esfand 1403
            request = (
                self.env["miz.inquiry.request"]
                .with_user(self.inquiry_user)
                .create({"type_id": self.type_paper.id, "purpose_ref": "1404-KH-6"})
            )
        self.assertEqual(request.deadline_date, self.agency.add_working_days(datetime.date(2025, 3, 3), 3))
        Request = self.env["miz.inquiry.request"]
        with freeze_time(request.deadline_date):
            self.assertEqual(Request._cron_overdue(), 0)
        with freeze_time(request.deadline_date + datetime.timedelta(days=1, hours=12)):
            self.assertEqual(Request._cron_overdue(), 1)
            self.assertEqual(Request._cron_overdue(), 0)
        self.assertEqual(request.activity_ids.user_id, self.inquiry_user)

    def test_envelope_log_purge_and_visibility(self):
        Message = self.env["miz.inquiry.message"]
        old = Message._miz_log({"direction": "in", "operation": "SubmitInquiry", "agency_id": self.agency.id})
        new = Message._miz_log({"direction": "in", "operation": "SubmitInquiry", "agency_id": self.agency.id})
        old.create_date = fields.Datetime.now() - datetime.timedelta(days=400)
        self.env.flush_all()
        Message._cron_purge()
        self.assertFalse(old.exists())
        self.assertTrue(new.exists())
        self.assertEqual(Message.with_user(self.inquiry_user).search([("id", "=", new.id)]), new)
        plain = new_test_user(self.env, login="miz_inq_plain", groups="base.group_user")
        self.assertFalse(Message.with_user(plain).has_access("read"))
