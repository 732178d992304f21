from odoo.tests.common import new_test_user

from odoo.addons.base.tests.common import BaseCommon


class MizSecretariatCommon(BaseCommon):
    """One agency with a unit, and one test user per secretariat group (plus spare staff users)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Letter = cls.env["miz.secretariat.letter"]
        cls.Referral = cls.env["miz.secretariat.referral"]
        cls.agency = cls.env["miz.agency"].create({"name": "Test Agency", "code": "TST"})
        cls.other_agency = cls.env["miz.agency"].create({"name": "Other Agency", "code": "OTH"})
        cls.user_manager = new_test_user(
            cls.env, login="sec_manager", groups="miz_secretariat.group_miz_secretariat_manager", name="Manager"
        )
        cls.user_clerk = new_test_user(
            cls.env, login="sec_clerk", groups="miz_secretariat.group_miz_secretariat_clerk", name="Clerk"
        )
        cls.user_clerk2 = new_test_user(
            cls.env, login="sec_clerk2", groups="miz_secretariat.group_miz_secretariat_clerk", name="Clerk Two"
        )
        cls.user_staff = new_test_user(
            cls.env, login="sec_staff", groups="miz_secretariat.group_miz_secretariat_staff", name="Staff"
        )
        cls.user_staff2 = new_test_user(
            cls.env, login="sec_staff2", groups="miz_secretariat.group_miz_secretariat_staff", name="Staff Two"
        )
        cls.user_outsider = new_test_user(
            cls.env, login="sec_outsider", groups="miz_secretariat.group_miz_secretariat_staff", name="Outsider"
        )
        (cls.user_clerk | cls.user_clerk2 | cls.user_manager).write(
            {"miz_secretariat_agency_ids": [(6, 0, cls.agency.ids)]}
        )
        cls.unit = cls.env["miz.org.unit"].create(
            {"name": "Legal Unit", "agency_id": cls.agency.id, "representative_id": cls.user_staff2.id}
        )
        cls.unit_no_rep = cls.env["miz.org.unit"].create({"name": "Empty Unit", "agency_id": cls.agency.id})

    @classmethod
    def _incoming_vals(cls, **kw):
        vals = {
            "agency_id": cls.agency.id,
            "subject": "Request for a permit",
            "body": "<p>Please issue the permit.</p>",
            "sender_number": "S-17",
        }
        vals.update(kw)
        return vals
