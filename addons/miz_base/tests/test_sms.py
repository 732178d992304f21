import json
import logging
from urllib.parse import quote, quote_plus

from odoo.tests import TransactionCase, tagged

from .sms_fake_server import FakeSmsServer

BODY = "درخواست ۱۲۳ شما ثبت شد"
KAVENEGAR_OK = {
    "return": {"status": 200, "message": "تایید شد"},
    "entries": [
        {
            "messageid": 8792343,
            "message": BODY,
            "status": 1,
            "statustext": "در صف ارسال",
            "sender": "10004346",
            "receptor": "09123456789",
            "date": 1356619709,
            "cost": 120,
        }
    ],
}


@tagged("post_install", "-at_install")
class TestSms(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = FakeSmsServer().start()
        cls.addClassCleanup(cls.server.stop)
        cls.Sms = cls.env["sms.sms"]
        cls.kavenegar = cls.env["miz.sms.provider"].create(
            {
                "name": "Kavenegar (fake)",
                "kind": "kavenegar",
                "sequence": 1,
                "base_url": cls.server.url,
                "api_key": "TEST-KEY",
                "sender": "10004346",
                "timeout": 5,
                "max_attempts": 3,
            }
        )
        cls.partner = cls.env["res.partner"].create({"name": "شهروند آزمایشی", "mobile": "+98 912 345 6789"})

    def setUp(self):
        super().setUp()
        self.server.requests.clear()
        self.server.answer(200, KAVENEGAR_OK)

    def _queue(self, number="+98 912 345 6789", body=BODY, **vals):
        return self.Sms.create({"number": number, "body": body, **vals})

    def _run_cron(self):
        self.env.ref("sms.ir_cron_sms_scheduler_action").method_direct_trigger()

    # ------------------------------------------------------------------ Kavenegar
    def test_kavenegar_queued_then_sent(self):
        sms = self._queue()
        sms.send()  # what business code does: it must only queue
        self.assertEqual(sms.state, "outgoing")
        self.assertEqual(self.server.requests, [], "nothing may be sent inside the caller's transaction")
        self.Sms._process_queue()
        self.assertEqual(sms.state, "pending")
        self.assertFalse(sms.failure_type)
        self.assertEqual(sms.miz_attempts, 1)
        self.assertEqual(sms.miz_provider_id, self.kavenegar)
        self.assertEqual(len(self.server.requests), 1)
        request = self.server.requests[0]
        self.assertEqual(request["method"], "POST")
        self.assertEqual(request["path"], "/v1/TEST-KEY/sms/send.json")
        self.assertEqual(request["form"], {"receptor": "09123456789", "message": BODY, "sender": "10004346"})

    def test_chatter_sms_goes_through_queue(self):
        self.partner._message_sms(BODY, partner_ids=self.partner.ids)
        sms = self.Sms.search([("partner_id", "=", self.partner.id), ("body", "=", BODY)])
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.state, "outgoing")
        self.assertEqual(self.server.requests, [])
        self._run_cron()
        self.assertEqual(sms.state, "pending")
        self.assertEqual(self.server.requests[0]["form"]["receptor"], "09123456789")
        notification = self.env["mail.notification"].search([("sms_id_int", "=", sms.id)])
        self.assertEqual(notification.notification_status, "pending")

    def test_kavenegar_error_then_cron_retry(self):
        self.server.answer(418, {"return": {"status": 418, "message": "اعتبار حساب شما کافی نیست"}, "entries": None})
        sms = self._queue()
        self.Sms._process_queue()
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.failure_type, "sms_credit")
        self.assertIn("418", sms.miz_error)
        self.assertIn("اعتبار حساب شما کافی نیست", sms.miz_error)
        self.assertEqual(sms.miz_attempts, 1)
        self.assertTrue(sms.miz_retry)
        # the provider is fine again: the cron retries and sends
        self.server.answer(200, KAVENEGAR_OK)
        self._run_cron()
        self.assertEqual(sms.state, "pending")
        self.assertFalse(sms.miz_error)
        self.assertEqual(sms.miz_attempts, 2)
        self.assertEqual(len(self.server.requests), 2)

    def test_kavenegar_max_attempts(self):
        self.server.answer(409, {"return": {"status": 409, "message": "سرور قادر به پاسخگوئی نیست"}, "entries": None})
        sms = self._queue()
        for _i in range(5):
            self._run_cron()
        self.assertEqual(len(self.server.requests), 3, "max_attempts=3: three tries, then it stays in error")
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.miz_attempts, 3)
        self.assertFalse(sms.miz_retry)
        self.assertIn("409", sms.miz_error)
        # a manager retries by hand: back in the queue with fresh attempts
        sms.action_miz_retry()
        self.assertEqual(sms.state, "outgoing")
        self.assertEqual(sms.miz_attempts, 0)

    def test_kavenegar_invalid_receptor_not_retried(self):
        self.server.answer(411, {"return": {"status": 411, "message": "گیرنده نامعتبر است"}, "entries": None})
        sms = self._queue()
        self._run_cron()
        self._run_cron()
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.failure_type, "sms_number_format")
        self.assertFalse(sms.miz_retry)
        self.assertEqual(len(self.server.requests), 1)

    def test_timeout(self):
        self.kavenegar.timeout = 0.3
        self.server.answer(200, KAVENEGAR_OK, delay=5)
        sms = self._queue()
        self.Sms._process_queue()
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.failure_type, "sms_server")
        self.assertIn("timeout", sms.miz_error)
        self.assertIn("0.3", sms.miz_error)
        self.assertTrue(sms.miz_retry)

    def test_invalid_number_no_network(self):
        sms = self._queue(number="021-6612345")
        self.Sms._process_queue()
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.failure_type, "sms_number_format")
        self.assertIn("021-6612345", sms.miz_error)
        self.assertEqual(self.server.requests, [])

    # ------------------------------------------------------------------ generic HTTP
    def test_generic_http_get(self):
        provider = self.env["miz.sms.provider"].create(
            {
                "name": "Gateway",
                "kind": "http",
                "http_method": "GET",
                "sender": "3000",
                "http_url": self.server.url + "/send?to={to}&text={message}&from={sender}",
                "http_success_regex": r'"result":\s*"ok"',
            }
        )
        self.server.answer(200, {"result": "ok"})
        sms = self._queue(number="۰۹۱۲۳۴۵۶۷۸۹", miz_provider_id=provider.id)
        self.Sms._process_queue()
        self.assertEqual(sms.state, "pending")
        request = self.server.requests[0]
        self.assertEqual((request["method"], request["path"]), ("GET", "/send"))
        self.assertEqual(request["query"], {"to": "09123456789", "text": BODY, "from": "3000"})
        # 200 without the confirmation: not sent
        self.server.answer(200, {"result": "rejected"})
        sms2 = self._queue(miz_provider_id=provider.id)
        self.Sms._process_queue()
        self.assertEqual(sms2.state, "error")
        self.assertIn("rejected", sms2.miz_error)

    def test_generic_http_post_json_and_status(self):
        provider = self.env["miz.sms.provider"].create(
            {
                "name": "JSON gateway",
                "kind": "http",
                "http_method": "POST",
                "http_body_type": "json",
                "http_url": self.server.url + "/api/sms",
                "http_success_codes": "200,201",
                "http_body": '{"to": "{to}", "text": "{message}"}',
            }
        )
        self.server.answer(201, {"id": 7})
        sms = self._queue(body='خط "اول"', miz_provider_id=provider.id)
        self.Sms._process_queue()
        self.assertEqual(sms.state, "pending")
        self.assertEqual(self.server.requests[0]["body"], '{"to": "09123456789", "text": "خط \\"اول\\""}')
        self.server.answer(503, {"error": "maintenance"})
        sms2 = self._queue(miz_provider_id=provider.id)
        self.Sms._process_queue()
        self.assertEqual(sms2.state, "error")
        self.assertIn("503", sms2.miz_error)
        self.assertTrue(sms2.miz_retry)

    # ------------------------------------------------------------------ log-only
    def test_log_provider_reports_not_delivered(self):
        self.kavenegar.active = False
        log_provider = self.env.ref("miz_base.miz_sms_provider_log")
        self.assertEqual(self.env["miz.sms.provider"]._get_default(), log_provider)
        sms = self._queue()
        with self.assertLogs("odoo.addons.miz_base.models.miz_sms_provider", logging.INFO) as logs:
            self.Sms._process_queue()
        self.assertEqual(sms.state, "error", "nothing was delivered: the message must not look sent")
        self.assertEqual(sms.failure_type, "sms_acc")
        # the reason is written in the queue's language (Persian in a Persian database): the state and failure type
        # above are what the chatter and the retry rely on; the wording is checked in Persian below
        self.assertTrue(sms.miz_error)
        self.assertNotIn(BODY, sms.miz_error)
        self.assertFalse(sms.miz_retry)
        self.assertEqual(sms.miz_provider_id, log_provider)
        self.assertTrue(any("09123456789" in line and BODY in line for line in logs.output))
        self.assertEqual(self.server.requests, [])

    def test_log_provider_shows_not_delivered_on_the_chatter_in_persian(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        self.kavenegar.active = False
        partner = self.partner.with_context(lang="fa_IR")
        message = partner._message_sms(BODY, partner_ids=partner.ids)
        self.Sms.with_context(lang="fa_IR")._process_queue()
        notification = message.notification_ids
        self.assertEqual(len(notification), 1)
        self.assertEqual(notification.notification_type, "sms")
        self.assertEqual(notification.notification_status, "exception")
        self.assertEqual(notification.failure_type, "sms_acc")
        self.assertIn("هیچ سامانهٔ پیامکی تنظیم نشده", notification.failure_reason)
        self.assertIn("ارسال نشد", notification.failure_reason)

    # ------------------------------------------------------------------ the API key stays secret
    def _assert_key_absent(self, key, texts):
        forms = {key, quote(key, safe=""), quote_plus(key)}
        for text in texts:
            for form in forms:
                self.assertNotIn(form, text or "")

    def _send_and_collect(self, key, partner):
        """Send an SMS to ``partner`` from its chatter; return every text a person or the log can see."""
        message = partner._message_sms(BODY, partner_ids=partner.ids)
        sms = self.Sms.search([("mail_message_id", "=", message.id)])
        with self.assertLogs(level=logging.DEBUG) as logs:
            self.Sms._process_queue()
        self.assertEqual(sms.state, "error")
        notification = message.notification_ids
        self.assertEqual(notification.notification_status, "exception")
        return sms, [
            sms.miz_error,
            notification.failure_reason,
            *partner.message_ids.mapped("body"),
            *logs.output,
        ]

    def test_kavenegar_key_not_in_error_chatter_or_log_when_the_gateway_repeats_the_url(self):
        key = "SECRET-KEY+/=42"
        self.kavenegar.api_key = key
        self.server.answer(500, lambda request: f"<h1>500 Internal error at {request['raw_path']}</h1>".encode())
        sms, texts = self._send_and_collect(key, self.partner)
        self.assertIn(quote(key, safe=""), self.server.requests[0]["raw_path"], "the fake gateway got the key")
        self.assertIn("500", sms.miz_error)
        self.assertIn("/v1/***/sms/send.json", sms.miz_error)
        self._assert_key_absent(key, texts)

    def test_kavenegar_key_not_in_error_chatter_or_log_when_unreachable(self):
        key = "SECRET-KEY-UNREACHABLE-42"
        with FakeSmsServer() as gone:
            url = gone.url
        # nothing listens there any more: requests raises an error that repeats the URL (and so the key)
        self.kavenegar.write({"api_key": key, "base_url": url})
        sms, texts = self._send_and_collect(key, self.partner)
        self.assertTrue(sms.miz_retry)
        self.assertIn("Kavenegar (fake)", sms.miz_error)
        self._assert_key_absent(key, texts)

    def test_generic_http_key_not_in_error_when_the_gateway_echoes_the_request(self):
        key = "GW-SECRET-0042"
        provider = self.env["miz.sms.provider"].create(
            {
                "name": "Gateway with key",
                "kind": "http",
                "sequence": 0,
                "http_method": "GET",
                "api_key": key,
                "http_url": self.server.url + "/send?key={api_key}&to={to}&text={message}",
            }
        )
        self.server.answer(403, lambda request: json.dumps({"error": "bad key", "query": request["query"]}).encode())
        sms, texts = self._send_and_collect(key, self.partner)
        self.assertEqual(sms.miz_provider_id, provider)
        self.assertEqual(self.server.requests[0]["query"]["key"], key)
        self.assertIn("403", sms.miz_error)
        self._assert_key_absent(key, texts)
