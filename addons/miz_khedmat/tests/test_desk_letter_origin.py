from odoo.tests import new_test_user, tagged

from .common import MizKhedmatCommon


@tagged("post_install", "-at_install")
class TestDeskLetterOrigin(MizKhedmatCommon):
    """The secretariat of the agency reads the desk's letter; its origin (the desk request, which the secretariat may
    not read) is shown as text instead of a link that only says there is no access."""

    def test_secretariat_reads_the_origin_as_text(self):
        request = self._register(self._new_request())
        secretariat = new_test_user(
            self.env, login="miz_k_secretariat", groups="miz_secretariat.group_miz_secretariat_clerk"
        )
        secretariat.miz_secretariat_agency_ids = self.agency
        letter = request.letter_id.with_user(secretariat)
        self.assertFalse(request.with_user(secretariat).has_access("read"))
        kind = dict(letter._selection_origin_ref())["miz.khedmat.request"]
        self.assertEqual(
            (letter.origin_readable, letter.origin_display), (False, f"{kind}: {request.sudo().display_name}")
        )
        # the desk's clerk reads the request: he keeps the link
        self.assertTrue(request.letter_id.with_user(self.clerk).origin_readable)
