import datetime

from odoo import fields
from odoo.tests import tagged

from odoo.addons.miz_base.tools import jalali

from .desk2_common import Desk2Common


@tagged("post_install", "-at_install")
class TestDashboard(Desk2Common):
    def test_counts_by_state_and_rates(self):
        Report = self.env["report.miz.khedmat.request"]
        domain = [("agency_id", "=", self.agency.id)]
        self._new_request()  # draft
        self._register(self._new_request())
        late = self._register(self._new_request())
        self._to_result(self._new_request())
        delivered = self._to_delivered(self._new_request())
        # one registered request is past its promised date
        late.sudo().with_context(miz_khedmat_internal=True).write(
            {"promised_date": fields.Date.today() - datetime.timedelta(days=2)}
        )
        self.env.flush_all()
        counts = dict(Report._read_group(domain, ["state"], ["__count"]))
        self.assertEqual(counts, {"draft": 1, "registered": 2, "result": 1, "delivered": 1})
        by_state = {row["state"]: row for row in Report.read_group(domain, ["nbr:sum"], ["state"])}
        self.assertEqual(by_state["registered"]["nbr"], 2)
        [(overdue, nbr, rate)] = Report._read_group(domain, [], ["overdue_count:sum", "nbr:sum", "on_time_rate:avg"])
        self.assertEqual((overdue, nbr), (1, 5))
        self.assertEqual(rate, 100.0)  # only the delivered one was notified, on time
        by_unit = dict(Report._read_group(domain + [("overdue_count", ">", 0)], ["current_unit_id"], ["__count"]))
        self.assertEqual(by_unit, {self.unit: 1})
        # Jalali grouping keys
        month = jalali.format_date(delivered.registration_date, "%Y/%m", latin_digits=True)
        self.assertEqual(delivered.miz_jalali_month, month)
        months = dict(Report._read_group(domain, ["jalali_month"], ["__count"]))
        self.assertEqual(months, {month: 5})  # the draft is keyed by its intake date: same month
        year, index, _s, _e = jalali.bimonthly_period(delivered.registration_date)
        self.assertTrue(delivered.miz_period_label.startswith(f"{year}-{index} ("))
        by_service = dict(Report._read_group(domain, ["service_id"], ["__count"]))
        self.assertEqual(by_service, {self.service: 5})
        by_channel = dict(Report._read_group(domain, ["delivery_channel"], ["__count"]))
        self.assertEqual(by_channel, {"in_person": 5})

    def test_dashboard_readable_by_evaluator(self):
        evaluator = self.env["res.users"].create(
            {
                "name": "ارزیاب",
                "login": "d2_eval",
                "groups_id": [fields.Command.set([self.env.ref("miz_khedmat.group_miz_khedmat_evaluator").id])],
            }
        )
        self._register(self._new_request())
        self.env.flush_all()
        rows = self.env["report.miz.khedmat.request"].with_user(evaluator).search([("agency_id", "=", self.agency.id)])
        self.assertEqual(rows.mapped("state"), ["registered"])

    def test_dashboard_limited_to_my_agency(self):
        self._register(self._new_request())
        self.env.flush_all()
        Report = self.env["report.miz.khedmat.request"]
        self.assertEqual(len(Report.with_user(self.clerk).search([("agency_id", "=", self.agency.id)])), 1)
        other = self.env["miz.agency"].create({"name": "Other agency", "code": "D2-OTHER"})
        stranger = self.env["res.users"].create(
            {
                "name": "Clerk elsewhere",
                "login": "d2_stranger",
                "groups_id": [fields.Command.set([self.env.ref("miz_khedmat.group_miz_khedmat_clerk").id])],
            }
        )
        self.env["miz.org.unit"].create({"name": "Desk", "agency_id": other.id, "member_ids": [(4, stranger.id)]})
        self.assertFalse(Report.with_user(stranger).search([("agency_id", "=", self.agency.id)]))
        self.assertFalse(
            self.env["report.miz.khedmat.satisfaction"].with_user(stranger).search([("agency_id", "=", self.agency.id)])
        )

    def test_clerk_reads_desk_answers_only(self):
        Answer = self.env["survey.user_input"]
        other = self.env["survey.survey"].create({"title": "Staff canteen survey"})
        foreign = Answer.create({"survey_id": other.id})
        request = self._new_request()
        desk = Answer.create({"survey_id": Answer._miz_satisfaction_survey().id, "miz_request_id": request.id})
        visible = Answer.with_user(self.clerk).search([("id", "in", (foreign | desk).ids)])
        self.assertEqual(visible, desk)
