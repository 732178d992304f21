import datetime
import logging
import random

from odoo import api, fields, models

from odoo.addons.miz_base.tools import jalali

_logger = logging.getLogger(__name__)

# (name, national-code stem of 9 digits, mobile)
CITIZENS = [
    ("رضا محمدی", "228145673", "09171234501"),
    ("مریم حسینی", "228156734", "09171234502"),
    ("احمد کریمی", "228167845", "09171234503"),
    ("زینب رحیمی", "228178956", "09171234504"),
    ("مهدی قاسمی", "228189067", "09171234505"),
    ("سمیه نوروزی", "228190178", "09171234506"),
    ("حسن زارعی", "228201289", "09171234507"),
    ("لیلا بهرامی", "228212390", "09171234508"),
    ("عباس دهقانی", "228223401", "09171234509"),
    ("نرگس کاظمی", "228234512", "09171234510"),
    ("یوسف سلطانی", "228245623", "09171234511"),
    ("الهام شریفی", "228256734", ""),
]


def _national_code(stem):
    total = sum(int(d) * (10 - i) for i, d in enumerate(stem))
    rest = total % 11
    return stem + str(rest if rest < 2 else 11 - rest)


class MizKhedmatDemo(models.AbstractModel):
    """Demo requests of the demo desk, driven through the real buttons on past working days.

    Each request of the plan is taken in, registered and handled by the demo clerk and unit representatives under
    ``freeze_time``: the clock is set to the working day (in Tehran) and hour of each action, so every date of the
    request, its letter, steps, hand-overs, SMS and survey is the one the actions wrote, nothing is rewritten
    afterwards. Requests are registered in chronological order, so the secretariat numbers follow the dates.
    Lateness is real too: a late request's last unit hands the file back the working day after the promise.
    """

    _name = "miz.khedmat.demo"
    _description = "Service Desk Demo Data"

    # (service index, citizen index, target state, result, working days ago of the intake, answered late)
    PLAN = [
        (0, 0, "delivered", "approved", 75, False),
        (4, 1, "delivered", "approved", 68, True),
        (7, 2, "delivered", "rejected", 62, True),
        (1, 3, "delivered", "approved", 50, True),
        (14, 4, "delivered", "approved", 41, False),
        (10, 5, "notified", "approved", 33, False),
        (5, 6, "notified", "rejected", 20, True),
        (2, 7, "result", "approved", 12, False),
        (8, 8, "in_progress", None, 40, False),
        (4, 9, "in_progress", None, 6, False),
        (13, 10, "registered", None, 35, False),
        (11, 0, "registered", None, 1, False),
        (0, 1, "deficient", None, 3, False),
        (6, 2, "deficient", None, 0, False),
        (3, 3, "draft", None, 0, False),
        (12, 4, "delivered", "approved", 25, False),
        (16, 5, "registered", None, 2, False),
    ]

    @api.model
    def _miz_load_demo(self):
        try:
            from freezegun import freeze_time
        except ImportError:  # freezegun ships with Odoo's requirements; without it, everything happens today
            _logger.warning("freezegun is not installed: the demo requests are all registered today.")
            freeze_time = None
        ref = self.env.ref
        clerk = ref("miz_khedmat.demo_user_clerk")
        desk_unit = ref("miz_khedmat.demo_unit_desk")
        agency = desk_unit.agency_id
        services = [ref(f"miz_khedmat.demo_service_{i:02d}") for i in range(1, 18)]
        desk_services = [s for s in services if s.is_desk_service and s.delivery_channel != "outside"]
        rng = random.Random(1404)
        now = fields.Datetime.now()
        today = jalali.to_local(now).date()
        stories = []
        for index, (service_index, citizen_index, target, result, days_ago, late) in enumerate(self.PLAN):
            service = services[service_index] if services[service_index] in desk_services else desk_services[0]
            story = self._miz_demo_schedule(agency, service, target, late, today, days_ago, now, index)
            stories.append((story[0], index, service, citizen_index, target, result, story))
        stories.sort(key=lambda item: (item[0], item[1]))  # registrations in chronological order
        created = self.env["miz.khedmat.request"]
        Request = self.env["miz.khedmat.request"].with_user(clerk).with_context(tracking_disable=False)
        freezer = freeze_time(stories[0][0]) if freeze_time else None
        frozen = freezer.start() if freezer else None
        try:
            for _when, _index, service, citizen_index, target, result, story in stories:
                created |= self._miz_demo_play(
                    Request, desk_unit, service, citizen_index, target, result, story, rng, frozen
                )
        finally:
            if freezer:
                freezer.stop()
        self._miz_demo_archive(created)
        return created

    @api.model
    def _miz_demo_archive(self, requests):
        """The head of the secretariat refers the letters of the delivered demo requests to the secretariat clerk,
        to file them: the demo ``secretariat`` login finds the desk's letters in its cartable and works them."""
        head = self.env.ref("miz_secretariat.demo_user_head")
        clerk = self.env.ref("miz_secretariat.demo_user_secretariat")
        for request in requests.filtered(lambda r: r.state == "delivered" and r.letter_id):
            request.letter_id.with_user(head)._refer(
                [
                    {
                        "to_user_id": clerk.id,
                        "purpose": "action",
                        "instruction": "نتیجه تحویل شد؛ پرونده بایگانی شود.",
                    }
                ]
            )

    @api.model
    def _miz_demo_schedule(self, agency, service, target, late, today, days_ago, now, index):
        """The moments (naive UTC) of a request's actions: intake, each step, notice, delivery.

        Intake on the working day ``days_ago`` working days before ``today`` (at 08:00 plus a few minutes, in
        Tehran); each unit takes one working day; a late request is handed back to the desk the working day after
        its promise. A story that would end after ``now`` starts earlier instead.
        """
        working = agency._miz_working_day_checker(today - datetime.timedelta(days=days_ago * 2 + 400), today)

        def shift(day, count):
            step = 1 if count >= 0 else -1
            for _n in range(abs(count)):
                day += datetime.timedelta(days=step)
                while not working(day):
                    day += datetime.timedelta(days=step)
            return day

        def at(day, hour, minute=0):
            local = datetime.datetime.combine(day, datetime.time(hour, minute))
            return local - datetime.timedelta(hours=3, minutes=30)  # Tehran → UTC (no daylight saving since 1401)

        start = today
        while not working(start):
            start -= datetime.timedelta(days=1)
        start = shift(start, -days_ago)
        steps = len(service.step_ids)
        while True:
            intake = at(start, 8, index * 3 % 50)
            story = [intake]
            if target not in ("draft", "deficient", "registered"):
                promised = agency.add_working_days(start, service.duration_promised_days)
                last = shift(promised, 1) if late else shift(start, max(steps, 1))
                for number in range(1, steps + 1):
                    day = last if number == steps else min(shift(start, number), last)
                    story.append(at(day, 9 + min(number, 3), index % 50))
                if target in ("notified", "delivered"):
                    story.append(at(last, 13, index % 50))
                if target == "delivered":
                    story.append(at(shift(last, 1), 10, index % 50))
            if story[-1] < now or start < today - datetime.timedelta(days=365):
                return story
            start = shift(start, -1)

    @api.model
    def _miz_demo_play(self, Request, desk_unit, service, citizen_index, target, result, story, rng, frozen):
        """Run one request's story, moving the frozen clock to each moment of ``story`` before acting."""

        def clock(moment):
            if frozen:
                frozen.move_to(moment)

        moments = iter(story)
        clock(next(moments))
        name, stem, mobile = CITIZENS[citizen_index]
        channel = "electronic" if service.delivery_channel == "electronic" else "in_person"
        request = Request.create(
            {
                "service_id": service.id,
                "channel": channel,
                "applicant_kind": "person",
                "applicant_code": _national_code(stem),
                "applicant_name": name,
                "applicant_mobile": mobile or False,
                "desk_unit_id": desk_unit.id,
            }
        )
        if target == "draft":
            return request
        documents = request.document_ids
        if target == "deficient":
            documents[:-1].write({"received": True})
            request.action_mark_deficient()
            return request
        documents.write({"received": True})
        request.action_register()
        if target == "registered":
            return request
        manager = self.env.ref("miz_khedmat.demo_user_manager")
        steps = request.step_ids.sorted("sequence")
        for index, step in enumerate(steps):
            clock(next(moments))
            actor = step.unit_id.representative_id or manager
            step.with_user(actor).action_receive()
            if target == "in_progress" and (index == len(steps) - 1 or rng.random() < 0.5):
                break
            if index == len(steps) - 1:
                request.with_user(actor).write(self._miz_demo_result_vals(result))
            step.with_user(actor).action_hand_over()
        if target in ("notified", "delivered"):
            clock(next(moments))
            request.action_notify_response()
        if target == "delivered":
            clock(next(moments))
            request.action_deliver()
            self._miz_demo_survey(request, rng)
        return request

    @api.model
    def _miz_demo_result_vals(self, result):
        if result == "rejected":
            return {
                "result": "rejected",
                "result_note": "مدارک ارائه‌شده شرایط مقرر در آیین‌نامه را احراز نمی‌کند.",
                "result_legal_basis": "آیین‌نامه اجرایی مربوط، ماده ۴",
            }
        return {"result": "approved", "result_note": "درخواست تأیید شد؛ اصل مجوز در میز خدمت تحویل می‌شود."}

    @api.model
    def _miz_demo_survey(self, request, rng):
        """A filled paper form: levels mostly 'high', a few lower, demographics and a comment."""
        Input = self.env["survey.user_input"]
        survey = Input._miz_satisfaction_survey()
        if not survey:
            return
        answers = {}
        for question in Input._miz_rated_questions(survey):
            levels = question.suggested_answer_ids.sorted("answer_score", reverse=True)
            answers[question] = rng.choice(levels[:2].ids * 3 + levels[2:4].ids)
        gender = self.env.ref("miz_khedmat.survey_miz_satisfaction_gender_male")
        answers[gender.question_id] = gender.id
        answers[self.env.ref("miz_khedmat.survey_miz_satisfaction_age")] = rng.randint(22, 64)
        answers[self.env.ref("miz_khedmat.survey_miz_satisfaction_education")] = "کارشناسی"
        answers[self.env.ref("miz_khedmat.survey_miz_satisfaction_visits")] = rng.randint(1, 3)
        answers[self.env.ref("miz_khedmat.survey_miz_satisfaction_comment")] = (
            "از رسیدگی سریع و پیگیری پیامکی سپاسگزارم."
        )
        request._miz_survey_record(answers, entry_mode="paper")
