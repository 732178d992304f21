import datetime
import re

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.miz_base.tools import jalali

from .common import MOBILE, T0, MizKhedmatCommon, MizKhedmatSetup, tehran

LEVELS = ["خیلی زیاد", "زیاد", "متوسط", "کم", "کمتر"]
AXES = [
    "شفافیت فرایندی",
    "پاسخگویی و مسئولیت پذیری",
    "تسلط بر فرایند",
    "زمان فرایند",
    "نظام مند بودن فرایند",
    "کلیت فرایند",
]


@tagged("post_install", "-at_install")
class TestSurvey(MizKhedmatCommon):
    def _level(self, question, label):
        return question.suggested_answer_ids.filtered(lambda a: a.value == label)

    def test_questionnaire_data(self):
        survey = self.env.ref("miz_khedmat.survey_miz_satisfaction")
        self.assertEqual(survey.title, "پرسشنامه سنجش رضایت ارباب رجوع از خدمات")
        self.assertEqual(survey.access_mode, "token")
        rated = self.env["survey.user_input"]._miz_rated_questions(survey)
        self.assertEqual(len(rated), 16)
        self.assertEqual(rated[0].title, "نحوه اطلاع رسانی درباره مراحل انجام کار")
        self.assertEqual(rated[9].title, 'تعهد و پایبندی دستگاه به زمان ارائه خدمت در فرم "رسید خدمت"')
        self.assertEqual(rated[15].title, "احساس رضایت از خدمت دریافت شده")
        for question in rated:
            self.assertEqual(question.suggested_answer_ids.mapped("value"), LEVELS)
            self.assertEqual(question.suggested_answer_ids.mapped("answer_score"), [5, 4, 3, 2, 1])
        self.assertEqual(survey.page_ids.mapped("title"), AXES)
        self.assertEqual(len(rated.filtered(lambda q: q.page_id.title == "نظام مند بودن فرایند")), 3)
        others = survey.question_ids - rated
        self.assertEqual(
            [(q.title, q.question_type) for q in others],
            [
                ("جنسیت", "simple_choice"),
                ("سن", "numerical_box"),
                ("تحصیلات", "char_box"),
                ("شغل", "char_box"),
                ("دفعات مراجعه برای دریافت خدمت فعلی در سال اخیر", "numerical_box"),
                (
                    "چنانچه علاوه بر موارد فوق مطلب یا پیشنهادی در خصوص نحوه انجام خدمات و اصلاح روشهای انجام کار "
                    "در زمینه مورد نظر خود دارید مرقوم فرمایید:",
                    "text_box",
                ),
            ],
        )
        self.assertEqual(others[0].suggested_answer_ids.mapped("value"), ["مرد", "زن"])

    def test_not_offered_before_delivery(self):
        request = self._register(self._new_request())
        with self.assertRaises(UserError):
            request.with_user(self.clerk).action_miz_survey_entry()
        with self.assertRaises(UserError):
            request._miz_survey_record({})

    def test_answers_linked_and_aggregated(self):
        request = self._to_delivered(self._new_request())
        third = self._to_delivered(self._new_request(applicant_code="0013456784", applicant_name="رضا کریمی"))
        other = self._to_delivered(self._new_request(service_id=self.service_b.id))
        Input = self.env["survey.user_input"]
        rated = Input._miz_rated_questions()
        q1, q2, q16 = rated[0], rated[1], rated[15]
        comment = self.env.ref("miz_khedmat.survey_miz_satisfaction_comment")
        first = {q: self._level(q, "خیلی زیاد").id for q in rated}
        first[q1] = self._level(q1, "کم").id
        first[comment] = "سپاس از پیگیری"
        second = {q: self._level(q, "متوسط").id for q in rated}
        second[q16] = self._level(q16, "کمتر").id
        # paper form through the wizard, second through the API (the SMS-link path saves the same lines)
        wizard = (
            self.env["miz.khedmat.survey.entry"]
            .with_user(self.clerk)
            .with_context(default_request_id=request.id)
            .create({})
        )
        self.assertEqual(len(wizard.line_ids), 22)
        for line in wizard.line_ids:
            if line.question_id in first:
                value = first[line.question_id]
                if line.question_type == "simple_choice":
                    line.answer_id = value
                else:
                    line.value_text = value
        wizard.action_confirm()
        # one questionnaire per request: the paper form closes the link
        with self.assertRaises(UserError):
            request._miz_survey_record(second, entry_mode="link")
        self.assertEqual(len(request.miz_survey_input_ids), 1)
        answer2 = third._miz_survey_record(second, entry_mode="link")
        other._miz_survey_record({q1: self._level(q1, "خیلی زیاد").id})
        answers = (request | third).miz_survey_input_ids
        self.assertEqual(len(answers), 2)
        self.assertIn(answer2, answers)
        year, index, _start, _end = jalali.bimonthly_period(answers[0].miz_period_date)
        for answer in answers:
            self.assertEqual(answer.state, "done")
            self.assertIn(answer.miz_request_id, request | third)
            self.assertEqual(answer.miz_service_id, self.service)
            self.assertEqual((answer.miz_period_year, answer.miz_period_index), (year, index))
            self.assertTrue(answer.miz_period_label.startswith(f"{year}-{index} ("))
        self.assertEqual(set(answers.mapped("miz_entry_mode")), {"paper", "link"})
        comment_line = answers.user_input_line_ids.filtered(lambda line: line.question_id == comment)
        self.assertEqual(comment_line.value_text_box, "سپاس از پیگیری")

        stats = Input._miz_satisfaction_by_question(
            [("miz_service_id", "=", self.service.id), ("miz_period_year", "=", year), ("miz_period_index", "=", index)]
        )
        self.assertEqual(len(stats), 16)
        by_number = {row["number"]: row for row in stats}
        self.assertEqual(by_number[1]["count"], 2)
        self.assertAlmostEqual(by_number[1]["average"], 2.5)  # کم (2) and متوسط (3)
        self.assertEqual(by_number[1]["levels"], {2: 1, 3: 1})
        self.assertAlmostEqual(by_number[2]["average"], 4.0)  # خیلی زیاد (5) and متوسط (3)
        self.assertAlmostEqual(by_number[16]["average"], 3.0)  # خیلی زیاد (5) and کمتر (1)
        self.assertEqual(by_number[16]["axis"], "کلیت فرایند")
        self.assertAlmostEqual(by_number[2]["percent"], 75.0)
        # all services: the other request's answer to question 1 joins in
        everything = Input._miz_satisfaction_by_question(
            [("miz_period_year", "=", year), ("miz_request_id.agency_id", "=", self.agency.id)]
        )
        self.assertEqual(everything[0]["count"], 3)
        self.assertAlmostEqual(everything[0]["average"], 10 / 3, places=2)
        self.assertEqual(everything[1]["count"], 2)
        # another period has nothing
        empty = Input._miz_satisfaction_by_question([("miz_period_year", "=", year - 1)])
        self.assertEqual([row["count"] for row in empty], [0] * 16)
        # the dashboard view agrees
        self.env.flush_all()
        Report = self.env["report.miz.khedmat.satisfaction"]
        groups = Report._read_group([("service_id", "=", self.service.id)], ["question_id"], ["score:avg", "__count"])
        per_question = {question: (score, count) for question, score, count in groups}
        self.assertEqual(per_question[q1], (2.5, 2))
        self.assertEqual(per_question[q2], (4.0, 2))


@tagged("post_install", "-at_install")
class TestSurveyLink(MizKhedmatSetup, HttpCase):
    """The citizen opens the link of the SMS and answers on Odoo's public survey pages (no login)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._miz_setup()

    def _level(self, question, label):
        return question.suggested_answer_ids.filtered(lambda a: a.value == label)

    def test_survey_link_answered_through_public_route(self):
        with freeze_time(T0) as frozen:
            request = self._register(self._new_request())
            frozen.move_to(tehran(datetime.date(2026, 5, 13), 10))
            self._handle(request)
            request.action_notify_response()
            request.action_deliver()
        sms = self._sms_of(request)[-1]
        self.assertEqual(sms.number, MOBILE)
        match = re.search(r"/survey/start/([0-9a-f-]+)\?answer_token=([0-9a-f-]+)$", sms.body)
        self.assertTrue(match, sms.body)
        survey_token, answer_token = match.groups()
        user_input = self.env["survey.user_input"].sudo().search([("access_token", "=", answer_token)])
        self.assertEqual(user_input.miz_request_id, request)
        self.assertEqual(user_input.survey_id.access_token, survey_token)
        self.assertEqual((user_input.miz_entry_mode, user_input.state), ("link", "new"))
        self.assertEqual(user_input.partner_id, request.partner_id)
        # a made-up answer token does not open the questionnaire
        forged = self.url_open(f"/survey/start/{survey_token}?answer_token=00000000-0000-0000-0000-000000000000")
        self.assertNotIn(f'data-answer-token="{answer_token}"', forged.text)
        # the link of the SMS opens the start page of this answer
        page = self.url_open(sms.body.splitlines()[-1].removeprefix(request.get_base_url()))
        self.assertEqual(page.status_code, 200)
        self.assertIn("پرسشنامه سنجش رضایت ارباب رجوع از خدمات", page.text)
        self.assertIn(answer_token, page.text)
        base = f"{user_input.get_base_url()}/survey"
        begun = self.opener.post(f"{base}/begin/{survey_token}/{answer_token}", json={})
        self.assertEqual(begun.status_code, 200)
        csrf = re.search(r'csrf_token[^>]+value="([0-9a-f]{40}o[0-9]*)"', page.text).group(1)
        Input = self.env["survey.user_input"]
        rated = Input._miz_rated_questions()
        post = {str(q.id): str(self._level(q, "زیاد").id) for q in rated}
        post[str(rated[0].id)] = str(self._level(rated[0], "کم").id)
        post.update(csrf_token=csrf, token=answer_token)
        submitted = self.opener.post(f"{base}/submit/{survey_token}/{answer_token}", json={"params": post})
        self.assertEqual(submitted.status_code, 200)
        self.assertNotIn("error", submitted.json().get("result", [{}, {}])[1], submitted.text)
        user_input.invalidate_recordset()
        self.assertEqual(user_input.state, "done")
        self.assertEqual(len(user_input.user_input_line_ids.filtered("suggested_answer_id")), 16)
        # the answers count for this request, its service and the period of its delivery
        stats = Input._miz_satisfaction_by_question([("miz_request_id", "=", request.id)])
        self.assertEqual([row["count"] for row in stats], [1] * 16)
        self.assertEqual((stats[0]["average"], stats[1]["average"]), (2.0, 4.0))
        self.assertEqual(user_input.miz_service_id, self.service)
        self.assertEqual(user_input.miz_period_date, datetime.date(2026, 5, 13))  # delivered that day
        self.assertEqual(jalali.format_date(user_input.miz_period_date, "%Y/%m", latin_digits=True), "1405/02")
        # the Jalali month of an answer is a read_group bucket (no stored month key)
        groups = Input.with_context(lang="fa_IR").read_group(
            [("id", "=", user_input.id)], ["miz_period_date"], ["miz_period_date:month"], lazy=False
        )
        self.assertEqual([(g["miz_period_date:month"], g["__count"]) for g in groups], [("اردیبهشت ۱۴۰۵", 1)])
