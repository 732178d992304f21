import datetime
import io
import json

import openpyxl

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestJalaliXlsxExport(HttpCase):
    """XLSX export with the user preference miz_export_jalali: a Jalali text column after each date column."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.user = new_test_user(
            cls.env,
            login="miz_fa_export",
            groups="base.group_user,base.group_system",
            lang="fa_IR",
            tz="Asia/Tehran",
        )
        # 2025-09-22 = 31 Shahrivar 1404, 2025-09-23 = 1 Mehr 1404
        cls.holidays = cls.env["miz.holiday"].create(
            [
                {"name": "miz export a", "date": datetime.date(2025, 9, 22)},
                {"name": "miz export b", "date": datetime.date(2025, 9, 23)},
            ]
        )
        # 20:00 UTC = 23:30 in Tehran, 30 Esfand 1403 (2025-03-20)
        cls.leave = cls.env["resource.calendar.leaves"].create(
            {
                "name": "miz export leave",
                "date_from": datetime.datetime(2025, 3, 20, 20, 0),
                "date_to": datetime.datetime(2025, 3, 21, 8, 0),
            }
        )

    def _export(self, model, ids, fields, groupby=(), import_compat=False):
        self.authenticate("miz_fa_export", "miz_fa_export")
        params = {
            "model": model,
            "fields": fields,
            "ids": ids,
            "domain": [],
            "groupby": list(groupby),
            "import_compat": import_compat,
            "context": {"lang": "fa_IR", "tz": "Asia/Tehran"},
        }
        response = self.url_open(
            "/web/export/xlsx",
            data={"data": json.dumps(params), "csrf_token": http.Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 200, response.text[:500])
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        return [[cell.value for cell in row] for row in sheet.iter_rows()]

    HOLIDAY_FIELDS = [
        {"name": "name", "label": "Name", "type": "char"},
        {"name": "date", "label": "Date", "type": "date"},
    ]

    def test_date_column_followed_by_jalali_text(self):
        self.user.miz_export_jalali = True
        rows = self._export("miz.holiday", self.holidays.ids, self.HOLIDAY_FIELDS)
        self.assertEqual(rows[0], ["Name", "Date", "Date (شمسی)"])
        self.assertEqual(
            rows[1:],
            [
                ["miz export a", datetime.datetime(2025, 9, 22), "۱۴۰۴/۰۶/۳۱"],
                ["miz export b", datetime.datetime(2025, 9, 23), "۱۴۰۴/۰۷/۰۱"],
            ],
        )

    def test_datetime_in_user_time_zone(self):
        self.user.miz_export_jalali = True
        rows = self._export(
            "resource.calendar.leaves",
            self.leave.ids,
            [
                {"name": "name", "label": "Reason", "type": "char"},
                {"name": "date_from", "label": "Start Date", "type": "datetime"},
            ],
        )
        # the date cell is the Tehran time Odoo exports; the Jalali text is the same instant
        self.assertEqual(rows[1], ["miz export leave", datetime.datetime(2025, 3, 20, 23, 30), "۱۴۰۳/۱۲/۳۰ ۲۳:۳۰:۰۰"])

    def test_grouped_export(self):
        self.user.miz_export_jalali = True
        rows = self._export("miz.holiday", self.holidays.ids, self.HOLIDAY_FIELDS, groupby=["date:month"])
        self.assertEqual(rows[0], ["Name", "Date", "Date (شمسی)"])
        # one Jalali month group each (Shahrivar, Mehr), each with its record and its Jalali text
        self.assertEqual([row[0].strip() for row in rows[1::2]], ["شهریور ۱۴۰۴ (1)", "مهر ۱۴۰۴ (1)"])
        self.assertEqual(
            [row[1:] for row in rows[2::2]],
            [
                [datetime.datetime(2025, 9, 22), "۱۴۰۴/۰۶/۳۱"],
                [datetime.datetime(2025, 9, 23), "۱۴۰۴/۰۷/۰۱"],
            ],
        )

    def test_preference_off_or_import_compatible(self):
        self.assertFalse(self.user.miz_export_jalali)
        rows = self._export("miz.holiday", self.holidays.ids, self.HOLIDAY_FIELDS)
        self.assertEqual(rows[0], ["Name", "Date"])
        self.assertEqual(len(rows[1]), 2)
        self.user.miz_export_jalali = True
        rows = self._export("miz.holiday", self.holidays.ids, self.HOLIDAY_FIELDS, import_compat=True)
        self.assertEqual(rows[0], ["name", "date"])

    def test_preference_is_self_writable(self):
        self.user.with_user(self.user).write({"miz_export_jalali": True})
        self.assertTrue(self.user.miz_export_jalali)
