import datetime

from odoo.tests import TransactionCase

from odoo.addons.miz_base.tools import jalali

D = datetime.date
DT = datetime.datetime


class TestJalaliSqlFunction(TransactionCase):
    def test_sql_equals_tools_for_every_day_1300_to_1500(self):
        first = jalali.to_gregorian(1300, 1, 1)
        last = jalali.to_gregorian(1500, 12, jalali.month_length(1500, 12))
        self.env.cr.execute(
            """
            SELECT d, miz_jalali_ymd(d),
                   miz_jalali_trunc('week', d), miz_jalali_trunc('month', d), miz_jalali_trunc('bimonth', d),
                   miz_jalali_trunc('quarter', d), miz_jalali_trunc('year', d), miz_jalali_trunc('day', d)
              FROM generate_series(%s::date, %s::date, interval '1 day') AS s(day), LATERAL (SELECT s.day::date AS d) x
             ORDER BY d
            """,
            [first, last],
        )
        rows = self.env.cr.fetchall()
        self.assertEqual(len(rows), (last - first).days + 1)
        self.assertEqual(rows[0][1], 13000101)
        self.assertEqual(rows[-1][1], 15001229)  # 1500 is not leap: Esfand has 29 days
        granularities = ("week", "month", "bimonth", "quarter", "year", "day")
        mismatches = []
        for day, ymd, *starts in rows:
            jy, jm, jd = jalali.to_jalali(day)
            expected = [jy * 10000 + jm * 100 + jd] + [jalali.period_start(day, g) for g in granularities]
            if [ymd, *starts] != expected:
                mismatches.append((day, [ymd, *starts], expected))
        self.assertEqual(mismatches[:5], [])

    def test_null_and_timestamp(self):
        self.env.cr.execute(
            "SELECT miz_jalali_trunc('month', NULL::date), miz_jalali_ymd(NULL::date), "
            "miz_jalali_trunc('fortnight', DATE '2025-09-23'), miz_jalali_trunc('month', TIMESTAMP '2025-10-01 13:45')"
        )
        self.assertEqual(self.env.cr.fetchone(), (None, None, None, DT(2025, 9, 23)))

    def test_nowruz_datetimes_in_tehran(self):
        # 1 Farvardin 1404 = 2025-03-21 and 1 Farvardin 1405 = 2026-03-21; Tehran is UTC+03:30 (no DST since 2022)
        moments = [
            DT(2025, 3, 20, 20, 29, 59),  # 23:59:59 on 30 Esfand 1403
            DT(2025, 3, 20, 20, 30, 0),  # 00:00 on 1 Farvardin 1404
            DT(2025, 3, 20, 23, 59, 59),  # 03:29:59
            DT(2025, 3, 21, 0, 0, 0),  # 03:30
            DT(2026, 3, 20, 20, 29, 0),  # 23:59 on 29 Esfand 1404
            DT(2026, 3, 20, 20, 30, 0),  # 00:00 on 1 Farvardin 1405
        ]
        self.env.cr.execute(
            """
            SELECT miz_jalali_ymd(timezone('Asia/Tehran', timezone('UTC', m))::date),
                   miz_jalali_trunc('year', timezone('Asia/Tehran', timezone('UTC', m)))
              FROM unnest(%s::timestamp[]) WITH ORDINALITY AS u(m, i) ORDER BY i
            """,
            [moments],
        )
        self.assertEqual(
            self.env.cr.fetchall(),
            [
                (14031230, DT(2024, 3, 20)),
                (14040101, DT(2025, 3, 21)),
                (14040101, DT(2025, 3, 21)),
                (14040101, DT(2025, 3, 21)),
                (14041229, DT(2025, 3, 21)),
                (14050101, DT(2026, 3, 21)),
            ],
        )
        # the Python side (labels, ranges) agrees
        python = [
            (
                int(jalali.format_date(moment, "%Y%m%d", tz="Asia/Tehran", latin_digits=True)),
                DT.combine(jalali.period_start(moment, "year", tz="Asia/Tehran"), datetime.time.min),
            )
            for moment in moments
        ]
        self.assertEqual(python[1:4], [(14040101, DT(2025, 3, 21))] * 3)
        self.assertEqual(python[0], (14031230, DT(2024, 3, 20)))


class TestJalaliReadGroup(TransactionCase):
    """Jalali months, quarters, years and audit periods in read_group, on both sides of 1 Mehr and 1 Farvardin."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.Holiday = cls.env["miz.holiday"]
        days = [
            D(2025, 9, 22),  # 31 Shahrivar 1404
            D(2025, 9, 22),
            D(2025, 9, 23),  # 1 Mehr 1404
            D(2025, 10, 22),  # 30 Mehr 1404
            D(2025, 10, 23),  # 1 Aban 1404
            D(2026, 3, 20),  # 29 Esfand 1404
            D(2026, 3, 21),  # 1 Farvardin 1405
            D(2026, 3, 21),
        ]
        cls.holidays = cls.Holiday.create(
            [{"name": f"miz group test {index}", "date": day} for index, day in enumerate(days)]
        )
        cls.domain = [("id", "in", cls.holidays.ids)]
        cls.Leaves = cls.env["resource.calendar.leaves"]
        moments = [
            DT(2026, 3, 20, 20, 29),  # 23:59 on 29 Esfand 1404 in Tehran
            DT(2026, 3, 20, 20, 30),  # 00:00 on 1 Farvardin 1405 in Tehran
            DT(2026, 3, 20, 23, 59),  # 03:29
            DT(2025, 9, 22, 20, 29),  # 23:59 on 31 Shahrivar 1404
            DT(2025, 9, 22, 20, 30),  # 00:00 on 1 Mehr 1404
        ]
        cls.leaves = cls.Leaves.create(
            [{"name": "miz group test", "date_from": moment, "date_to": moment} for moment in moments]
        )
        cls.leave_domain = [("id", "in", cls.leaves.ids)]

    def _groups(self, groupby, model=None, domain=None, **context):
        model = model if model is not None else self.Holiday
        context = {"tz": "Asia/Tehran", "lang": "fa_IR", **context}
        return model.with_context(**context).read_group(domain or self.domain, ["__count"], [groupby], lazy=False)

    def _summary(self, groups, groupby):
        return [(group[groupby], group["__count"]) for group in groups]

    def _assert_domains_open_their_records(self, groups, model=None):
        model = model if model is not None else self.Holiday
        for group in groups:
            self.assertEqual(model.search_count(group["__domain"]), group["__count"], group)

    def test_month(self):
        groups = self._groups("date:month")
        self.assertEqual(
            self._summary(groups, "date:month"),
            [("شهریور ۱۴۰۴", 2), ("مهر ۱۴۰۴", 2), ("آبان ۱۴۰۴", 1), ("اسفند ۱۴۰۴", 1), ("فروردین ۱۴۰۵", 2)],
        )
        self.assertEqual(groups[1]["__range"]["date:month"], {"from": "2025-09-23", "to": "2025-10-23"})
        self.assertEqual(groups[3]["__range"]["date:month"], {"from": "2026-02-20", "to": "2026-03-21"})
        self._assert_domains_open_their_records(groups)

    def test_month_without_granularity_and_lazy(self):
        groups = self.Holiday.with_context(tz="Asia/Tehran", lang="fa_IR").read_group(self.domain, ["date"], ["date"])
        self.assertEqual([group["date"] for group in groups][:2], ["شهریور ۱۴۰۴", "مهر ۱۴۰۴"])
        self.assertEqual([group["date_count"] for group in groups], [2, 2, 1, 1, 2])

    def test_quarter_and_year(self):
        quarters = self._groups("date:quarter")
        self.assertEqual(
            self._summary(quarters, "date:quarter"),
            [("تابستان ۱۴۰۴", 2), ("پاییز ۱۴۰۴", 3), ("زمستان ۱۴۰۴", 1), ("بهار ۱۴۰۵", 2)],
        )
        self.assertEqual(quarters[1]["__range"]["date:quarter"], {"from": "2025-09-23", "to": "2025-12-22"})
        self._assert_domains_open_their_records(quarters)
        years = self._groups("date:year")
        self.assertEqual(self._summary(years, "date:year"), [("۱۴۰۴", 6), ("۱۴۰۵", 2)])
        self.assertEqual(years[0]["__range"]["date:year"], {"from": "2025-03-21", "to": "2026-03-21"})
        self._assert_domains_open_their_records(years)

    def test_week_and_audit_period(self):
        weeks = self._groups("date:week")
        # Saturday 2025-09-20 holds 31 Shahrivar and 1 Mehr; 2026-03-21 is a Saturday
        self.assertEqual(weeks[0]["__range"]["date:week"], {"from": "2025-09-20", "to": "2025-09-27"})
        self.assertEqual(weeks[0]["__count"], 3)
        self.assertEqual(weeks[-1]["date:week"], "هفته ۱ ۱۴۰۵")
        self._assert_domains_open_their_records(weeks)
        periods = self._groups("date:bimonth")
        self.assertEqual(
            self._summary(periods, "date:bimonth"),
            [("مرداد–شهریور ۱۴۰۴", 2), ("مهر–آبان ۱۴۰۴", 3), ("بهمن–اسفند ۱۴۰۴", 1), ("فروردین–اردیبهشت ۱۴۰۵", 2)],
        )
        self._assert_domains_open_their_records(periods)

    def test_datetime_groups_in_user_time_zone(self):
        groups = self._groups("date_from:year", model=self.Leaves, domain=self.leave_domain)
        self.assertEqual(self._summary(groups, "date_from:year"), [("۱۴۰۴", 3), ("۱۴۰۵", 2)])
        self.assertEqual(
            groups[1]["__range"]["date_from:year"], {"from": "2026-03-20 20:30:00", "to": "2027-03-20 20:30:00"}
        )
        self._assert_domains_open_their_records(groups, self.Leaves)
        months = self._groups("date_from:month", model=self.Leaves, domain=self.leave_domain)
        self.assertEqual(
            self._summary(months, "date_from:month"),
            [("شهریور ۱۴۰۴", 1), ("مهر ۱۴۰۴", 1), ("اسفند ۱۴۰۴", 1), ("فروردین ۱۴۰۵", 2)],
        )
        self.assertEqual(
            months[1]["__range"]["date_from:month"], {"from": "2025-09-22 20:30:00", "to": "2025-10-22 20:30:00"}
        )
        self._assert_domains_open_their_records(months, self.Leaves)

    def test_private_read_group_returns_period_starts(self):
        rows = self.Holiday.with_context(lang="fa_IR")._read_group(self.domain, ["date:month"], ["__count"])
        self.assertEqual(
            rows,
            [(D(2025, 8, 23), 2), (D(2025, 9, 23), 2), (D(2025, 10, 23), 1), (D(2026, 2, 20), 1), (D(2026, 3, 21), 2)],
        )
        rows = self.Holiday.with_context(lang="fa_IR")._read_group(
            self.domain, ["date:year"], ["__count"], order="date:year desc"
        )
        self.assertEqual(rows, [(D(2026, 3, 21), 2), (D(2025, 3, 21), 6)])

    def test_fill_temporal(self):
        groups = self.Holiday.with_context(tz="Asia/Tehran", lang="fa_IR", fill_temporal=True).read_group(
            self.domain, ["__count"], ["date:month"]
        )
        self.assertEqual(
            [(group["date:month"], group["date_count"]) for group in groups],
            [
                ("شهریور ۱۴۰۴", 2),
                ("مهر ۱۴۰۴", 2),
                ("آبان ۱۴۰۴", 1),
                ("آذر ۱۴۰۴", 0),
                ("دی ۱۴۰۴", 0),
                ("بهمن ۱۴۰۴", 0),
                ("اسفند ۱۴۰۴", 1),
                ("فروردین ۱۴۰۵", 2),
            ],
        )
        self.assertEqual(groups[4]["__range"]["date:month"], {"from": "2025-12-22", "to": "2026-01-21"})

    def test_gregorian_user_unchanged(self):
        for context in ({"lang": "en_US"}, {"lang": "fa_IR", "miz_calendar": "gregorian"}):
            groups = self._groups("date:month", **context)
            self.assertEqual([group["__count"] for group in groups], [3, 2, 3], context)
            self.assertEqual(
                [group["__range"]["date:month"]["from"] for group in groups],
                ["2025-09-01", "2025-10-01", "2026-03-01"],
            )
            rows = self.Holiday.with_context(**context)._read_group(self.domain, ["date:quarter"], ["__count"])
            self.assertEqual(rows, [(D(2025, 7, 1), 3), (D(2025, 10, 1), 2), (D(2026, 1, 1), 3)])
        english = self._groups("date:month", lang="en_US")
        # Odoo's own label (its wording depends on babel and on the languages active in the database)
        self.assertIn("2025", english[0]["date:month"])
        self.assertNotIn("1404", english[0]["date:month"])
        # the audit period is Jalali for everyone (Odoo has no two-month granularity), Latin digits in English
        periods = self._groups("date:bimonth", lang="en_US")
        self.assertEqual(periods[0]["date:bimonth"], "مرداد–شهریور 1404")
        self.assertEqual([group["__count"] for group in periods], [2, 3, 1, 2])

    def test_preference_jalali_for_english_user(self):
        groups = self._groups("date:month", lang="en_US", miz_calendar="jalali")
        self.assertEqual(self._summary(groups, "date:month")[1], ("مهر 1404", 2))
