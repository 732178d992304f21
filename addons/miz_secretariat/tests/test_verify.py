from odoo.tests import HttpCase, tagged

from .common import MizSecretariatCommon


@tagged("post_install", "-at_install")
class TestVerify(MizSecretariatCommon, HttpCase):
    def test_verification_page_shows_no_confidential_content(self):
        letter = self.Letter.register_incoming(
            self._incoming_vals(
                subject="Top secret tender", body="<p>Hidden budget figures</p>", confidentiality="secret"
            )
        )
        token = letter.sudo().access_token
        self.assertGreaterEqual(len(token), 24)
        response = self.url_open(f"/miz/letter/verify/{token}")
        self.assertEqual(response.status_code, 200)
        html = response.text
        self.assertIn(letter.number_display, html)
        self.assertIn(letter.registration_jdate, html)
        self.assertIn(letter._subject_hash(), html)
        self.assertNotIn("Top secret tender", html)
        self.assertNotIn("Hidden budget", html)
        self.assertNotIn("S-17", html)

    def test_unknown_token_and_unregistered_letter_are_404(self):
        self.assertEqual(self.url_open("/miz/letter/verify/" + "x" * 32).status_code, 404)
        draft = self.Letter.create(
            {"kind": "outgoing", "agency_id": self.agency.id, "subject": "Draft", "signatory_id": self.env.uid}
        )
        self.assertFalse(draft.sudo().access_token)
        # a draft that carries a token (it never should) is still not verifiable: only registered letters are
        draft.sudo().write({"access_token": "d" * 32})
        self.assertEqual(self.url_open("/miz/letter/verify/" + "d" * 32).status_code, 404)
        draft.action_approve()
        self.assertEqual(self.url_open("/miz/letter/verify/" + "d" * 32).status_code, 404)  # approved, not registered
        draft.action_register()
        token = draft.sudo().access_token
        self.assertNotEqual(token, "d" * 32, "registration gives the letter its own token")
        response = self.url_open(f"/miz/letter/verify/{token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(draft.number_display, response.text)
        self.assertEqual(self.url_open("/miz/letter/verify/" + "d" * 32).status_code, 404)
