import base64
import datetime

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import MizBaseCommon


@tagged("at_install")
class TestWorkingCalendar(MizBaseCommon):
    def test_add_working_days_skips_friday_and_holiday(self):
        # 2026-05-05 is a Tuesday (1405/02/15). Wednesday 05-06 is day 1; Thursday and Friday are off;
        # make Saturday 05-09 a holiday: day 2 is Sunday 05-10, day 3 is Monday 05-11.
        self.env["miz.holiday"].create({"name": "Test holiday", "date": datetime.date(2026, 5, 9), "kind": "lunar"})
        start = datetime.date(2026, 5, 5)
        self.assertEqual(self.agency.add_working_days(start, 1), datetime.date(2026, 5, 6))
        self.assertEqual(self.agency.add_working_days(start, 2), datetime.date(2026, 5, 10))
        self.assertEqual(self.agency.add_working_days(start, 3), datetime.date(2026, 5, 11))
        self.assertFalse(self.agency.is_working_day(datetime.date(2026, 5, 8)), "Friday")
        self.assertFalse(self.agency.is_working_day(datetime.date(2026, 5, 9)), "holiday")
        self.assertTrue(self.agency.is_working_day(datetime.date(2026, 5, 10)))

    def test_thursday_configurable(self):
        start = datetime.date(2026, 5, 6)  # Wednesday
        self.assertEqual(self.agency.add_working_days(start, 1), datetime.date(2026, 5, 9))
        self.agency.thursday_working = True
        self.assertEqual(self.agency.add_working_days(start, 1), datetime.date(2026, 5, 7))

    def test_nowruz_and_data_holidays(self):
        # Nowruz 1405: 2026-03-21..24 and 13 Farvardin (2026-04-02) are generated solar holidays
        self.env["miz.holiday"].miz_generate_solar(1405)
        for day in (21, 22, 23, 24):
            self.assertFalse(self.agency.is_working_day(datetime.date(2026, 3, day)))
        self.assertFalse(self.agency.is_working_day(datetime.date(2026, 4, 2)))
        ashura = self.env.ref("miz_base.holiday_1404_04_15")
        self.assertEqual(ashura.date, datetime.date(2025, 7, 6))
        self.assertEqual(ashura.jalali_date, "1404/04/15")
        self.assertFalse(self.agency.is_working_day(ashura.date))
        # each holiday is a whole-day global leave of the agency calendar, in Tehran time
        leave = ashura.leave_ids.filtered(lambda lv: lv.calendar_id == self.agency.calendar_id)
        self.assertEqual(leave.date_from, datetime.datetime(2025, 7, 5, 20, 30))

    def test_solar_generation_idempotent(self):
        Holiday = self.env["miz.holiday"]
        Holiday.miz_generate_solar(1410)
        count = Holiday.search_count([])
        self.assertFalse(Holiday.miz_generate_solar(1410))
        self.assertEqual(Holiday.search_count([]), count)
        self.assertTrue(Holiday.search([("jalali_date", "=", "1410/11/22")]))

    def _wizard(self, text):
        return (
            self.env["miz.holiday.import"]
            .with_user(self.manager)
            .create({"file": base64.b64encode(text.encode()), "filename": "h.csv"})
        )

    def test_csv_import(self):
        wizard = self._wizard(
            "jalali_date,name,kind,source\n1406/04/03,Tasua,lunar,Calendar 1406\n۱۴۰۶/۰۴/۰۴,Ashura,lunar,\n"
        )
        wizard.action_import()
        self.assertEqual(wizard.imported_count, 2)
        ashura = self.env["miz.holiday"].search([("name", "=", "Ashura"), ("jalali_date", "=", "1406/04/04")])
        self.assertEqual(ashura.kind, "lunar")

    def test_csv_import_all_or_nothing(self):
        before = self.env["miz.holiday"].search_count([])
        wizard = self._wizard("jalali_date,name,kind,source\n1406/04/03,Tasua,lunar,x\n1406/13/01,Bad,lunar,x\n")
        with self.assertRaises(ValidationError) as caught:
            wizard.action_import()
        self.assertIn("1406/13/01", str(caught.exception), "the message names the wrong date")
        self.assertEqual(self.env["miz.holiday"].search_count([]), before)
        with self.assertRaises(UserError):
            self._wizard("date,title\n1406/04/03,x\n").action_import()
