import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import PERIOD_END, PERIOD_START, MizKhedmatAuditCommon, tehran

SAT = datetime.date(2026, 5, 9)
SUN = datetime.date(2026, 5, 10)
TUE = datetime.date(2026, 5, 12)
BEFORE = datetime.date(2026, 5, 2)  # a week before the period
AFTER = datetime.date(2026, 5, 17)  # two days after it


@tagged("post_install", "-at_install")
class TestCatalog(MizKhedmatAuditCommon):
    def test_services_listed_with_known_counts(self):
        snap = self._snapshot()
        self.assertEqual(snap["version"], 1)
        codes = [line["code"] for line in snap["services"]]
        self.assertEqual(sorted(codes), ["KAUD-01", "KAUD-02", "KAUD-03", "KAUD-04", "KAUD-05"])
        channels = [line["channel"] for line in snap["services"]]
        self.assertEqual(
            {c: channels.count(c) for c in set(channels)},
            {"in_person": 2, "electronic": 1, "combined": 1, "outside": 1},
        )
        recipients = [line["recipient"] for line in snap["services"]]
        self.assertEqual((recipients.count("g2c"), recipients.count("g2b")), (3, 2))
        self.assertEqual(len(self._snapshot(self.other_agency)["services"]), 1)

    def test_booklet_ticks_follow_the_catalog(self):
        full = self._line(self._snapshot(), self.s_in)
        self.assertEqual(
            full["info"],
            dict.fromkeys(("workflow", "documents", "laws", "duration", "fees", "complaint", "faq"), True)
            | {"responsible": False},
        )
        self.assertEqual(full["info_channels"], {"website": True, "boards": True, "phone": True})
        self.assertEqual(full["place"], "ساختمان مرکزی، طبقه همکف، میز ۳")
        self.assertEqual(full["page_url"], "https://example.gov.ir/services/kaud-01")
        self.assertEqual(full["phone"], "۰۲۱-۱۲۳۴")
        empty = self._line(self._snapshot(), self.s_in_g2b)
        self.assertEqual(
            empty["info"],
            dict.fromkeys(("workflow", "documents", "laws", "fees", "complaint", "responsible", "faq"), False)
            | {"duration": True},
        )
        self.assertEqual(empty["info_channels"], {"website": False, "boards": False, "phone": False})
        # an electronic service's place is its page
        self.assertEqual(self._line(self._snapshot(), self.s_el)["place"], "https://example.gov.ir/e/kaud-03")

    def test_emptied_booklet_field_unticks_its_item(self):
        self.s_in.write({"responsible_unit_id": self.unit_a.id})
        self.assertTrue(self._line(self._snapshot(), self.s_in)["info"]["responsible"])
        self.s_in.write(
            {
                "laws": "  \n",
                "faq": "<p>&nbsp;</p>",
                "workflow_description": "<p><br></p>",
                "document_ids": [(5, 0, 0)],
                "fee_payment_place": False,
                "complaint_procedure": "",
                "responsible_unit_id": False,
                "url": False,
                "miz_info_boards": False,
                "miz_info_phone": " ",
            }
        )
        line = self._line(self._snapshot(), self.s_in)
        self.assertEqual(
            line["info"],
            dict.fromkeys(("workflow", "documents", "laws", "fees", "complaint", "responsible", "faq"), False)
            | {"duration": True},
        )
        self.assertEqual(line["info_channels"], {"website": False, "boards": False, "phone": False})
        self.assertEqual(line["page_url"], "")
        # a free service that says so has its fee item
        self.s_in.write({"fee_amount": 0, "fee_legal_basis": False, "fee_computation": "رایگان"})
        self.assertTrue(self._line(self._snapshot(), self.s_in)["info"]["fees"])


@tagged("post_install", "-at_install")
class TestElectronic(MizKhedmatAuditCommon):
    def _e(self, service):
        return self._line(self._snapshot(), service)["e"]

    def test_nothing_without_online_requests(self):
        for service in (self.s_el, self.s_comb):
            self.assertEqual(set(self._e(service).values()), {False})

    def test_counter_request_never_makes_a_service_electronic(self):
        request = self._counter_request(self.s_comb, tehran(SUN, 10), attach=True)
        self._deliver(request, tehran(TUE, 10), deliverable=True)
        self.assertTrue(request.tracking_code)
        self.assertEqual(request.origin, "counter")
        e = self._e(self.s_comb)
        for key in ("documents", "e_form", "e_delivery", "tracking_code", "tracking_steps", "e_survey"):
            self.assertFalse(e[key], key)

    def test_e_form_flips_with_an_online_request_of_the_period(self):
        self.assertFalse(self._e(self.s_el)["e_form"])
        # online requests outside the period do not count
        self._online_request(self.s_el, tehran(BEFORE, 10))
        self._online_request(self.s_el, tehran(AFTER, 10))
        self.assertFalse(self._e(self.s_el)["e_form"])
        # nor one of another service
        self._online_request(self.s_comb, tehran(SUN, 10))
        self.assertFalse(self._e(self.s_el)["e_form"])
        self._online_request(self.s_el, tehran(SUN, 10), attach=False)
        e = self._e(self.s_el)
        self.assertTrue(e["e_form"])
        self.assertTrue(e["tracking_code"])
        self.assertTrue(e["tracking_steps"])
        self.assertFalse(e["documents"])  # no upload with it
        self.assertFalse(e["e_delivery"])
        self.assertTrue(self._e(self.s_comb)["documents"])

    def test_unregistered_online_request_has_no_tracking(self):
        self._online_request(self.s_el, tehran(SUN, 10), register=False)
        e = self._e(self.s_el)
        self.assertTrue(e["e_form"])
        self.assertTrue(e["documents"])
        self.assertFalse(e["tracking_code"])
        self.assertFalse(e["tracking_steps"])

    def test_electronic_delivery_needs_a_deliverable(self):
        plain = self._online_request(self.s_el, tehran(SAT, 9))
        self._deliver(plain, tehran(TUE, 9))
        self.assertFalse(self._e(self.s_el)["e_delivery"])
        with_file = self._online_request(self.s_el, tehran(SAT, 10))
        self._deliver(with_file, tehran(TUE, 10), deliverable=True)
        self.assertTrue(self._e(self.s_el)["e_delivery"])

    def test_sms_only_when_delivered(self):
        request = self._online_request(self.s_el, tehran(SUN, 10))
        sms = self._sms_of(request)
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.state, "outgoing")
        self.assertFalse(self._e(self.s_el)["sms"])  # queued
        sms.write({"state": "pending"})
        self.assertFalse(self._e(self.s_el)["sms"])  # handed to the provider, no delivery report
        sms.write({"state": "error", "failure_type": "sms_server"})
        self.assertFalse(self._e(self.s_el)["sms"])  # failed
        sms._update_sms_state_and_trackers("sent")  # the provider's delivery report
        self.assertTrue(self._e(self.s_el)["sms"])
        # Odoo garbage-collects sent SMS: the chatter notification keeps the delivery
        sms.unlink()
        self.assertTrue(self._e(self.s_el)["sms"])
        self.assertFalse(self._e(self.s_comb)["sms"])

    def test_sms_of_another_period_does_not_count(self):
        request = self._online_request(self.s_el, tehran(AFTER, 10))
        self._sms_of(request)._update_sms_state_and_trackers("sent")
        self.assertFalse(self._e(self.s_el)["sms"])

    def test_e_survey_needs_an_answer_through_the_link(self):
        Input = self.env["survey.user_input"]
        q1 = Input._miz_rated_questions()[0]
        paper = self._deliver(self._online_request(self.s_el, tehran(SAT, 10)), tehran(SUN, 10))
        with freeze_time(tehran(SUN, 11)):
            paper._miz_survey_record({q1: q1.suggested_answer_ids[0].id}, entry_mode="paper")
        self.assertFalse(self._e(self.s_el)["e_survey"])
        # one form per request: the citizen of another request answers through the SMS link
        link = self._deliver(self._online_request(self.s_el, tehran(SAT, 11)), tehran(SUN, 10))
        with freeze_time(tehran(SUN, 12)):
            link._miz_survey_record({q1: q1.suggested_answer_ids[0].id}, entry_mode="link")
        self.assertTrue(self._e(self.s_el)["e_survey"])

    def test_in_person_service_has_no_electronic_ticks(self):
        request = self._counter_request(self.s_in, tehran(SUN, 10))
        self._sms_of(request)._update_sms_state_and_trackers("sent")
        self.assertEqual(set(self._e(self.s_in).values()), {False})


@tagged("post_install", "-at_install")
class TestEvidenceAndSurvey(MizKhedmatAuditCommon):
    def _answer(self, request, at, levels, mode="paper", extra=None):
        """Record one questionnaire at ``at``: ``levels`` maps question numbers (1..16) to a score (1..5)."""
        Input = self.env["survey.user_input"]
        rated = Input._miz_rated_questions()
        values = {}
        for number, score in levels.items():
            question = rated[number - 1]
            values[question] = question.suggested_answer_ids.filtered(lambda a, s=score: a.answer_score == s).id
        values.update(extra or {})
        with freeze_time(at):
            return request._miz_survey_record(values, entry_mode=mode)

    def test_receipts_evidence(self):
        self._counter_request(self.s_in, tehran(SAT, 8, 30))
        self._counter_request(self.s_comb, tehran(SAT, 9, 50))
        self._counter_request(self.s_in, tehran(TUE, 13, 10))
        self._counter_request(self.s_in, tehran(BEFORE, 9))  # before the period
        self._online_request(self.s_el, tehran(SUN, 10))  # online: no receipt of the counter
        evidence = self._snapshot()["evidence"]
        self.assertEqual(evidence["working_days"], 4)  # Sat, Sun, Tue, Wed (Mon is a holiday, Thu/Fri off)
        self.assertEqual(evidence["days_with_receipts"], 2)
        self.assertEqual(evidence["days_without_receipts"], ["2026-05-10", "2026-05-13"])
        self.assertEqual(evidence["receipts"], 3)
        self.assertEqual(evidence["receipts_by_day"], [["2026-05-09", 2], ["2026-05-12", 1]])
        self.assertEqual(evidence["receipts_by_weekday_hour"], [[0, "08-10", 2], [3, "12-14", 1]])

    def test_working_days_stop_today(self):
        with freeze_time(tehran(TUE, 12)):
            evidence = self.Collector._miz_khedmat_audit_snapshot(self.agency, PERIOD_START, PERIOD_END)["evidence"]
        self.assertEqual(evidence["working_days"], 3)

    def test_survey_counts_equal_the_answers(self):
        gender = self.env.ref("miz_khedmat.survey_miz_satisfaction_gender")
        age = self.env.ref("miz_khedmat.survey_miz_satisfaction_age")
        job = self.env.ref("miz_khedmat.survey_miz_satisfaction_job")
        comment = self.env.ref("miz_khedmat.survey_miz_satisfaction_comment")
        male, female = gender.suggested_answer_ids
        # one form per request
        first = self._deliver(self._counter_request(self.s_in, tehran(SAT, 9)), tehran(SAT, 11))
        again = self._deliver(self._counter_request(self.s_in, tehran(SAT, 10)), tehran(SUN, 11))
        second = self._deliver(self._online_request(self.s_el, tehran(SAT, 9)), tehran(SUN, 11))
        late = self._deliver(self._counter_request(self.s_comb, tehran(SAT, 11)), tehran(AFTER, 11))
        self._answer(first, tehran(SAT, 12), {1: 5, 4: 4, 7: 3, 8: 2}, extra={gender: male.id, age: 34, job: "کارمند"})
        self._answer(
            again,
            tehran(SUN, 12),
            {1: 5, 4: 2, 7: 5},
            extra={gender: female.id, age: 61, job: " کارمند ", comment: "ساعت کاری بیشتر شود"},
        )
        self._answer(second, tehran(TUE, 12), {1: 1, 4: 3, 16: 4}, mode="link", extra={gender: female.id, age: 38})
        # outside the period, and at another agency: not counted
        self._answer(late, tehran(AFTER, 12), {1: 1, 4: 1})
        foreign = self._deliver(self._counter_request(self.foreign, tehran(SAT, 9)), tehran(SAT, 10))
        self._answer(foreign, tehran(SAT, 12), {1: 1})
        snap = self._snapshot()
        result = snap["survey"]
        self.assertEqual(result["respondents"], 3)
        self.assertEqual(len(result["questions"]), 16)
        by_number = {q["sequence"]: q for q in result["questions"]}
        self.assertEqual(by_number[1]["counts"], {"1": 1, "2": 0, "3": 0, "4": 0, "5": 2})
        self.assertEqual((by_number[1]["respondents"], by_number[1]["mean"]), (3, round(11 / 3, 2)))
        self.assertEqual(by_number[4]["counts"], {"1": 0, "2": 1, "3": 1, "4": 1, "5": 0})
        self.assertEqual((by_number[4]["mean"], by_number[8]["respondents"]), (3.0, 1))
        self.assertEqual((by_number[2]["respondents"], by_number[2]["mean"]), (0, 0.0))
        self.assertEqual(by_number[1]["title"], "نحوه اطلاع رسانی درباره مراحل انجام کار")
        self.assertEqual(sum(sum(q["counts"].values()) for q in result["questions"]), 10)
        demographics = {d["question"]: d["answers"] for d in result["demographics"]}
        self.assertEqual(demographics[gender.title], [{"label": "مرد", "count": 1}, {"label": "زن", "count": 2}])
        self.assertEqual(demographics[age.title], [{"label": "30-39", "count": 2}, {"label": "60+", "count": 1}])
        self.assertEqual(demographics[job.title], [{"label": "کارمند", "count": 2}])
        self.assertEqual(result["suggestions"], ["ساعت کاری بیشتر شود"])
        self.assertEqual(
            snap["evidence"]["satisfaction"],
            {
                "4": {"mean": 3.0, "respondents": 3},
                "7": {"mean": 4.0, "respondents": 2},
                "8": {"mean": 2.0, "respondents": 1},
            },
        )
