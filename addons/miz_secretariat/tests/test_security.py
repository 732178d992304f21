from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MizSecretariatCommon


@tagged("post_install", "-at_install")
class TestSecurity(MizSecretariatCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secret = cls.Letter.with_user(cls.user_clerk).register_incoming(
            cls._incoming_vals(subject="Secret matter", confidentiality="secret"),
            [{"to_user_id": cls.user_staff.id, "instruction": "Handle personally"}],
        )
        cls.normal = cls.Letter.with_user(cls.user_clerk).register_incoming(
            cls._incoming_vals(subject="Ordinary matter"),
            [{"to_user_id": cls.user_staff.id}],
        )

    def test_confidential_outside_tree_denied(self):
        for user in (self.user_outsider, self.user_clerk2, self.user_staff2):
            with self.assertRaises(AccessError):
                self.secret.with_user(user).read(["subject"])
            self.assertFalse(self.Letter.with_user(user).search([("id", "=", self.secret.id)]))

    def test_confidential_inside_tree_allowed(self):
        self.assertEqual(self.secret.with_user(self.user_staff).read(["subject"])[0]["subject"], "Secret matter")
        self.assertEqual(self.secret.with_user(self.user_manager).subject, "Secret matter")
        # a re-referral brings the new recipient into the tree
        self.secret.referral_ids.with_user(self.user_staff).refer([{"to_user_id": self.user_staff2.id}])
        self.assertEqual(self.secret.with_user(self.user_staff2).read(["subject"])[0]["subject"], "Secret matter")
        self.assertEqual(
            len(self.secret.referral_ids.with_user(self.user_staff2).search([("letter_id", "=", self.secret.id)])), 2
        )

    def test_clerk_sees_agency_normal_letters_only(self):
        self.assertEqual(self.normal.with_user(self.user_clerk2).subject, "Ordinary matter")
        other = self.Letter.register_incoming(self._incoming_vals(agency_id=self.other_agency.id))
        with self.assertRaises(AccessError):
            other.with_user(self.user_clerk2).read(["subject"])

    def test_staff_sees_only_referred_letters(self):
        visible = self.Letter.with_user(self.user_staff).search([])
        self.assertEqual(visible, self.secret | self.normal)
        self.assertFalse(self.Letter.with_user(self.user_outsider).search([]))
        with self.assertRaises(AccessError):
            self.normal.with_user(self.user_outsider).read(["subject"])
