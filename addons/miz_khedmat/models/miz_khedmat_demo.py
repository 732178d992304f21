import datetime
import logging
import random

from odoo import api, fields, models

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
    """Demo requests of the demo desk, driven through the real buttons so every state is consistent."""

    _name = "miz.khedmat.demo"
    _description = "Service Desk Demo Data"

    @api.model
    def _miz_load_demo(self):
        ref = self.env.ref
        clerk = ref("miz_khedmat.demo_user_clerk")
        manager = ref("miz_khedmat.demo_user_manager")
        desk_unit = ref("miz_khedmat.demo_unit_desk")
        services = [ref(f"miz_khedmat.demo_service_{i:02d}") for i in range(1, 18)]
        desk_services = [s for s in services if s.is_desk_service and s.delivery_channel != "outside"]
        rng = random.Random(1404)
        Request = self.env["miz.khedmat.request"].with_user(clerk).with_context(tracking_disable=False)
        # (service index, citizen index, target state, result, backdate days)
        plan = [
            (0, 0, "delivered", "approved", 75),
            (4, 1, "delivered", "approved", 68),
            (7, 2, "delivered", "rejected", 62),
            (1, 3, "delivered", "approved", 50),
            (14, 4, "delivered", "approved", 41),
            (10, 5, "notified", "approved", 33),
            (5, 6, "notified", "rejected", 20),
            (2, 7, "result", "approved", 12),
            (8, 8, "in_progress", None, 40),
            (4, 9, "in_progress", None, 6),
            (13, 10, "registered", None, 35),
            (11, 0, "registered", None, 1),
            (0, 1, "deficient", None, 3),
            (6, 2, "deficient", None, 0),
            (3, 3, "draft", None, 0),
            (12, 4, "delivered", "approved", 25),
            (16, 5, "registered", None, 2),
        ]
        created = self.env["miz.khedmat.request"]
        for service_index, citizen_index, target, result, days_ago in plan:
            service = services[service_index] if services[service_index] in desk_services else desk_services[0]
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
            created |= request
            if target == "draft":
                continue
            documents = request.document_ids
            if target == "deficient":
                documents[:-1].write({"received": True})
                request.action_mark_deficient()
                continue
            documents.write({"received": True})
            request._miz_register()
            if target == "registered":
                self._miz_demo_backdate(request, days_ago)
                continue
            steps = request.step_ids.sorted("sequence")
            for index, step in enumerate(steps):
                actor = step.unit_id.representative_id or manager
                step.with_user(actor).action_receive()
                if target == "in_progress" and index == len(steps) - 1:
                    break
                if index == len(steps) - 1:
                    request.with_user(actor).write(self._miz_demo_result_vals(result))
                step.with_user(actor).action_hand_over()
                if target == "in_progress" and rng.random() < 0.5:
                    break
            if target in ("notified", "delivered"):
                request.action_notify_response()
            if target == "delivered":
                request.action_deliver()
                self._miz_demo_survey(request, rng)
            self._miz_demo_backdate(request, days_ago)
        return created

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

    @api.model
    def _miz_demo_backdate(self, request, days_ago):
        """Move a demo request's dates into the past so the dashboard shows months, lateness and overdue files."""
        if not days_ago:
            return
        delta = datetime.timedelta(days=days_ago)
        vals = {}
        for field in ("registration_date", "notice_date", "delivered_date", "result_date", "deficiency_date"):
            if request[field]:
                vals[field] = request[field] - delta
        if request.promised_date:
            vals["promised_date"] = request.promised_date - delta
            if request.notice_date and days_ago % 2 == 0:
                # answered late: the promised date was three days before the response notice
                vals["promised_date"] = (request.notice_date - delta).date() - datetime.timedelta(days=3)
        if request.objection_deadline:
            vals["objection_deadline"] = request.objection_deadline - delta
        request.sudo().with_context(miz_khedmat_internal=True).write(vals)
        self.env.cr.execute(
            "UPDATE miz_khedmat_request SET create_date = create_date - %s WHERE id = %s", (delta, request.id)
        )
        self.env.cr.execute(
            "UPDATE survey_user_input SET miz_period_date = %s WHERE miz_request_id = %s",
            (fields.Date.to_date(vals.get("delivered_date") or fields.Date.today()), request.id),
        )
        request.invalidate_recordset()
        request.miz_survey_input_ids.invalidate_recordset()
        self.env.add_to_compute(request._fields["miz_jalali_month"], request)
        self.env.add_to_compute(request._fields["miz_period_label"], request)
        inputs = request.miz_survey_input_ids
        for fname in ("miz_period_year", "miz_period_index", "miz_period_label", "miz_jalali_month"):
            self.env.add_to_compute(inputs._fields[fname], inputs)
        request.flush_recordset()
        inputs.flush_recordset()
