import datetime

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from odoo.addons.miz_base.tools import jalali

from .common import T0, MizKhedmatCommon, tehran

# promised date of the service (3 working days after T0): Monday 18 May 2026
PROMISED = datetime.date(2026, 5, 18)


@tagged("post_install", "-at_install")
class TestDashboard(MizKhedmatCommon):
    def _rows(self, user=None, **domain):
        Report = self.env["report.miz.khedmat.request"]
        if user:
            Report = Report.with_user(user)
        return Report.search([("agency_id", "=", self.agency.id)] + [(k, "=", v) for k, v in domain.items()])

    def _desk(self):
        """Five requests of one Tuesday, handled for real on the following working days (see the comments)."""
        with freeze_time(T0) as frozen:
            draft = self._new_request()
            waiting = self._register(self._new_request())  # never handled: overdue after 18 May
            stuck = self._to_result(self._new_request())  # result back at the desk, never notified
            on_time = self._register(self._new_request())
            late = self._register(self._new_request(service_id=self.service_b.id))
            # Wednesday 13 May: answered in one working day
            frozen.move_to(tehran(datetime.date(2026, 5, 13), 10))
            self._handle(on_time)
            on_time.action_notify_response()
            on_time.action_deliver()
            # Tuesday 19 May, Wednesday 20 May: answered two working days after the promise
            frozen.move_to(tehran(datetime.date(2026, 5, 19), 11))
            self._handle(late, "rejected")
            frozen.move_to(tehran(datetime.date(2026, 5, 20), 9))
            late.action_notify_response()
        self.env.flush_all()
        return draft, waiting, stuck, on_time, late

    def test_counts_by_state_and_rates(self):
        draft, waiting, stuck, on_time, late = self._desk()
        Report = self.env["report.miz.khedmat.request"]
        domain = [("agency_id", "=", self.agency.id)]
        self.assertEqual((on_time.on_time, late.on_time), (True, False))
        self.assertEqual((on_time.miz_duration_working_days, late.miz_duration_working_days), (1, 5))
        with freeze_time(tehran(datetime.date(2026, 5, 20), 12)):
            counts = dict(Report._read_group(domain, ["state"], ["__count"]))
            self.assertEqual(counts, {"draft": 1, "registered": 1, "result": 1, "delivered": 1, "notified": 1})
            by_state = {row["state"]: row for row in Report.read_group(domain, ["nbr:sum"], ["state"])}
            self.assertEqual(by_state["registered"]["nbr"], 1)
            [(overdue, nbr, rate, duration)] = Report._read_group(
                domain, [], ["overdue_count:sum", "nbr:sum", "on_time_rate:avg", "duration_days:avg"]
            )
            # overdue: the registered file and the result left at the desk (the notified ones are answered)
            self.assertEqual((overdue, nbr), (2, 5))
            self.assertEqual(rate, 50.0)  # one answered on time (100), one late (0); the others are left out
            self.assertEqual(duration, 3.0)  # working days: 1 (Wed 13) and 5 (Wed 13, Sun 17 … Wed 20)
            self.assertEqual(self._rows(is_overdue=True).request_id, waiting | stuck)
            self.assertEqual(self._rows(is_on_time=True).request_id, on_time)
            late_row = self._rows(request_id=late.id)
            self.assertEqual((late_row.on_time_rate, late_row.duration_days), (0.0, 5.0))
            self.assertEqual(self._rows(request_id=draft.id).duration_days, 0.0)  # not notified: not averaged
            by_unit = dict(Report._read_group(domain + [("overdue_count", ">", 0)], ["current_unit_id"], ["__count"]))
            self.assertEqual(by_unit, {self.unit_a: 1, self.env["miz.org.unit"]: 1})
        # Jalali months and audit periods of registration, grouped by miz_base (no stored key); the draft has none
        self.assertEqual(jalali.format_date(on_time.registration_date, "%Y/%m", latin_digits=True), "1405/02")
        Persian = Report.with_context(lang="fa_IR", tz="Asia/Tehran")
        months = dict(Persian._read_group(domain, ["registration_date:month"], ["__count"]))
        # 1 Ordibehesht 1405 = 21 April 2026, at midnight in Tehran
        self.assertEqual(months, {datetime.datetime(2026, 4, 21): 4, False: 1})
        groups = Persian.read_group(domain, ["nbr:sum"], ["registration_date:bimonth"], lazy=False)
        self.assertEqual(
            [(group["registration_date:bimonth"], group["nbr"]) for group in groups],
            [("فروردین–اردیبهشت ۱۴۰۵", 4), (False, 1)],
        )
        self.assertEqual(
            groups[0]["__range"]["registration_date:bimonth"],
            {"from": "2026-03-20 20:30:00", "to": "2026-05-21 20:30:00"},
        )
        self.assertEqual(Report.search_count(groups[0]["__domain"]), 4)
        by_service = dict(Report._read_group(domain, ["service_id"], ["__count"]))
        self.assertEqual(by_service, {self.service: 4, self.service_b: 1})
        by_channel = dict(Report._read_group(domain, ["channel"], ["__count"]))
        self.assertEqual(by_channel, {"in_person": 5})

    def test_overdue_on_the_tehran_day(self):
        """Overdue starts at midnight in Tehran (20:30 UTC), in the dashboard as on the request."""
        _draft, waiting, stuck, _on_time, _late = self._desk()
        eve = datetime.datetime(2026, 5, 18, 20, 15)  # 23:45 on Monday 18 May in Tehran: the promised day itself
        night = datetime.datetime(2026, 5, 18, 20, 45)  # 00:15 on Tuesday 19 May in Tehran, still 18 May in UTC
        for moment, expected in ((eve, self.env["miz.khedmat.request"]), (night, waiting | stuck)):
            with freeze_time(moment):
                self.env.invalidate_all()
                self.assertEqual(self._rows(is_overdue=True).request_id, expected, moment)
                self.assertEqual(sum(self._rows().mapped("overdue_count")), len(expected))
                python = self.env["miz.khedmat.request"].with_user(self.clerk).search([("is_overdue", "=", True)])
                self.assertEqual(python, expected.with_user(self.clerk), moment)
                rows = self._rows()
                rows.invalidate_recordset()
                for row in rows:
                    self.assertEqual(row.is_overdue, row.request_id.with_user(self.clerk).is_overdue, row.request_id)

    def test_dashboard_readable_by_evaluator(self):
        self._register(self._new_request())
        self.env.flush_all()
        self.assertEqual(self._rows(self.evaluator).mapped("state"), ["registered"])

    def test_dashboard_limited_to_my_agency(self):
        mine = self._register(self._new_request())
        theirs = self._register(self._new_request(user=self.outsider, service_id=self.foreign_service.id))
        self.env.flush_all()
        Report = self.env["report.miz.khedmat.request"]
        self.assertEqual(Report.with_user(self.clerk).search([]).request_id, mine)
        self.assertEqual(Report.with_user(self.outsider).search([]).request_id, theirs)
        self.assertEqual(Report.with_user(self.evaluator).search([]).request_id, mine | theirs)

    def test_satisfaction_limited_to_my_agency(self):
        """Each desk reads the satisfaction rows of its own agency only; the evaluator reads both."""
        Input = self.env["survey.user_input"]
        rated = Input._miz_rated_questions()

        def answer(request, level):
            values = {q: q.suggested_answer_ids.filtered(lambda a, v=level: a.value == v).id for q in rated}
            return request._miz_survey_record(values)

        mine = self._to_delivered(self._new_request())
        theirs = self._to_delivered(self._new_request(user=self.outsider, service_id=self.foreign_service.id))
        mine_input = answer(mine, "زیاد")  # level 4
        theirs_input = answer(theirs, "کم")  # level 2
        self.env.flush_all()
        Satisfaction = self.env["report.miz.khedmat.satisfaction"]
        for user, request, user_input, score in (
            (self.clerk, mine, mine_input, 4.0),
            (self.outsider, theirs, theirs_input, 2.0),
        ):
            rows = Satisfaction.with_user(user).search([])
            self.assertEqual(len(rows), 16, user.name)
            self.assertEqual(rows.request_id, request)
            self.assertEqual(rows.agency_id, request.agency_id)
            self.assertEqual(set(rows.mapped("score")), {score})
            [(avg, count)] = Satisfaction.with_user(user)._read_group([], [], ["score:avg", "answer_count:sum"])
            self.assertEqual((avg, count), (score, 16))
            # the answers themselves too (the paper form and the SMS link's answer of the request)
            answers = Input.with_user(user).search([("miz_request_id", "!=", False)])
            self.assertIn(user_input, answers)
            self.assertEqual(answers.miz_request_id, request)
        everything = Satisfaction.with_user(self.evaluator).search([])
        self.assertEqual(everything.request_id, mine | theirs)
        self.assertEqual(len(everything), 32)

    def test_clerk_reads_desk_answers_only(self):
        Answer = self.env["survey.user_input"]
        other = self.env["survey.survey"].create({"title": "Staff canteen survey"})
        foreign = Answer.create({"survey_id": other.id})
        request = self._new_request()
        desk = Answer.create({"survey_id": Answer._miz_satisfaction_survey().id, "miz_request_id": request.id})
        visible = Answer.with_user(self.clerk).search([("id", "in", (foreign | desk).ids)])
        self.assertEqual(visible, desk)


@tagged("post_install", "-at_install")
class TestDashboardJalaliViews(HttpCase):
    """The dashboards group by miz_base's Jalali periods in the browser: the satisfaction pivot's columns are
    audit periods (``date:bimonth``, sample data when empty) and the request graph groups by audit period."""

    def _open(self, model, view_mode, context, selector):
        action = self.env["ir.actions.act_window"].create(
            {"name": "miz jalali dashboard", "res_model": model, "view_mode": view_mode, "context": context}
        )
        code = f"""
            (async () => {{
                for (let i = 0; i < 300; i++) {{
                    if (document.querySelector({selector!r})) {{
                        console.log("test successful");
                        return;
                    }}
                    await new Promise((resolve) => setTimeout(resolve, 50));
                }}
                console.error("not shown: " + {selector!r});
            }})();
        """
        self.browser_js(f"/odoo/action-{action.id}", code, "odoo.isReady", login="admin")

    def test_satisfaction_pivot_by_audit_period(self):
        self._open("report.miz.khedmat.satisfaction", "pivot,list", "{}", ".o_pivot thead th")

    def test_request_graph_by_audit_period(self):
        self._open(
            "report.miz.khedmat.request",
            "graph,list",
            "{'search_default_group_period': 1}",
            ".o_graph_renderer canvas",
        )
