import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon


@tagged("at_install")
class TestJalaliSequence(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sequence = cls.env["ir.sequence"].create(
            {
                "name": "Letters",
                "code": "miz.test.letters",
                "prefix": "%(jy)s/ص/",
                "padding": 0,
                "miz_jalali_year": True,
                "implementation": "no_gap",
            }
        )

    def test_restart_on_farvardin_first(self):
        with freeze_time("2025-03-20 08:00:00"):  # 1403/12/30
            first = self.sequence.next_by_id()
            second = self.sequence.next_by_id()
        with freeze_time("2025-03-21 08:00:00"):  # 1404/01/01
            third = self.sequence.next_by_id()
        self.assertEqual((first, second, third), ("1403/ص/1", "1403/ص/2", "1404/ص/1"))
        ranges = self.sequence.date_range_ids.sorted("date_from")
        self.assertEqual(
            [(r.date_from, r.date_to) for r in ranges],
            [
                (datetime.date(2024, 3, 20), datetime.date(2025, 3, 20)),
                (datetime.date(2025, 3, 21), datetime.date(2026, 3, 20)),
            ],
        )

    def test_prefix_of_a_given_day(self):
        """What miz_secretariat's numbering formats its numbers with: the Jalali year of the day given."""
        self.assertEqual(self.sequence._get_prefix_suffix(date=datetime.date(2026, 5, 5)), ("1405/ص/", ""))
        self.assertEqual(self.sequence._get_prefix_suffix(date=datetime.date(2026, 3, 20)), ("1404/ص/", ""))

    def test_standard_next_uses_jalali_ranges_and_keys(self):
        seq = self.env["ir.sequence"].create(
            {"name": "Std", "prefix": "%(jy2)s-%(jm)s-%(year)s-", "padding": 3, "miz_jalali_year": True}
        )
        self.assertTrue(seq.use_date_range)
        with freeze_time("2026-05-05 08:00:00"):  # 1405/02/15
            self.assertEqual(seq.next_by_id(), "05-02-2026-001")
        self.assertEqual(seq.date_range_ids.date_from, datetime.date(2026, 3, 21))
