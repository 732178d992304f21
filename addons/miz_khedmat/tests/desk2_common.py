"""Fixtures of the survey, SMS and dashboard tests: one agency, a desk unit, a routing unit, a service and a
citizen with a mobile; helpers drive a request through the real buttons to any state."""

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

NATIONAL_CODE = "0012345679"


class Desk2Common(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.clerk = new_test_user(
            cls.env, login="d2_clerk", groups="miz_khedmat.group_miz_khedmat_clerk", lang="fa_IR", name="کارشناس میز"
        )
        cls.rep = new_test_user(
            cls.env, login="d2_rep", groups="miz_khedmat.group_miz_khedmat_unit_rep", lang="fa_IR", name="نماینده واحد"
        )
        cls.manager = new_test_user(
            cls.env, login="d2_manager", groups="miz_khedmat.group_miz_khedmat_manager", lang="fa_IR", name="مدیر"
        )
        cls.agency = cls.env["miz.agency"].create({"name": "اداره کل آزمون", "code": "D2-TEST"})
        cls.desk_unit = cls.env["miz.org.unit"].create(
            {"name": "میز خدمت", "agency_id": cls.agency.id, "member_ids": [Command.set(cls.clerk.ids)]}
        )
        cls.unit = cls.env["miz.org.unit"].create(
            {"name": "اداره صدور مجوز", "agency_id": cls.agency.id, "representative_id": cls.rep.id}
        )
        cls.service = cls.env["miz.khedmat.service"].create(
            {
                "name": "صدور مجوز آزمایشی",
                "code": "99000000100",
                "agency_id": cls.agency.id,
                "delivery_channel": "in_person",
                "duration_promised_days": 10,
                "objection_window_days": 10,
                "document_ids": [
                    Command.create({"name": "تصویر کارت ملی"}),
                    Command.create({"name": "فرم تقاضا"}),
                ],
                "step_ids": [Command.create({"unit_id": cls.unit.id, "name": "بررسی", "days": 3})],
            }
        )
        cls.other_service = cls.service.copy({"code": "99000000200", "name": "خدمت دیگر"})
        cls.citizen = cls.env["res.partner"].create(
            {"name": "علی رضایی", "miz_national_code": NATIONAL_CODE, "mobile": "+98 917 123 4567"}
        )

    def _new_request(self, service=None, partner=None):
        partner = partner or self.citizen
        return (
            self.env["miz.khedmat.request"]
            .with_user(self.clerk)
            .create(
                {
                    "service_id": (service or self.service).id,
                    "channel": "in_person",
                    "partner_id": partner.id,
                    "applicant_code": partner.miz_national_code,
                    "applicant_name": partner.name,
                    "desk_unit_id": self.desk_unit.id,
                }
            )
        )

    def _register(self, request):
        request.document_ids.write({"received": True})
        request._miz_register()
        return request

    def _to_result(self, request):
        self._register(request)
        step = request.step_ids[:1].with_user(self.rep)
        step.action_receive()
        request.with_user(self.rep).write({"result": "approved", "result_note": "مجوز صادر شد."})
        step.action_hand_over()
        return request

    def _to_delivered(self, request):
        self._to_result(request)
        request.action_notify_response()
        request.action_deliver()
        return request

    def _sms_of(self, request):
        return (
            self.env["sms.sms"]
            .sudo()
            .search(
                [("mail_message_id.model", "=", request._name), ("mail_message_id.res_id", "=", request.id)], order="id"
            )
        )
