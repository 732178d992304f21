import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.miz_khedmat.tests.common import NATIONAL_CODE, T0
from odoo.addons.miz_khedmat_online.tests.common import MizKhedmatOnlineSetup, csrf


@tagged("post_install", "-at_install")
class TestTrackingInquiries(MizKhedmatOnlineSetup, HttpCase):
    """The tracking page lists the inquiries the agency obtains: the types frozen at registration, with the date of
    each answer obtained, never its content."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._miz_online_setup()
        Type = cls.env["miz.inquiry.type"]
        common = {
            "direction": "outbound",
            "agency_id": cls.agency.id,
            "provider_agency_id": cls.other_agency.id,
            "requester_code": "T-KHEDMAT-1",
        }
        cls.type_police = Type.create(
            {
                **common,
                "name": "گواهی عدم سوء پیشینه",
                "code": "police.clearance",
                "endpoint_url": "http://127.0.0.1:9/miz/inquiry/soap",
            }
        )
        cls.type_deed = Type.create({**common, "name": "استعلام ثبت اسناد", "code": "sabt.deed"})
        cls.type_later = Type.create({**common, "name": "استعلام بیمه", "code": "insurance.status"})
        cls.service.inquiry_type_ids = [Command.set((cls.type_police | cls.type_deed).ids)]

    def _track(self, request):
        form = self.url_open("/miz/track")
        page = self.url_open(
            "/miz/track",
            data={"csrf_token": csrf(form.text), "code": request.tracking_code_display, "national_code": NATIONAL_CODE},
        )
        self.assertIn('id="miz_track_state"', page.text)
        return page.text

    def test_obtained_inquiries_with_their_date_not_their_content(self):
        with freeze_time(T0):
            request = self._register(self._new_request())
        police = request.sudo().inquiry_ids.filtered(lambda i: i.type_id == self.type_police)
        answered_at = T0 + datetime.timedelta(days=2)  # 1405/02/24 in Tehran
        police._miz_apply_answer(
            {
                "inquiry_id": "INB-7",
                "status": "ANSWERED",
                "result": {"code": "CLEAR", "text": "سابقهٔ کیفری ندارد", "values": [], "answered_at": answered_at},
            },
            answered_at,
        )
        # the service needs other inquiries from now on: this request keeps the ones it was registered under
        self.service.inquiry_type_ids = [Command.set(self.type_later.ids)]
        self.env.flush_all()
        page = self._track(request)
        self.assertIn('گواهی عدم سوء پیشینه<span class="text-muted"> — ۱۴۰۵/۰۲/۲۴</span>', page)
        self.assertIn("<li>استعلام ثبت اسناد</li>", page)  # awaited: no date
        self.assertNotIn("استعلام بیمه", page)
        self.assertNotIn("سابقهٔ کیفری ندارد", page)
        self.assertNotIn("CLEAR", page)
