from unittest.mock import patch

from odoo.tests import HttpCase, tagged

from odoo.addons.miz_khedmat.tests.common import NATIONAL_CODE

from ..models import miz_khedmat_online_otp
from .common import MizKhedmatOnlineSetup


@tagged("post_install", "-at_install")
class TestOnlineTour(MizKhedmatOnlineSetup, HttpCase):
    """Chromium on a phone-sized screen (390×844) walks catalog → booklet → online request → receipt → tracking."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._miz_online_setup()

    def test_tour_on_a_phone(self):
        # the code a phone would receive by SMS: fixed for the browser (the HttpCase tests read the real one)
        with patch.object(miz_khedmat_online_otp, "_new_code", lambda: "123456"):
            self.start_tour("/miz/services", "miz_khedmat_online_tour", timeout=180)
        request = self.env["miz.khedmat.request"].search([("origin", "=", "online")])
        self.assertEqual(len(request), 1)
        self.assertEqual(request.state, "registered")
        self.assertEqual(request.partner_id.miz_national_code, NATIONAL_CODE)
        self.assertEqual(request.online_answer_ids.mapped("value"), ["1234", "مسکونی"])
        self.assertEqual(len(request.document_ids.filtered("received").attachment_ids), 2)
