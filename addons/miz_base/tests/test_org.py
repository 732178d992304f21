from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged, users

from .common import MizBaseCommon


@tagged("at_install")
class TestOrganisation(MizBaseCommon):
    def test_31_provinces(self):
        provinces = self.env["miz.province"].search([])
        self.assertEqual(len(provinces), 31)
        self.assertEqual(len(set(provinces.mapped("code"))), 31)
        self.assertEqual(self.env.ref("miz_base.province_tehran").code, "IR-23")

    def test_hierarchy_and_display_name(self):
        hq = self.env["miz.agency"].create({"name": "Ministry", "code": "HQ"})
        self.agency.parent_id = hq
        self.assertEqual(self.agency.display_name, "Ministry / Directorate General of Test")
        self.assertIn(self.agency, hq.child_ids)
        with self.assertRaises(UserError):  # Odoo: "Recursion Detected" (ValidationError is a UserError too)
            hq.parent_id = self.agency

    def test_provincial_unit_needs_province(self):
        with self.assertRaises(ValidationError):
            self.env["miz.agency"].create({"name": "Nowhere", "code": "NW", "level": "provincial"})

    def test_unit_parent_same_agency(self):
        other = self.env["miz.agency"].create({"name": "Other", "code": "OT"})
        unit = self.env["miz.org.unit"].create({"name": "Elsewhere", "agency_id": other.id})
        with self.assertRaises(ValidationError):
            self.unit_a.parent_id = unit
        self.assertEqual(self.unit_a._miz_people(), self.user)

    def test_agency_gets_government_calendar(self):
        calendar = self.agency.calendar_id
        self.assertTrue(calendar.miz_government)
        self.assertEqual(sorted(set(calendar.attendance_ids.mapped("dayofweek"))), ["0", "1", "2", "5", "6"])
        self.agency.thursday_working = True
        self.assertIn("3", calendar.attendance_ids.mapped("dayofweek"))
        self.assertNotIn("4", calendar.attendance_ids.mapped("dayofweek"), "Friday is never a working day")

    @users("miz_base_user")
    def test_user_reads_cannot_write(self):
        agency = self.agency.with_user(self.env.user)
        self.assertEqual(agency.name, "Directorate General of Test")
        with self.assertRaises(AccessError):
            agency.name = "Renamed"
