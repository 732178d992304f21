import datetime

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common import T0, MizKhedmatCommon, tehran


@tagged("post_install", "-at_install")
class TestOverdueCron(MizKhedmatCommon):
    """The daily cron makes the tracking page's "the desk manager is informed" true, once per file and step."""

    def _cron(self, day, hour=7):
        with freeze_time(tehran(day, hour)):
            return self.env["miz.khedmat.overdue"]._miz_cron_alert_overdue()

    def _activities(self, request, user=None):
        domain = [("res_model", "=", request._name), ("res_id", "=", request.id)]
        if user:
            domain.append(("user_id", "=", user.id))
        return self.env["mail.activity"].search(domain)

    def test_cron_data(self):
        cron = self.env.ref("miz_khedmat.ir_cron_miz_khedmat_overdue")
        self.assertEqual((cron.interval_number, cron.interval_type, cron.active), (1, "days", True))
        self.assertEqual(cron.code.strip(), "model._miz_cron_alert_overdue()")
        self.assertEqual(cron.model_id.model, "miz.khedmat.overdue")

    def test_manager_and_unit_informed_once(self):
        with freeze_time(T0):
            late = self._register(self._new_request())  # promised Monday 18 May; unit A's deadline Sunday 17 May
            answered = self._register(self._new_request(service_id=self.service_b.id))
            self._handle(answered)
            answered.action_notify_response()
        # Sunday 17 May: nothing is late yet (the promise and the step's deadline are today or later)
        self.assertFalse(self._cron(datetime.date(2026, 5, 17)))
        # Monday 18 May: unit A's step is one day late, the request is not
        alerts = self._cron(datetime.date(2026, 5, 18))
        step_a = late.step_ids.filtered(lambda s: s.unit_id == self.unit_a)
        self.assertEqual(
            [(a.key, a.request_id, a.step_id, a.user_id) for a in alerts],
            [(f"step-{step_a.id}", late, step_a, self.rep_a)],
        )
        activity = self._activities(late, self.rep_a)
        self.assertEqual(len(activity), 1)
        self.assertEqual(alerts.activity_id, activity)
        self.assertEqual(activity.date_deadline, datetime.date(2026, 5, 18))
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_todo"))
        self.assertIn(late.tracking_code_display, activity.summary)
        self.assertIn("شهرسازی", activity.summary)
        self.assertIn("۱۴۰۵/۰۲/۲۷", activity.note)  # the step's deadline, Sunday 17 May
        # Tuesday 19 May, just after midnight in Tehran (still 18 May in UTC): the request is overdue now
        alerts = self._cron(datetime.date(2026, 5, 19), hour=0)
        self.assertEqual(
            [(a.key, a.step_id, a.user_id) for a in alerts],
            [(f"request-{late.id}", self.env[step_a._name], self.manager)],
        )
        to_manager = self._activities(late, self.manager)
        self.assertEqual(len(to_manager), 1)
        self.assertIn(late.tracking_code_display, to_manager.summary)
        self.assertIn("۱۴۰۵/۰۲/۲۸", to_manager.note)  # the promised date
        self.assertIn("شهرسازی", to_manager.note)  # where the file is
        self.assertFalse(self._activities(answered))
        # the next days: nothing new, even once the representative marked his activity done (it is deleted)
        activity.with_user(self.rep_a).action_feedback(feedback="پیگیری شد")
        self.assertFalse(activity.exists())
        self.assertFalse(self._cron(datetime.date(2026, 5, 20)))
        self.assertFalse(self._activities(late, self.rep_a))
        self.assertEqual(len(self._activities(late)), 1)
        # the file moves on late to unit B: its step gets its own alert, the request none again
        with freeze_time(tehran(datetime.date(2026, 5, 20), 10)):
            late.step_ids[0].with_user(self.rep_a).action_hand_over()  # unit B has 1 working day: Saturday 23 May
        step_b = late.step_ids.filtered(lambda s: s.unit_id == self.unit_b)
        self.assertEqual(step_b.deadline, datetime.date(2026, 5, 23))
        self.assertFalse(self._cron(datetime.date(2026, 5, 23)))
        alerts = self._cron(datetime.date(2026, 5, 24))
        self.assertEqual([(a.key, a.user_id) for a in alerts], [(f"step-{step_b.id}", self.rep_b)])
        self.assertEqual(len(self._activities(late, self.rep_b)), 1)
        self.assertEqual(self.env["miz.khedmat.overdue"].search_count([("request_id", "=", late.id)]), 3)

    def test_recipients_are_desk_managers_of_the_agency(self):
        """The agency's representative and the desk's, if they are desk managers; never a manager elsewhere."""
        self.desk_unit.representative_id = self.clerk  # a clerk represents the desk: not a manager
        self.agency.representative_id = self.manager
        other_manager = new_test_user(
            self.env, login="miz_desk_manager_2", groups="miz_khedmat.group_miz_khedmat_manager", name="مدیر دیگر"
        )
        self.other_agency.representative_id = other_manager
        with freeze_time(T0):
            late = self._register(self._new_request())
        alerts = self._cron(datetime.date(2026, 5, 20))
        self.assertEqual(
            sorted((a.key, a.user_id.login) for a in alerts),
            sorted([(f"request-{late.id}", "miz_desk_manager"), (f"step-{late.step_ids[0].id}", "miz_desk_rep_a")]),
        )
        self.assertFalse(self._activities(late, self.clerk))
        self.assertFalse(self._activities(late, other_manager))
