from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.mail.tests.common import mail_new_test_user


class MizBaseCommon(BaseCommon):
    """An agency with two units, a manager and a plain user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = mail_new_test_user(cls.env, login="miz_base_manager", groups="miz_base.group_miz_base_manager")
        cls.user = mail_new_test_user(cls.env, login="miz_base_user", groups="miz_base.group_miz_base_user")
        cls.agency = cls.env["miz.agency"].create(
            {
                "name": "Directorate General of Test",
                "code": "TST-01",
                "level": "provincial",
                "province_id": cls.env.ref("miz_base.province_tehran").id,
            }
        )
        cls.unit_a, cls.unit_b = cls.env["miz.org.unit"].create(
            [
                {"name": "Unit A", "code": "A", "agency_id": cls.agency.id, "representative_id": cls.user.id},
                {"name": "Unit B", "code": "B", "agency_id": cls.agency.id, "representative_id": cls.manager.id},
            ]
        )
