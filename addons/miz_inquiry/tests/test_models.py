from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.miz_inquiry.models.miz_inquiry_partner import hash_token

from .common import TOKEN, MizInquiryCommon


@tagged("post_install", "-at_install")
class TestInquiryModels(MizInquiryCommon):
    def test_token_is_stored_hashed_and_authenticates_with_caller_code(self):
        self.assertEqual(self.caller.token_hash, hash_token(TOKEN))
        self.assertNotIn(TOKEN, str(self.caller.read()[0]))
        Partner = self.env["miz.inquiry.partner"]
        self.assertEqual(Partner._authenticate(TOKEN, "AGENCY-A"), self.caller)
        self.assertFalse(Partner._authenticate(TOKEN, "AGENCY-B"))
        self.assertFalse(Partner._authenticate("wrong", "AGENCY-A"))
        self.assertFalse(Partner._authenticate("", "AGENCY-A"))
        self.caller.active = False
        self.assertFalse(Partner._authenticate(TOKEN, "AGENCY-A"))

    def test_generate_token_replaces_the_old_one(self):
        action = self.caller.action_generate_token()
        token = action["params"]["message"].rsplit(" ", 1)[1]
        self.assertGreaterEqual(len(token), 40)
        self.assertEqual(self.caller.token_hash, hash_token(token))
        self.assertFalse(self.env["miz.inquiry.partner"]._authenticate(TOKEN, "AGENCY-A"))
        with self.assertRaises(UserError):
            self.caller.new_token = "short"

    def test_type_constraints(self):
        Type = self.env["miz.inquiry.type"]
        base = {"name": "X", "direction": "outbound", "requester_code": "A"}
        with self.assertRaises(ValidationError):
            Type.create(dict(base, code="x1"))  # no WSDL
        with self.assertRaises(ValidationError):
            Type.create(dict(base, code="x2", wsdl_url="file:///etc/passwd"))
        with self.assertRaises(ValidationError):
            Type.create(dict(base, code="x3", wsdl_url="http://a/?wsdl", requester_code=False))
        with self.assertRaises(ValidationError):
            Type.create({"name": "Y", "code": "y1", "direction": "inbound"})  # no answer kind
        with self.assertRaises(ValidationError):
            Type.create({"name": "Y", "code": "y2", "direction": "inbound", "answer_kind": "manual"})
        with self.assertRaises(ValidationError):
            Type.create(
                {"name": "Y", "code": "two words", "direction": "inbound", "answer_kind": "person_national_code"}
            )
        ok = Type.create({"name": "Y", "code": "y3", "direction": "inbound", "answer_kind": "person_national_code"})
        self.assertEqual(ok.display_name, "[y3] Y")

    def test_paper_fallback_drafts_outgoing_letter_and_answer_by_hand(self):
        request = (
            self.env["miz.inquiry.request"]
            .with_user(self.inquiry_user)
            .create({"type_id": self.type_person.id, "key": "0012345679"})
        )
        self.assertTrue(request.name.startswith("INQ-"))
        action = request.action_file_paper()
        self.assertEqual(request.state, "paper")
        letter = request.letter_id
        self.assertEqual(action["res_id"], letter.id)
        self.assertEqual(letter.kind, "outgoing")
        self.assertEqual(letter.state, "draft")
        self.assertEqual(letter.agency_id, self.agency)
        self.assertEqual(letter.recipient_agency_ids, self.agency)
        self.assertEqual(letter.origin_ref, request)
        self.assertIn(request.name, letter.body)
        with self.assertRaises(UserError):
            request.action_send()
        with self.assertRaises(UserError):
            request.action_mark_answered()  # no answer written yet
        request.response_payload = "فرد با این کد ملی وجود دارد."
        request.action_mark_answered()
        self.assertEqual(request.state, "answered")
        self.assertTrue(request.answered_at)
        with self.assertRaises(UserError):
            request.unlink()

    def test_users_cannot_configure_types_or_partners(self):
        with self.assertRaises(AccessError):
            self.type_person.with_user(self.inquiry_user).write({"timeout": 5})
        with self.assertRaises(AccessError):
            self.env["miz.inquiry.partner"].with_user(self.inquiry_user).create(
                {"agency_id": self.agency.id, "agency_code": "Z"}
            )
        with self.assertRaises(AccessError):
            # (the answer is not a protected field: the access rights refuse the creation itself)
            self.env["miz.inquiry.inbound"].with_user(self.inquiry_user).create({"answer": "x"})
        # the token hash is not readable by inquiry users
        with self.assertRaises(AccessError):
            self.caller.with_user(self.inquiry_user).read(["token_hash"])
