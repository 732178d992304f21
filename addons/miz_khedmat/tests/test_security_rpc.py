"""The desk's records as an attacker reaches them over JSON-RPC/XML-RPC: any public method, any values, any context.

Each case calls what a client can call (``with_user`` + ``with_context`` of keys a client may send), expects a refusal
and reads the record back as another user to see that nothing changed.
"""

import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import T0, MizKhedmatSetup

FORGED = {"miz_khedmat_internal": True, "miz_letter_registering": True, "miz_referral_force": True}


@tagged("post_install", "-at_install")
class TestDeskSecurityRpc(MizKhedmatSetup, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._miz_setup()
        cls.Request = cls.env["miz.khedmat.request"]

    # ------------------------------------------------------------------ helpers (the real buttons)
    def _registered(self):
        with freeze_time(T0):
            request = self._new_request()
            self._tick_all(request)
            request.with_user(self.clerk).action_register()
        return request

    def _result(self):
        request = self._registered()
        with freeze_time(T0 + datetime.timedelta(hours=1)):
            request.with_user(self.rep_a).action_hand_over()
            request.with_user(self.rep_b).write({"result": "approved", "result_note": "پروانه صادر شد"})
            request.with_user(self.rep_b).action_hand_over()
        return request

    def _notified(self):
        request = self._result()
        with freeze_time(T0 + datetime.timedelta(hours=2)):
            request.with_user(self.clerk).action_notify_response()
        return request

    def _snapshot(self, record, names):
        record.invalidate_recordset()
        return record.sudo().read(names)[0]

    # ------------------------------------------------------------------ forged dates and states
    def test_clerk_cannot_forge_notice_or_objection_dates(self):
        request = self._notified()
        names = ["notice_date", "objection_deadline", "on_time", "state"]
        before = self._snapshot(request, names)
        for vals in (
            {"notice_date": datetime.datetime(2026, 5, 13, 6, 0)},
            {"objection_deadline": datetime.date(2026, 5, 14)},
            {"state": "delivered"},
            {"on_time": True},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                request.with_user(self.clerk).with_context(**FORGED).write(vals)
        with self.assertRaises(UserError):
            request.with_user(self.manager).with_context(**FORGED).write({"notice_date": T0})
        self.assertEqual(self._snapshot(request, names), before)

    def test_context_key_opens_no_door_on_a_registered_request(self):
        request = self._registered()
        names = ["state", "tracking_code", "promised_date", "registration_date", "letter_id", "service_id"]
        before = self._snapshot(request, names)
        for vals in (
            {"state": "draft"},
            {"tracking_code": "123451234512"},
            {"promised_date": datetime.date(2026, 7, 1)},
            {"registration_date": datetime.datetime(2026, 5, 20, 6, 0)},
            {"letter_id": False},
            {"service_id": self.supervision.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                request.with_user(self.clerk).with_context(**FORGED).write(vals)
        with self.assertRaises(UserError):
            request.document_ids[0].with_user(self.clerk).with_context(**FORGED).write({"received": False})
        self.assertEqual(self._snapshot(request, names), before)
        self.assertTrue(all(request.document_ids.filtered("required").mapped("received")))

    def test_create_cannot_start_registered(self):
        Request = self.Request.with_user(self.clerk)
        with self.assertRaises(UserError):
            Request.with_context(**FORGED).create(
                {
                    "applicant_code": "0012345679",
                    "applicant_name": "مریم احمدی",
                    "service_id": self.service.id,
                    "state": "delivered",
                    "tracking_code": "111112222233",
                }
            )
        # defaults of protected fields sent in the context are ignored
        request = Request.with_context(
            default_state="delivered", default_tracking_code="111112222233", default_promised_date="2026-05-13"
        ).create({"applicant_code": "0012345679", "applicant_name": "مریم احمدی", "service_id": self.service.id})
        self.assertEqual(request.sudo().state, "draft")
        self.assertFalse(request.sudo().tracking_code)
        self.assertFalse(request.sudo().promised_date)

    # ------------------------------------------------------------------ borrowed files
    def test_unit_rep_cannot_borrow_a_file_through_his_step(self):
        other_unit = self.env["miz.org.unit"].create(
            {"name": "واحد دستگاه دیگر", "agency_id": self.other_agency.id, "representative_id": self.manager.id}
        )
        other_service = self.env["miz.khedmat.service"].create(
            {
                "name": "خدمت دستگاه دیگر",
                "code": "10011234999",
                "agency_id": self.other_agency.id,
                "delivery_channel": "in_person",
                "step_ids": [Command.create({"unit_id": other_unit.id, "days": 2})],
            }
        )
        other = self.Request.sudo().create(
            {
                "applicant_code": "0013456784",
                "applicant_name": "رضا کریمی",
                "service_id": other_service.id,
            }
        )
        request = self._registered()
        step = request.step_ids[0]
        names = ["request_id", "deadline", "state", "unit_id"]
        before = self._snapshot(step, names)
        for vals in (
            {"request_id": other.id},
            {"deadline": datetime.date(2026, 8, 1)},
            {"state": "done"},
            {"unit_id": self.unit_b.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                step.with_user(self.rep_a).with_context(**FORGED).write(vals)
        self.assertEqual(self._snapshot(step, names), before)
        with self.assertRaises(AccessError):
            other.with_user(self.rep_a).read(["partner_id", "applicant_code", "document_ids"])
        # the hand-over note is his to write while he holds the file
        step.with_user(self.rep_a).write({"note": "نقشه بررسی شد"})
        self.assertEqual(step.sudo().note, "نقشه بررسی شد")

    def test_only_the_holding_unit_hands_over(self):
        request = self._registered()
        step = request.step_ids[0]
        with self.assertRaises(UserError):
            step.with_user(self.rep_b).with_context(**FORGED).action_hand_over()
        with self.assertRaises(UserError):
            step.with_user(self.staff_a).action_hand_over()
        self.assertEqual(request.step_ids.mapped("state"), ["active", "waiting"])
        # a hand-over record cannot be typed in or edited by anyone, not even a desk manager
        Handover = self.env["miz.khedmat.handover"]
        with self.assertRaises(UserError):
            Handover.with_user(self.manager).create(
                {"request_id": request.id, "kind": "unit_to_desk", "from_user_id": self.rep_b.id}
            )
        handover = request.handover_ids
        with self.assertRaises(UserError):
            handover.with_user(self.manager).write({"date": datetime.datetime(2026, 5, 1)})
        self.assertEqual(len(request.sudo().handover_ids), 1)

    def test_other_agency_clerk_cannot_register(self):
        with freeze_time(T0):
            request = self._new_request()
            self._tick_all(request)
        with self.assertRaises(AccessError):
            request.with_user(self.outsider).with_context(**FORGED).action_register()
        self.assertEqual(request.sudo().state, "draft")
        self.assertFalse(request.sudo().letter_id)

    def test_manager_reads_only_his_agency(self):
        request = self._registered()
        other_manager = new_test_user(
            self.env, login="miz_desk_manager_other", groups="miz_khedmat.group_miz_khedmat_manager"
        )
        self.env["miz.org.unit"].search([("agency_id", "=", self.other_agency.id)], limit=1).member_ids += other_manager
        with self.assertRaises(AccessError):
            request.with_user(other_manager).read(["applicant_code"])
        self.assertIn(request, self.Request.with_user(self.manager).search([]))

    # ------------------------------------------------------------------ catalog
    def test_catalog_edited_by_managers_of_its_agency_only(self):
        other_manager = new_test_user(
            self.env, login="miz_desk_manager_other2", groups="miz_khedmat.group_miz_khedmat_manager"
        )
        self.env["miz.org.unit"].search([("agency_id", "=", self.other_agency.id)], limit=1).member_ids += other_manager
        with self.assertRaises(AccessError):
            self.service.with_user(other_manager).write({"duration_promised_days": 1})
        with self.assertRaises(AccessError):
            self.service.step_ids[0].with_user(other_manager).write({"days": 30})
        self.assertEqual(self.service.duration_promised_days, 3)
        self.assertEqual(self.service.step_ids[0].days, 2)
        self.service.with_user(self.manager).write({"duration_promised_days": 4})
        self.assertEqual(self.service.duration_promised_days, 4)

    # ------------------------------------------------------------------ desk and secretariat in step
    def test_desk_referral_not_finished_from_the_cartable(self):
        request = self._registered()
        referral = request.step_ids[0].referral_id
        for action in ("action_done", "action_return"):
            referral.sudo().answer = "پایان"
            with self.subTest(action=action), self.assertRaises(UserError):
                getattr(referral.with_user(self.rep_a), action)()
        self.assertIn(referral.sudo().state, ("new", "seen"))
        self.assertEqual(request.step_ids[0].state, "active")
        # handing the file on from the request finishes the referral
        with freeze_time(T0 + datetime.timedelta(hours=1)):
            request.with_user(self.rep_a).action_hand_over()
        self.assertEqual(referral.sudo().state, "done")

    # ------------------------------------------------------------------ honest figures
    def test_not_overdue_is_the_complement_of_overdue(self):
        late = self._registered()
        fresh = self._notified()
        draft = self._new_request()
        mine = late | fresh | draft
        with freeze_time(datetime.datetime(2026, 6, 30, 8, 0)):
            overdue = self.Request.search([("id", "in", mine.ids), ("is_overdue", "=", True)])
            not_overdue = self.Request.search([("id", "in", mine.ids), ("is_overdue", "=", False)])
            also_not = self.Request.search([("id", "in", mine.ids), ("is_overdue", "!=", True)])
        self.assertEqual(overdue, late)
        self.assertEqual(not_overdue, fresh | draft)
        self.assertEqual(also_not, not_overdue)

    def test_overdue_on_the_tehran_day_whatever_the_user_tz(self):
        request = self._registered()  # promised 18 May 2026
        clerk_utc = request.with_user(self.clerk).with_context(tz="UTC")
        # 18 May 21:00 UTC is 19 May 00:30 in Tehran: the promised day has passed for the agency
        with freeze_time(datetime.datetime(2026, 5, 18, 21, 0)):
            clerk_utc.invalidate_recordset(["is_overdue"])
            self.assertTrue(clerk_utc.is_overdue)
            self.assertEqual(clerk_utc.search([("id", "=", request.id), ("is_overdue", "=", True)]), request)
        with freeze_time(datetime.datetime(2026, 5, 18, 20, 0)):  # 23:30 in Tehran, still the promised day
            clerk_utc.invalidate_recordset(["is_overdue"])
            self.assertFalse(clerk_utc.is_overdue)

    def test_objection_deadline_moves_off_a_friday(self):
        request = self._result()
        # notified on Monday 25 May 2026 (1405/03/04); 11 days later is Friday 5 June → Saturday 6 June
        request.sudo().objection_window_days = 11
        with freeze_time(datetime.datetime(2026, 5, 25, 6, 0)):
            request.with_user(self.clerk).action_notify_response()
        self.assertEqual(datetime.date(2026, 6, 5).weekday(), 4)
        self.assertEqual(request.objection_deadline, datetime.date(2026, 6, 6))

    def test_objection_reason_typed_only_before_it_is_received(self):
        request = self._notified()
        request.with_user(self.clerk).write({"objection_reason": "عدم رعایت ضوابط"})
        with freeze_time(T0 + datetime.timedelta(hours=3)):
            request.with_user(self.clerk).action_object()
        with self.assertRaises(UserError):
            request.with_user(self.clerk).write({"objection_reason": "دلیل دیگر"})
        self.assertEqual(request.sudo().objection_reason, "عدم رعایت ضوابط")
        review = request.sudo().review_ids
        self.assertEqual(len(review), 1)
        with self.assertRaises(UserError):
            review.with_user(self.clerk).write({"review_of_id": False})
        self.assertEqual(review.review_of_id, request)
