import datetime
import re

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.miz_khedmat.tests.common import NATIONAL_CODE, OTHER_NATIONAL_CODE, T0, pdf_text, tehran

from ..controllers.tracking import TRACK_LIMIT_IP
from .common import PDF, MizKhedmatOnlineSetup, csrf


def error_of(page):
    match = re.search(r'id="miz_error"[^>]*>([^<]*)<', page.text)
    return match.group(1) if match else None


@tagged("post_install", "-at_install")
class TestOnlineTracking(MizKhedmatOnlineSetup, HttpCase):
    """Tracking by code + national code, the response notice, the online objection, the e-survey link, the SMS
    link for missing documents, the hand-over SMS and the portal's “my requests”."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._miz_online_setup()

    def _track(self, code, national):
        form = self.url_open("/miz/track")
        return self.url_open(
            "/miz/track", data={"csrf_token": csrf(form.text), "code": code, "national_code": national}
        )

    def test_right_and_wrong_pairs(self):
        with freeze_time(T0):
            request = self._register(self._new_request())
        right = self._track(request.tracking_code_display, NATIONAL_CODE)
        self.assertEqual(right.status_code, 200)
        self.assertIn('id="miz_track_state"', right.text)
        self.assertIn("ثبت شده", right.text)
        self.assertIn("شهرسازی", right.text)  # the unit holding the file, by name
        self.assertIn("استعلام ثبت", right.text)  # the inquiry the agency obtains itself
        self.assertNotIn("مریم", right.text)
        self.assertNotIn("نماینده شهرسازی", right.text)  # no staff names
        # Persian digits typed work as well
        persian = self._track("".join("۰۱۲۳۴۵۶۷۸۹"[int(c)] for c in request.tracking_code), NATIONAL_CODE)
        self.assertIn('id="miz_track_state"', persian.text)
        self.opener.cookies.clear()
        other = self._new_request(applicant_code=OTHER_NATIONAL_CODE, applicant_name="علی")
        self._register(other)
        unknown = request.tracking_code[:-3] + ("000" if request.tracking_code[-3:] != "000" else "111")
        wrong_pairs = [
            (request.tracking_code, OTHER_NATIONAL_CODE),  # a real code, somebody else's national code
            (other.tracking_code, NATIONAL_CODE),  # a real code of another applicant
            (unknown, NATIONAL_CODE),  # no such code (possibly mistyped)
            ("12", NATIONAL_CODE),  # malformed
        ]
        answers = [self._track(code, national) for code, national in wrong_pairs]
        self.assertEqual({a.status_code for a in answers}, {200})
        messages = {error_of(a) for a in answers}
        self.assertEqual(len(messages), 1, messages)
        self.assertTrue(messages.pop())
        for answer in answers:
            self.assertNotIn('id="miz_track_state"', answer.text)
            self.assertNotIn("صدور پروانه ساختمان", answer.text)
        # the QR / SMS link opens the form with the code, not the status
        link = self.url_open(f"/miz/track/{request.tracking_code}")
        self.assertNotIn('id="miz_track_state"', link.text)
        self.assertIn('name="national_code"', link.text)

    def test_tracking_rate_limited(self):
        with freeze_time(T0):
            request = self._register(self._new_request())
            for _i in range(TRACK_LIMIT_IP[0]):
                self._track("12345678901", NATIONAL_CODE)
            stopped = self._track(request.tracking_code, NATIONAL_CODE)  # even the right pair now
        self.assertEqual(stopped.status_code, 429)
        self.assertNotIn('id="miz_track_state"', stopped.text)

    def test_notice_and_online_objection_opens_review(self):
        with freeze_time(T0) as frozen:
            request = self._register(self._new_request())
            frozen.move_to(tehran(datetime.date(2026, 5, 13), 10))
            self._handle(request, "rejected")
            request.action_notify_response()
            frozen.move_to(tehran(datetime.date(2026, 5, 14), 10))
            deliverable = self.env["ir.attachment"].create(
                {"name": "پاسخ.pdf", "raw": PDF, "res_model": request._name, "res_id": request.id}
            )
            request.sudo().write({"deliverable_attachment_ids": [Command.link(deliverable.id)]})
            other = self.env["ir.attachment"].create({"name": "داخلی.pdf", "raw": PDF})
            url = f"/miz/track/{request.tracking_code}/deliverable/{deliverable.id}"
            self.assertNotEqual(self.url_open(url).content, PDF)  # the pair is not proven yet
            status = self._track(request.tracking_code, NATIONAL_CODE)
            self.assertIn('id="miz_object"', status.text)
            self.assertIn(url, status.text)
            self.assertEqual(self.url_open(url).content, PDF)
            forged = self.url_open(f"/miz/track/{request.tracking_code}/deliverable/{other.id}")
            self.assertNotEqual(forged.content, PDF)
            notice = self.url_open(f"/miz/track/{request.tracking_code}/notice.pdf")
            self.assertEqual(notice.headers["Content-Type"], "application/pdf")
            self.assertIn("ابلاغ", pdf_text(notice.content))
            answer = self.url_open(
                f"/miz/track/{request.tracking_code}/object",
                data={"csrf_token": csrf(status.text), "reason": "عوارض اشتباه محاسبه شده است."},
            )
            # a second objection is not received
            again = self.url_open(
                f"/miz/track/{request.tracking_code}/object", data={"csrf_token": csrf(status.text), "reason": "دوباره"}
            )
        self.assertEqual(again.status_code, 200)
        self.assertEqual(answer.status_code, 200)
        self.assertIn('id="miz_track_message"', answer.text)
        self.assertNotIn('id="miz_object"', answer.text)
        review = request.review_ids
        self.assertEqual(len(review), 1)
        self.assertEqual((review.state, review.review_of_id), ("draft", request))
        self.assertEqual(review.objection_reason, "عوارض اشتباه محاسبه شده است.")
        self.assertTrue(request.objection_date)
        self.assertEqual(len(request.review_ids), 1)

    def test_objection_needs_the_pair_and_the_window(self):
        with freeze_time(T0) as frozen:
            request = self._register(self._new_request())
            frozen.move_to(tehran(datetime.date(2026, 5, 13), 10))
            self._handle(request, "rejected")
            request.action_notify_response()
            page = self.url_open("/miz/track")
            # without the pair check in this session: refused
            self.url_open(
                f"/miz/track/{request.tracking_code}/object", data={"csrf_token": csrf(page.text), "reason": "x"}
            )
            self.assertFalse(request.review_ids)
            # after the window: refused
            frozen.move_to(tehran(datetime.date(2026, 6, 20), 10))
            status = self._track(request.tracking_code, NATIONAL_CODE)
            self.assertIn('id="miz_track_state"', status.text)
            self.assertNotIn('id="miz_object"', status.text)
            late = self.url_open(
                f"/miz/track/{request.tracking_code}/object",
                data={"csrf_token": csrf(self.url_open("/miz/track").text), "reason": "x"},
            )
            self.assertIn('id="miz_track_message"', late.text)
        self.assertFalse(request.review_ids)

    def test_one_survey_per_request(self):
        with freeze_time(T0) as frozen:
            request = self._register(self._new_request())
            frozen.move_to(tehran(datetime.date(2026, 5, 13), 10))
            self._to_delivered_after_register(request)
        url = request._miz_survey_url()
        user_input = self.env["survey.user_input"].sudo().search([("miz_request_id", "=", request.id)])
        self.assertEqual(len(user_input), 1)
        self.assertEqual(user_input.miz_entry_mode, "link")
        rated = self.env["survey.user_input"]._miz_rated_questions()
        for question in rated:
            user_input._save_lines(question, question.suggested_answer_ids[-1].id)
        user_input._mark_done()
        # the link sent again leads to the same, completed answer: no second one
        self.assertEqual(request._miz_survey_url(), url)
        with self.assertRaises(UserError):
            request.action_miz_survey_send()
        done = self.env["survey.user_input"].sudo().search([("miz_request_id", "=", request.id)])
        self.assertEqual(len(done), 1)
        self.assertEqual(done.state, "done")
        page = self.url_open(url.removeprefix(request.get_base_url()))
        self.assertEqual(page.status_code, 200)
        # answering the completed answer again through the public route is refused by Odoo's survey
        survey_token = done.survey_id.access_token
        again = self.opener.post(
            f"{done.get_base_url()}/survey/submit/{survey_token}/{done.access_token}",
            json={"params": {"csrf_token": csrf(page.text), "token": done.access_token}},
        )
        self.assertEqual(again.json()["result"][1].get("error"), "unauthorized")
        self.assertEqual(self.env["survey.user_input"].sudo().search_count([("miz_request_id", "=", request.id)]), 1)

    def _to_delivered_after_register(self, request):
        self._handle(request)
        request.action_notify_response()
        request.action_deliver()

    def test_missing_documents_link_moves_the_promise(self):
        with freeze_time(T0) as frozen:
            request = self._register(self._new_request())
            self.assertEqual(request.promised_date, datetime.date(2026, 5, 18))
            plan = request.document_ids.filtered(lambda d: d.name == "نقشه معماری")
            wizard = (
                self.env["miz.khedmat.online.completion.wizard"]
                .with_user(self.clerk)
                .create({"request_id": request.id, "document_ids": [Command.set(plan.ids)], "note": "ناخوانا"})
            )
            wizard.action_send()
            self.assertTrue(request.online_waiting)
            sms = self.env["sms.sms"].sudo().search([("body", "ilike", "/miz/online/complete/")])
            self.assertEqual(len(sms), 1)
            path = re.search(r"(/miz/online/complete/\S+)", sms.body).group(1)
            self.assertNotIn(path.rsplit("/", 1)[-1], request.online_completion_ids.token_hash)
            # two working days later (Wed 13, Sun 17) the applicant sends it
            frozen.move_to(tehran(datetime.date(2026, 5, 17), 11))
            page = self.url_open(path)
            self.assertIn("ناخوانا", page.text)
            done = self.url_open(
                path,
                data={"csrf_token": csrf(page.text)},
                files=[(f"doc_{plan.id}", ("plan.pdf", PDF, "application/pdf"))],
            )
        self.assertIn('id="miz_complete_done"', done.text)
        completion = request.online_completion_ids
        self.assertEqual((completion.state, completion.paused_days), ("done", 2))
        self.assertEqual(request.promised_date, datetime.date(2026, 5, 20))  # Mon 18 + two working days
        self.assertFalse(request.online_waiting)
        self.assertIn("plan.pdf", plan.attachment_ids.mapped("name"))
        self.assertEqual(self.url_open(path).status_code, 404)  # the link is closed

    def test_handover_sms_when_the_service_asks(self):
        self.service.online_sms_handover = True
        with freeze_time(T0):
            request = self._register(self._new_request())
            step = request.step_ids[0]
            step.with_user(self.rep_a).action_receive()
            step.with_user(self.rep_a).action_hand_over()
        bodies = self._sms_of(request).mapped("body")
        handed = [b for b in bodies if "«درآمد»" in b]
        self.assertEqual(len(handed), 1, bodies)
        self.assertIn(f"/miz/track/{request.tracking_code}", handed[0])

    def test_every_sms_after_registration_links_the_tracking_page(self):
        with freeze_time(T0):
            request = self._to_result(self._new_request())
            request.action_notify_response()
            # the file is sent back to the desk for a missing document: the deficiency SMS
            other = self._register(self._new_request(applicant_code=OTHER_NATIONAL_CODE, applicant_name="علی"))
            step = other.step_ids.sorted("sequence")[0]
            step.with_user(step.unit_id.representative_id).write({"note": "گواهی پایان کار"})
            step.with_user(step.unit_id.representative_id).action_back_to_desk()
        link = f"\nپیگیری: {request.get_base_url()}/miz/track/"
        bodies = self._sms_of(request).mapped("body")
        ready = [b for b in bodies if "آماده است" in b]
        response = [b for b in bodies if "پاسخ درخواست شما" in b]
        self.assertEqual((len(ready), len(response)), (1, 1), bodies)
        for body in ready + response:
            self.assertTrue(body.endswith(link + request.tracking_code), body)
        # before registration there is no code: the intake's deficiency notice carries no link
        draft = self._new_request(applicant_code="0071001001", applicant_name="رضا")
        draft.action_mark_deficient()
        (deficient,) = self._sms_of(draft).mapped("body")
        self.assertNotIn("پیگیری", deficient)
        self.assertNotIn("/miz/track", deficient)
        (sent_back,) = (b for b in self._sms_of(other).mapped("body") if "گواهی پایان کار" in b)
        self.assertTrue(sent_back.endswith(link + other.tracking_code), sent_back)

    def test_portal_user_sees_only_his_requests(self):
        mine = self._register(self._new_request())
        theirs = self._register(self._new_request(applicant_code=OTHER_NATIONAL_CODE, applicant_name="علی"))
        citizen = new_test_user(
            self.env, login="miz_portal_citizen", groups="base.group_portal", password="miz_portal_citizen"
        )
        citizen.partner_id = mine.partner_id
        Request = self.env["miz.khedmat.request"].with_user(citizen)
        self.assertEqual(Request.search([]), mine)
        with self.assertRaises(AccessError):
            Request.browse(theirs.id).read(["tracking_code"])
        self.authenticate("miz_portal_citizen", "miz_portal_citizen")
        listing = self.url_open("/my/miz/requests")
        self.assertIn(f"/my/miz/requests/{mine.id}", listing.text)
        self.assertNotIn("/my/miz/requests/%s" % theirs.id, listing.text)
        self.assertEqual(self.url_open(f"/my/miz/requests/{mine.id}").status_code, 200)
        self.assertEqual(self.url_open(f"/my/miz/requests/{theirs.id}").status_code, 404)
        self.assertEqual(self.url_open(f"/my/miz/requests/{theirs.id}/receipt.pdf").status_code, 404)
        self.assertEqual(self.url_open("/my/miz/requests/999999").status_code, 404)
        home = self.url_open("/my")
        self.assertEqual(home.status_code, 200)
        self.assertIn("/my/miz/requests", home.text)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["miz_request_count"]})
        self.assertEqual(counters["miz_request_count"], 1)

    def test_rpc_attacks_refused(self):
        """What a logged-in portal user or a clerk of another agency can call over RPC, with forged context keys."""
        request = self._register(self._new_request())
        citizen = new_test_user(self.env, login="miz_portal_attacker", groups="base.group_portal")
        citizen.partner_id = request.partner_id  # even the applicant himself is no desk clerk
        forged = {"miz_khedmat_internal": True, "active_test": False, "default_origin": "online"}
        for user in (citizen, self.outsider):
            with self.assertRaises(UserError):  # AccessError is a UserError
                request.with_user(user).with_context(**forged).action_miz_online_ask_documents()
            with self.assertRaises(UserError):  # AccessError is a UserError
                request.with_user(user).with_context(**forged).action_object("بی‌دلیل")
        with self.assertRaises(AccessError):
            request.with_user(citizen).write({"note": "x"})
        with self.assertRaises(AccessError):
            self.env["miz.khedmat.online.otp"].with_user(citizen).search([])
        with self.assertRaises(AccessError):
            self.env["miz.khedmat.online.throttle"].with_user(self.clerk).search([])
        request.invalidate_recordset()
        self.assertFalse(request.online_completion_ids)
        self.assertFalse(request.review_ids)
        self.assertFalse(request.note)

    def test_unit_back_to_desk_sends_the_upload_link_to_an_online_applicant(self):
        with freeze_time(T0) as frozen:
            request = self._register(self._new_request())
            request.sudo().write({"origin": "online"})
            step = request.step_ids[0]
            step.with_user(self.rep_a).action_receive()
            step.with_user(self.rep_a).write({"note": "گواهی عدم خلافی"})
            step.with_user(self.rep_a).action_back_to_desk()
            self.assertTrue(request.paused_since)
            completion = request.online_completion_ids
            self.assertEqual((completion.state, completion.desk_pause), ("open", True))
            self.assertEqual(completion.document_ids.name, "گواهی عدم خلافی")
            with self.assertRaises(UserError):  # no second pause of the promise from the desk's wizard
                request.with_user(self.clerk).action_miz_online_ask_documents()
            sms = self.env["sms.sms"].sudo().search([("body", "ilike", "/miz/online/complete/")])
            path = re.search(r"(/miz/online/complete/\S+)", sms.body).group(1)
            frozen.move_to(tehran(datetime.date(2026, 5, 13), 11))
            page = self.url_open(path)
            document = completion.document_ids
            done = self.url_open(
                path,
                data={"csrf_token": csrf(page.text)},
                files=[(f"doc_{document.id}", ("cert.pdf", PDF, "application/pdf"))],
            )
            self.assertIn('id="miz_complete_done"', done.text)
            # the desk's pause still holds the promise; the clerk checks the upload and resumes
            self.assertEqual(completion.state, "done")
            self.assertTrue(request.paused_since)
            self.assertEqual(request.promised_date, datetime.date(2026, 5, 18))
            self.assertTrue(request.activity_ids.filtered(lambda a: a.user_id == request.clerk_id))
            frozen.move_to(tehran(datetime.date(2026, 5, 17), 11))
            request.with_user(self.clerk).action_resume_documents()
        self.assertFalse(request.paused_since)
        self.assertGreater(request.promised_date, datetime.date(2026, 5, 18))
        self.assertEqual(completion.paused_days, 0)  # moved once, by the desk's pause only
