from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.miz_inquiry.models.miz_inquiry_partner import hash_token

from .common import TOKEN, MizInquiryCommon


@tagged("post_install", "-at_install")
class TestInquiryModels(MizInquiryCommon):
    def test_secret_is_stored_hashed_and_authenticates_with_caller_code(self):
        self.assertEqual(self.caller.token_hash, hash_token(TOKEN))
        self.assertNotIn(TOKEN, str(self.caller.read()[0]))
        Partner = self.env["miz.inquiry.partner"]
        self.assertEqual(Partner._authenticate("AGENCY-A", TOKEN), self.caller)
        self.assertFalse(Partner._authenticate("AGENCY-B", TOKEN))
        self.assertFalse(Partner._authenticate("AGENCY-A", "wrong"))
        self.assertFalse(Partner._authenticate("AGENCY-A", ""))
        self.caller.active = False
        self.assertFalse(Partner._authenticate("AGENCY-A", TOKEN))

    def test_generate_secret_replaces_the_old_one(self):
        action = self.caller.action_generate_token()
        token = action["params"]["message"].rsplit(" ", 1)[1]
        self.assertGreaterEqual(len(token), 40)
        self.assertEqual(self.caller.token_hash, hash_token(token))
        self.assertFalse(self.env["miz.inquiry.partner"]._authenticate("AGENCY-A", TOKEN))
        with self.assertRaises(UserError):
            self.caller.new_token = "short-secret"

    def test_ip_allowlist(self):
        self.assertTrue(self.caller._ip_allowed("203.0.113.9"))
        self.caller.allowed_ips = "10.0.0.0/8, 192.168.1.5"
        self.assertTrue(self.caller._ip_allowed("10.200.1.1"))
        self.assertTrue(self.caller._ip_allowed("192.168.1.5"))
        self.assertFalse(self.caller._ip_allowed("192.168.1.6"))
        self.assertFalse(self.caller._ip_allowed("not-an-ip"))
        with self.assertRaises(ValidationError):
            self.caller.allowed_ips = "10.0.0.0/33"

    def test_type_constraints(self):
        Type = self.env["miz.inquiry.type"]
        with self.assertRaises(ValidationError):
            Type.create({"name": "X", "code": "x1", "direction": "outbound", "endpoint_url": "file:///etc/passwd"})
        with self.assertRaises(ValidationError):
            Type.create({"name": "X", "code": "x2", "direction": "outbound", "endpoint_url": "http://a/soap"})
        with self.assertRaises(ValidationError):
            Type.create({"name": "Y", "code": "y1", "direction": "inbound"})  # no answer kind
        with self.assertRaises(ValidationError):
            Type.create(
                {
                    "name": "Y",
                    "code": "y2",
                    "direction": "inbound",
                    "answer_kind": "manual",
                    "agency_id": self.agency.id,
                }
            )
        with self.assertRaises(ValidationError):
            Type.create(
                {"name": "Y", "code": "two words", "direction": "inbound", "answer_kind": "person_national_code"}
            )
        paper = Type.create({"name": "Z", "code": "z1", "direction": "outbound"})  # no endpoint: on paper
        self.assertFalse(paper._is_electronic())
        self.assertEqual(paper.display_name, "[z1] Z")

    def test_users_cannot_configure_types_or_partners(self):
        with self.assertRaises(AccessError):
            self.type_letter.with_user(self.inquiry_user).write({"timeout": 5})
        with self.assertRaises(AccessError):
            self.env["miz.inquiry.partner"].with_user(self.inquiry_user).create(
                {"agency_id": self.agency.id, "agency_code": "Z"}
            )
        with self.assertRaises(AccessError):
            self.env["miz.inquiry.inbound"].with_user(self.inquiry_user).create({"reject_reason": "x"})
        with self.assertRaises(AccessError):
            self.caller.with_user(self.inquiry_user).read(["token_hash"])
        with self.assertRaises(AccessError):
            self.type_letter.with_user(self.inquiry_user).read(["outbound_secret"])
