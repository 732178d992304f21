from datetime import date, datetime

from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged


def _hoot_error_checker(message):
    # same rule as odoo/addons/web/tests/test_js.py: stop on anything that is
    # not a HOOT progress line, or on a failed test
    return "[HOOT]" not in message or message == "[HOOT] test failed (see above for details)"


@tagged("post_install", "-at_install")
class TestJalaliHoot(HttpCase):
    """Runs the hoot unit tests of miz_base (static/tests/*.test.js) in Chromium."""

    def test_hoot_jalali(self):
        self.browser_js(
            "/web/tests?headless&loglevel=2&preset=desktop&timeout=15000&tag=miz_base_jalali",
            "",
            "",
            login="admin",
            timeout=600,
            success_signal="[HOOT] test suite succeeded",
            error_checker=_hoot_error_checker,
        )


@tagged("post_install", "-at_install")
class TestJalaliTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.user = new_test_user(
            cls.env,
            login="miz_fa_user",
            groups="base.group_user,base.group_system",
            lang="fa_IR",
            tz="Asia/Tehran",
        )
        # 2025-03-10 = 20 Esfand 1403; the web client shows datetimes in the
        # browser's time zone, UTC in the test browser
        cls.leave = cls.env["resource.calendar.leaves"].create(
            {
                "name": "miz jalali tour",
                "date_from": datetime(2025, 3, 10, 8, 0),
                "date_to": datetime(2025, 3, 25, 8, 0),
            }
        )

    def test_calendar_preference_in_user_context(self):
        self.assertEqual(self.user.context_miz_calendar, "auto")
        context = self.user.with_user(self.user).context_get()
        self.assertEqual(context["miz_calendar"], "auto")
        self.assertTrue(self.env["res.users"].with_context(**context)._miz_is_jalali_context())
        self.user.with_user(self.user).write({"context_miz_calendar": "gregorian"})
        context = self.user.with_user(self.user).context_get()
        self.assertEqual(context["miz_calendar"], "gregorian")
        self.assertFalse(self.env["res.users"].with_context(**context)._miz_is_jalali_context())

    def test_jalali_picker_saves_gregorian(self):
        self.start_tour(
            "/odoo/action-resource.action_resource_calendar_leave_tree",
            "miz_base_jalali_tour",
            login="miz_fa_user",
        )
        self.leave.invalidate_recordset()
        # 30 Esfand 1403 (leap year) = 2025-03-20, time kept: stored Gregorian
        self.assertEqual(self.leave.date_from, datetime(2025, 3, 20, 8, 0))
        self.assertEqual(self.leave.date_to, datetime(2025, 3, 25, 8, 0))


class TestJalaliGroupLabels(TransactionCase):
    """read_group labels of date groups (list, kanban, pivot and graph use them)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.Leaves = cls.env["resource.calendar.leaves"]
        # 2024-03-20 08:00 UTC = 1 Farvardin 1403, 11:30 in Tehran
        cls.leave = cls.Leaves.create(
            {
                "name": "nowruz",
                "date_from": datetime(2024, 3, 20, 8, 0),
                "date_to": datetime(2024, 3, 21, 8, 0),
            }
        )

    def _labels(self, groupby, **context):
        groups = self.Leaves.with_context(tz="Asia/Tehran", **context).read_group(
            [("id", "=", self.leave.id)], ["date_from"], [groupby]
        )
        return [group[groupby] for group in groups]

    def test_persian_user_gets_jalali_labels(self):
        self.assertEqual(self._labels("date_from:day", lang="fa_IR"), ["۱ فروردین ۱۴۰۳"])
        # a month group is the Jalali month (tests/test_jalali_group.py tests the buckets)
        self.assertEqual(self._labels("date_from:month", lang="fa_IR"), ["فروردین ۱۴۰۳"])

    def test_preference_overrides_language(self):
        self.assertEqual(self._labels("date_from:day", lang="en_US", miz_calendar="jalali"), ["1 فروردین 1403"])
        # without the preference an English user keeps Odoo's Gregorian label (its wording depends on babel)
        english = self._labels("date_from:day", lang="en_US")[0]
        self.assertIn("2024", english)
        self.assertNotIn("فروردین", english)
        gregorian = self._labels("date_from:day", lang="fa_IR", miz_calendar="gregorian")
        self.assertNotIn("فروردین", gregorian[0])

    def test_domain_and_range_stay_gregorian(self):
        groups = self.Leaves.with_context(tz="Asia/Tehran", lang="fa_IR").read_group(
            [("id", "=", self.leave.id)], ["date_from"], ["date_from:day"], lazy=False
        )
        self.assertEqual(
            groups[0]["__range"]["date_from:day"],
            {"from": "2024-03-19 20:30:00", "to": "2024-03-20 20:30:00"},
        )
        self.assertEqual(self.Leaves.search(groups[0]["__domain"]), self.leave)


@tagged("post_install", "-at_install")
class TestJalaliPivotTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        new_test_user(
            cls.env,
            login="miz_fa_pivot",
            groups="base.group_user,base.group_system",
            lang="fa_IR",
            tz="Asia/Tehran",
        )
        # 31 Shahrivar 1404 = 2025-09-22, 1 Mehr = 2025-09-23, 30 Mehr = 2025-10-22
        days = {
            "shahrivar 1": date(2025, 9, 21),
            "shahrivar 2": date(2025, 9, 22),
            "mehr 1": date(2025, 9, 23),
            "mehr 2": date(2025, 9, 30),
            "mehr 3": date(2025, 10, 22),
        }
        cls.env["miz.holiday"].create([{"name": f"miz pivot tour {name}", "date": day} for name, day in days.items()])
        cls.action = cls.env["ir.actions.act_window"].create(
            {
                "name": "miz pivot tour",
                "res_model": "miz.holiday",
                "view_mode": "pivot,list,form",
                "domain": "[('name', 'like', 'miz pivot tour')]",
                "context": "{'pivot_column_groupby': ['date:month'], 'pivot_measures': ['__count']}",
            }
        )

    def test_pivot_by_jalali_month(self):
        self.start_tour(f"/odoo/action-{self.action.id}", "miz_base_jalali_pivot_tour", login="miz_fa_pivot")
