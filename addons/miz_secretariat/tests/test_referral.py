import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import MizSecretariatCommon


@tagged("post_install", "-at_install")
class TestReferral(MizSecretariatCommon):
    def test_register_incoming_with_referrals_and_tree(self):
        letter = self.Letter.with_user(self.user_clerk).register_incoming(
            self._incoming_vals(),
            [
                {
                    "to_user_id": self.user_staff.id,
                    "instruction": "Please answer",
                    "purpose": "action",
                    "deadline": datetime.date(2026, 6, 1),
                },
                {"to_unit_id": self.unit.id, "instruction": "For your files", "purpose": "information"},
            ],
        )
        self.assertEqual(letter.state, "registered")
        self.assertEqual(len(letter.referral_ids), 2)
        unit_ref = letter.referral_ids.filtered("to_unit_id")
        self.assertEqual(unit_ref.to_user_id, self.user_staff2)  # the unit's representative
        self.assertEqual(set(letter.referral_ids.from_user_id.ids), {self.user_clerk.id})
        # each referral is an activity of its recipient (systray)
        staff_ref = letter.referral_ids.filtered(lambda r: r.to_user_id == self.user_staff)
        self.assertEqual(staff_ref.activity_id.user_id, self.user_staff)
        self.assertEqual(staff_ref.activity_id.res_id, letter.id)
        # re-referral by the recipient builds the tree
        child = staff_ref.with_user(self.user_staff).refer(
            [{"to_user_id": self.user_outsider.id, "instruction": "Prepare a draft"}]
        )
        self.assertEqual(child.parent_id, staff_ref)
        self.assertEqual(staff_ref.child_ids, child)
        self.assertEqual(child.from_user_id, self.user_staff)
        self.assertEqual(child.to_user_id, self.user_outsider)
        self.assertEqual(staff_ref.state, "seen")
        self.assertIn(self.user_outsider, letter.referral_user_ids)
        self.assertEqual(child.parent_path, f"{staff_ref.id}/{child.id}/")
        # the new recipient sees the whole tree
        tree = self.Referral.with_user(self.user_outsider).search([("letter_id", "=", letter.id)])
        self.assertEqual(len(tree), 3)

    def test_refer_only_by_recipient(self):
        letter = self.Letter.register_incoming(self._incoming_vals(), [{"to_user_id": self.user_staff.id}])
        with self.assertRaises(UserError):
            letter.referral_ids.with_user(self.user_staff2).refer([{"to_user_id": self.user_outsider.id}])

    def test_cartable_seen_done_and_handling_closed(self):
        letter = self.Letter.register_incoming(
            self._incoming_vals(),
            [
                {"to_user_id": self.user_staff.id, "purpose": "action"},
                {"to_user_id": self.user_staff2.id, "purpose": "action"},
                {"to_user_id": self.user_outsider.id, "purpose": "information"},
            ],
        )
        action = self.env.ref("miz_secretariat.miz_secretariat_referral_action_cartable")
        domain = [("to_user_id", "=", self.user_staff.id), ("state", "in", ("new", "seen"))]
        self.assertEqual(action.domain, "[('to_user_id', '=', uid), ('state', 'in', ('new', 'seen'))]")
        mine = self.Referral.with_user(self.user_staff).search(domain)
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine.state, "new")
        mine.with_user(self.user_staff).web_read({"state": {}})  # reading the form changes nothing
        self.assertEqual(mine.state, "new")
        with self.assertRaises(UserError):
            mine.with_user(self.user_staff2).action_mark_seen()  # only the recipient has seen it
        mine.with_user(self.user_staff).action_mark_seen()  # the form's "Mark as Seen"
        self.assertEqual(mine.state, "seen")
        activity = mine.activity_id
        mine.with_user(self.user_staff).write({"answer": "Answered by phone"})
        mine.with_user(self.user_staff).action_done()
        self.assertEqual(mine.state, "done")
        self.assertFalse(activity.exists())  # activity marked done
        self.assertEqual(letter.handling_state, "open")  # one action referral still open
        other = letter.referral_ids.filtered(lambda r: r.to_user_id == self.user_staff2)
        with self.assertRaises(UserError):
            other.with_user(self.user_staff).action_done()  # not the recipient
        other.with_user(self.user_staff2).action_done()
        self.assertEqual(letter.handling_state, "closed")  # information referral does not keep it open

    def test_overdue(self):
        with freeze_time("2026-05-10"):
            letter = self.Letter.register_incoming(
                self._incoming_vals(), [{"to_user_id": self.user_staff.id, "deadline": datetime.date(2026, 5, 12)}]
            )
            self.assertFalse(letter.referral_ids.is_overdue)
        with freeze_time("2026-05-13"):
            letter.referral_ids.invalidate_recordset(["is_overdue"])
            self.assertTrue(letter.referral_ids.is_overdue)

    def test_refer_wizard_users_and_units(self):
        letter = self.Letter.register_incoming(self._incoming_vals())
        wizard = self.env["miz.secretariat.refer.wizard"].create(
            {
                "letter_id": letter.id,
                "user_ids": [(6, 0, self.user_staff.ids)],
                "unit_ids": [(6, 0, self.unit.ids)],
                "instruction": "Review",
            }
        )
        wizard.action_refer()
        self.assertEqual(letter.referral_ids.to_user_id, self.user_staff | self.user_staff2)
        self.assertEqual(letter.referral_ids.mapped("instruction"), ["Review", "Review"])

    def test_refer_and_open_actions(self):
        letter = self.Letter.register_incoming(
            self._incoming_vals(), referrals=[{"to_user_id": self.user_staff.id, "instruction": "Act"}]
        )
        action = letter.action_refer()
        self.assertEqual((action["res_model"], action["target"]), ("miz.secretariat.refer.wizard", "new"))
        self.assertEqual(action["context"], {"default_letter_id": letter.id})
        referral = letter.referral_ids
        self.assertEqual(
            referral.action_refer()["context"], {"default_letter_id": letter.id, "default_parent_id": referral.id}
        )
        opened = referral.with_user(self.user_staff).action_open_letter()
        self.assertEqual((opened["res_model"], opened["res_id"]), ("miz.secretariat.letter", letter.id))
        self.assertEqual(referral.state, "seen", "the recipient opening the letter marks the referral seen")
