"""The holes of issue 8, driven as an RPC client would drive them.

Each test calls the public model API (``write``, ``create``, ``action_*``, ``refer``…) as the user who would try it,
with the context a client could send, asserts the refusal, then reads the record back (as another user or sudo)
to check that nothing changed.
"""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import MizSecretariatCommon

# context keys that used to open the write guards (a client may send any of them);
# refusals are UserError, AccessError included (it is a UserError)
FORGED_KEYS = ("miz_letter_registering", "miz_referral_force", "miz_letter_no_register")


@tagged("post_install", "-at_install")
class TestSecurityRpc(MizSecretariatCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_clerk_b = new_test_user(
            cls.env, login="sec_clerk_b", groups="miz_secretariat.group_miz_secretariat_clerk", name="Clerk B"
        )
        cls.user_manager_b = new_test_user(
            cls.env, login="sec_manager_b", groups="miz_secretariat.group_miz_secretariat_manager", name="Manager B"
        )
        (cls.user_clerk_b | cls.user_manager_b).write({"miz_secretariat_agency_ids": [(6, 0, cls.other_agency.ids)]})
        cls.letter = cls.Letter.with_user(cls.user_clerk).register_incoming(
            cls._incoming_vals(subject="Permit 17"),
            [
                {"to_user_id": cls.user_staff.id, "instruction": "Answer", "purpose": "action"},
                {"to_user_id": cls.user_staff2.id, "instruction": "For your files", "purpose": "information"},
            ],
        )
        cls.referral = cls.letter.referral_ids.filtered(lambda r: r.to_user_id == cls.user_staff)
        cls.info_referral = cls.letter.referral_ids.filtered(lambda r: r.to_user_id == cls.user_staff2)

    def _snapshot(self, record, names):
        record.invalidate_recordset()
        return record.sudo().read(names)[0]

    # ------------------------------------------------------------------------------------------ letters
    def test_forged_context_cannot_rewrite_registered_letter(self):
        names = ["subject", "name", "confidentiality", "registration_date", "state", "handling_state"]
        before = self._snapshot(self.letter, names)
        attempts = [
            {"subject": "Another subject"},
            {"name": "1405/و/999"},
            {"confidentiality": "secret"},
            {"registration_date": "2020-01-01 08:00:00"},
            {"state": "draft"},
            {"handling_state": "closed"},
        ]
        for key in FORGED_KEYS:
            for vals in attempts:
                with self.subTest(key=key, vals=vals), self.assertRaises(UserError):
                    self.letter.with_user(self.user_clerk).with_context(**{key: True}).write(vals)
        self.assertEqual(self._snapshot(self.letter, names), before)
        self.assertEqual(self.letter.with_user(self.user_manager).subject, "Permit 17")
        # the note stays editable
        self.letter.with_user(self.user_clerk).write({"note": "Original filed in box 3"})
        self.assertEqual(self.letter.sudo().note, "Original filed in box 3")

    def test_forged_context_cannot_set_state_of_draft(self):
        draft = self.Letter.with_user(self.user_clerk).create(
            {"kind": "outgoing", "agency_id": self.agency.id, "subject": "Draft reply"}
        )
        for key in FORGED_KEYS:
            with self.subTest(key=key), self.assertRaises(UserError):
                draft.with_user(self.user_clerk).with_context(**{key: True}).write(
                    {"state": "registered", "name": "1405/ص/1"}
                )
        self.assertEqual(self._snapshot(draft, ["state", "name"]), {"id": draft.id, "state": "draft", "name": False})

    def test_default_keys_in_create_context_are_ignored(self):
        forged = {
            "default_state": "registered",
            "default_name": "1405/ص/777",
            "default_registration_date": "2020-01-01 08:00:00",
            "default_handling_state": "closed",
            "default_approved_by_id": self.user_manager.id,
        }
        draft = (
            self.Letter.with_user(self.user_clerk)
            .with_context(**forged)
            .create({"kind": "outgoing", "agency_id": self.agency.id, "subject": "Forged defaults"})
        )
        values = self._snapshot(draft, ["state", "name", "registration_date", "handling_state", "approved_by_id"])
        self.assertEqual(
            (values["state"], values["name"], values["registration_date"], values["handling_state"]),
            ("draft", False, False, "open"),
        )
        self.assertFalse(values["approved_by_id"])
        # an incoming letter gets its real number, not the forged one
        incoming = self.Letter.with_user(self.user_clerk).with_context(**forged).create(self._incoming_vals())
        self.assertNotEqual(incoming.sudo().name, "1405/ص/777")
        self.assertEqual(incoming.sudo().handling_state, "open")
        # and the protected fields cannot be typed in either
        with self.assertRaises(UserError):
            self.Letter.with_user(self.user_clerk).create(
                {"kind": "outgoing", "agency_id": self.agency.id, "subject": "Typed", "name": "1405/ص/778"}
            )
        self.assertFalse(self.Letter.sudo().search([("name", "in", ("1405/ص/777", "1405/ص/778"))]))

    def test_other_agency_manager_cannot_approve(self):
        out = self.Letter.with_user(self.user_clerk).create(
            {
                "kind": "outgoing",
                "agency_id": self.agency.id,
                "subject": "To the ministry",
                "signatory_id": self.user_manager.id,
            }
        )
        with self.assertRaises(UserError):
            out.with_user(self.user_manager_b).action_approve()
        self.assertEqual(self._snapshot(out, ["state", "approved_by_id"])["state"], "draft")
        self.assertFalse(out.sudo().approved_by_id)
        # the manager of the letter's own agency may approve in place of the signatory
        out.with_user(self.user_manager).action_approve()
        self.assertEqual(out.sudo().state, "approved")

    def test_other_agency_staff_cannot_register(self):
        # a clerk of agency B drafts a letter of agency A and names himself its signatory …
        out = self.Letter.with_user(self.user_clerk_b).create(
            {
                "kind": "outgoing",
                "agency_id": self.agency.id,
                "subject": "Self-signed",
                "signatory_id": self.user_clerk_b.id,
            }
        )
        # … but he does not work for agency A: he cannot sign (and so approve) its letter
        with self.assertRaises(UserError):
            out.with_user(self.user_clerk_b).with_context(**dict.fromkeys(FORGED_KEYS, True)).action_approve()
        self.assertEqual(out.sudo().state, "draft")
        # signed and approved by a person of agency A …
        out.with_user(self.user_clerk_b).write({"signatory_id": self.user_clerk.id})
        out.with_user(self.user_clerk).action_approve()
        # … the clerk of agency B still cannot give it a number of agency A
        for key in FORGED_KEYS:
            with self.subTest(key=key), self.assertRaises(UserError):
                out.with_user(self.user_clerk_b).with_context(**{key: True}).action_register()
        values = self._snapshot(out, ["state", "name", "registration_date"])
        self.assertEqual((values["state"], values["name"], values["registration_date"]), ("approved", False, False))
        self.assertFalse(out.sudo().access_token)
        # nor can ordinary staff register an incoming letter through the public API
        with self.assertRaises(UserError):
            self.Letter.with_user(self.user_staff).register_incoming(self._incoming_vals(subject="Staff letter"))
        self.assertFalse(self.Letter.sudo().search([("subject", "=", "Staff letter")]))
        # the secretariat of agency A registers it
        out.with_user(self.user_clerk).action_register()
        self.assertEqual(out.sudo().state, "registered")

    def test_handling_closed_only_by_agency_clerk_of_registered_letter(self):
        draft = self.Letter.with_user(self.user_clerk).create(
            {"kind": "internal", "agency_id": self.agency.id, "subject": "Memo"}
        )
        with self.assertRaises(UserError):
            draft.with_user(self.user_clerk).action_close_handling()
        self.assertEqual(draft.sudo().handling_state, "open")
        with self.assertRaises(UserError):
            self.letter.with_user(self.user_staff).action_close_handling()  # in the tree, not the secretariat
        self.assertEqual(self.letter.sudo().handling_state, "open")
        with self.assertRaises(UserError):
            self.letter.with_user(self.user_clerk).action_reopen_handling()  # not closed
        self.letter.with_user(self.user_clerk).action_close_handling()
        self.assertEqual(self.letter.sudo().handling_state, "closed")

    def test_manager_does_not_read_other_agency_secret_letter(self):
        secret_b = self.Letter.with_user(self.user_clerk_b).register_incoming(
            self._incoming_vals(agency_id=self.other_agency.id, subject="Agency B tender", confidentiality="secret"),
            [{"to_user_id": self.user_staff2.id}],
        )
        with self.assertRaises(AccessError):
            secret_b.with_user(self.user_manager).read(["subject"])
        self.assertFalse(self.Letter.with_user(self.user_manager).search([("id", "=", secret_b.id)]))
        self.assertFalse(self.Referral.with_user(self.user_manager).search([("letter_id", "=", secret_b.id)]))
        # his own agency's secret letters he does see, and agency B's manager sees B's
        secret_a = self.Letter.with_user(self.user_clerk).register_incoming(
            self._incoming_vals(subject="Agency A tender", confidentiality="secret")
        )
        self.assertEqual(secret_a.with_user(self.user_manager).read(["subject"])[0]["subject"], "Agency A tender")
        self.assertEqual(secret_b.with_user(self.user_manager_b).read(["subject"])[0]["subject"], "Agency B tender")

    # ------------------------------------------------------------------------------------------ referrals
    def test_sender_cannot_write_his_referral(self):
        before = self._snapshot(self.referral, ["state", "done_date", "to_user_id", "deadline"])
        attempts = [
            {"state": "done"},
            {"done_date": "2020-01-01 08:00:00"},
            {"to_user_id": self.user_outsider.id},
            {"deadline": "2030-01-01"},
        ]
        for key in FORGED_KEYS:
            for vals in attempts:
                with self.subTest(key=key, vals=vals), self.assertRaises(UserError):
                    self.referral.with_user(self.user_clerk).with_context(**{key: True}).write(vals)
        # the recipient may not move the state or his deadline either, only answer
        for vals in ({"state": "done"}, {"deadline": "2030-01-01"}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                self.referral.with_user(self.user_staff).write(vals)
        self.assertEqual(self._snapshot(self.referral, ["state", "done_date", "to_user_id", "deadline"]), before)
        self.referral.with_user(self.user_staff).write({"answer": "Called the applicant"})
        self.assertEqual(self.referral.with_user(self.user_clerk).answer, "Called the applicant")

    def test_referral_create_cannot_forge_sender_or_state(self):
        count = self.Referral.sudo().search_count([("letter_id", "=", self.letter.id)])
        # a staff member forging a referral "from the clerk" to himself
        with self.assertRaises(UserError):
            self.Referral.with_user(self.user_staff).create(
                {"letter_id": self.letter.id, "from_user_id": self.user_clerk.id, "to_user_id": self.user_staff.id}
            )
        self.assertEqual(self.Referral.sudo().search_count([("letter_id", "=", self.letter.id)]), count)
        # re-referring through the API: sender forced to the caller, forged defaults ignored
        child = (
            self.referral.with_user(self.user_staff)
            .with_context(default_state="done", default_from_user_id=self.user_clerk.id)
            .refer([{"to_user_id": self.user_outsider.id, "from_user_id": self.user_clerk.id}])
        )
        self.assertEqual(
            (child.sudo().from_user_id, child.sudo().state, child.sudo().parent_id),
            (self.user_staff, "new", self.referral),
        )

    def test_user_outside_branch_cannot_refer(self):
        count = self.Referral.sudo().search_count([("letter_id", "=", self.letter.id)])
        wizard_vals = {"letter_id": self.letter.id, "user_ids": [(6, 0, self.user_outsider.ids)]}
        Wizard = self.env["miz.secretariat.refer.wizard"]
        # staff2 is in the tree (an information copy) but may not refer the letter on his own …
        with self.assertRaises(UserError):
            Wizard.with_user(self.user_staff2).create(wizard_vals).action_refer()
        # … nor re-refer a referral he did not receive (parent forged in the wizard's context)
        with self.assertRaises(UserError):
            Wizard.with_user(self.user_staff2).with_context(default_parent_id=self.referral.id).create(
                wizard_vals
            ).action_refer()
        with self.assertRaises(UserError):
            self.referral.with_user(self.user_staff2).refer([{"to_user_id": self.user_outsider.id}])
        # someone outside the tree altogether
        with self.assertRaises(UserError):
            Wizard.with_user(self.user_outsider).create(
                dict(wizard_vals, user_ids=[(6, 0, self.user_outsider.ids)])
            ).action_refer()
        # a finished referral is not re-referred by its recipient
        self.info_referral.with_user(self.user_staff2).action_done()
        with self.assertRaises(UserError):
            self.info_referral.with_user(self.user_staff2).refer([{"to_user_id": self.user_outsider.id}])
        self.assertEqual(self.Referral.sudo().search_count([("letter_id", "=", self.letter.id)]), count)
        self.assertNotIn(self.user_outsider, self.letter.sudo().referral_user_ids)

    def test_reading_a_referral_changes_nothing(self):
        self.assertEqual(self.referral.sudo().state, "new")
        self.referral.with_user(self.user_staff).web_read({"state": {}, "letter_subject": {}})
        self.referral.invalidate_recordset(["state"])
        self.assertEqual(self.referral.sudo().state, "new")
        # the explicit path: the cartable's "Open Letter"
        action = self.referral.with_user(self.user_staff).action_open_letter()
        self.assertEqual(action["res_id"], self.letter.id)
        self.assertEqual(self.referral.sudo().state, "seen")
