from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import MizSecretariatCommon


@tagged("post_install", "-at_install")
class TestLetter(MizSecretariatCommon):
    def _counter(self, letter):
        return int(letter.name.rsplit("/", 1)[1])

    @freeze_time("2026-05-10 08:00:00")
    def test_incoming_registered_at_once_with_jalali_number(self):
        letter = self.Letter.with_user(self.user_clerk).create(self._incoming_vals())
        self.assertEqual(letter.state, "registered")
        # 2026-05-10 is 20 Ordibehesht 1405; the default incoming pattern is %(jy)s/و/
        self.assertEqual(letter.name, "1405/و/1")
        self.assertEqual(letter.number_display, "۱۴۰۵/و/۱")
        self.assertEqual(letter.registration_jdate[:10], "۱۴۰۵/۰۲/۲۰")
        # the register book groups by the Jalali month of registration_date (miz_base read_group)
        groups = self.Letter.with_context(lang="fa_IR", tz="Asia/Tehran").read_group(
            [("id", "=", letter.id)],
            ["registration_date"],
            ["registration_date:month", "registration_date:year"],
            lazy=False,
        )
        self.assertEqual(
            [(g["registration_date:month"], g["registration_date:year"], g["__count"]) for g in groups],
            [("اردیبهشت ۱۴۰۵", "۱۴۰۵", 1)],
        )
        self.assertTrue(letter.sudo().access_token)

    def test_consecutive_numbers_without_gap_after_failed_registration(self):
        first = self.Letter.register_incoming(self._incoming_vals())
        n = self._counter(first)
        # A registration that fails midway (its referral names a unit without representative) is rolled back …
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.Letter.register_incoming(
                self._incoming_vals(subject="Broken"), [{"to_unit_id": self.unit_no_rep.id, "instruction": "x"}]
            )
        # … and its number is given to the next letter: no gap.
        second = self.Letter.register_incoming(self._incoming_vals(subject="Second"))
        third = self.Letter.register_incoming(self._incoming_vals(subject="Third"))
        self.assertEqual([self._counter(second), self._counter(third)], [n + 1, n + 2])
        self.assertFalse(self.Letter.search([("subject", "=", "Broken")]))

    def test_search_number_in_persian_digits(self):
        letter = self.Letter.register_incoming(self._incoming_vals())
        persian = letter.number_display
        self.assertNotEqual(persian, letter.name)
        mine = [("agency_id", "=", self.agency.id)]  # numbers repeat across agencies
        self.assertEqual(self.Letter.search([("number_display", "=", persian), *mine]), letter)
        self.assertEqual(self.Letter.search([("display_name", "ilike", persian), *mine]), letter)
        self.assertIn((letter.id, letter.display_name), self.Letter.name_search(persian, mine))

    def test_numbering_per_agency_and_kind(self):
        a1 = self.Letter.register_incoming(self._incoming_vals())
        b1 = self.Letter.register_incoming(self._incoming_vals(agency_id=self.other_agency.id))
        self.assertEqual(self._counter(a1), self._counter(b1))
        self.assertIn("/و/", a1.name)
        out = self.Letter.create(
            {"kind": "outgoing", "agency_id": self.agency.id, "subject": "Reply", "signatory_id": self.env.uid}
        )
        self.assertEqual(out.state, "draft")
        self.assertFalse(out.name)
        out.action_approve()
        out.action_register()
        self.assertIn("/ص/", out.name)
        self.assertEqual(self._counter(out), 1)

    def test_sequence_restarts_on_farvardin_first(self):
        with freeze_time("2025-03-20 08:00:00"):  # 29 Esfand 1403
            last_1403 = self.Letter.register_incoming(self._incoming_vals(subject="Esfand"))
            last_1403b = self.Letter.register_incoming(self._incoming_vals(subject="Esfand 2"))
        with freeze_time("2025-03-21 08:00:00"):  # 1 Farvardin 1404
            first_1404 = self.Letter.register_incoming(self._incoming_vals(subject="Farvardin"))
        self.assertTrue(last_1403.name.startswith("1403/"))
        self.assertEqual(self._counter(last_1403b), self._counter(last_1403) + 1)
        self.assertEqual(first_1404.name, "1404/و/1")
        self.assertEqual(first_1404.registration_jdate[:10], "۱۴۰۴/۰۱/۰۱")

    def test_outgoing_workflow_and_lock(self):
        out = self.Letter.with_user(self.user_clerk).create(
            {
                "kind": "outgoing",
                "agency_id": self.agency.id,
                "subject": "To the ministry",
                "signatory_id": self.user_manager.id,
            }
        )
        with self.assertRaises(UserError):
            out.action_register()  # not approved yet
        with self.assertRaises(UserError):
            out.with_user(self.user_clerk).action_approve()  # only the signatory approves
        out.with_user(self.user_manager).action_approve()
        self.assertEqual(out.state, "approved")
        self.assertEqual(out.approved_by_id, self.user_manager)
        out.with_user(self.user_clerk).action_register()
        self.assertEqual(out.state, "registered")
        with self.assertRaises(UserError):
            out.with_user(self.user_clerk).write({"subject": "Changed"})
        with self.assertRaises(UserError):
            out.write({"body": "<p>changed</p>"})
        out.with_user(self.user_clerk).write({"note": "Sent with the courier"})
        out.with_user(self.user_clerk).message_post(body="Annotation")
        out.with_user(self.user_clerk).action_send()
        self.assertEqual(out.state, "sent")
        self.assertEqual(out.subject, "To the ministry")
        with self.assertRaises(UserError):
            out.unlink()

    def _flush_tracking(self):
        self.env.flush_all()
        self.env.cr.flush()  # runs the tracking precommit hooks

    def test_state_changes_tracked(self):
        letter = self.Letter.with_context(tracking_disable=False, mail_notrack=False).create(
            {"kind": "internal", "agency_id": self.agency.id, "subject": "Memo", "signatory_id": self.env.uid}
        )
        self._flush_tracking()  # changes of a record created in the same transaction are not tracked
        letter.action_approve()
        self._flush_tracking()
        letter.action_register()
        self._flush_tracking()
        letter.invalidate_recordset(["message_ids"])
        tracked = letter.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "state")
        self.assertEqual(sorted(tracked.mapped("new_value_char")), ["Approved", "Registered"])
        numbers = letter.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "name")
        self.assertEqual(numbers.new_value_char, letter.name)

    def test_has_attachment_flag(self):
        att = self.env["ir.attachment"].create({"name": "scan.pdf", "raw": b"%PDF-1.4"})
        letter = self.Letter.register_incoming(self._incoming_vals(attachment_ids=[(6, 0, att.ids)]))
        self.assertTrue(letter.has_attachment)
        self.assertFalse(self.Letter.register_incoming(self._incoming_vals()).has_attachment)
