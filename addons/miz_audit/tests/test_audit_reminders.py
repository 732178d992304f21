import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import T0, MizAuditCommon, snapshot


@tagged("post_install", "-at_install")
class TestAuditReminders(MizAuditCommon):
    def _activities(self, user):
        return self.env["mail.activity"].search([("res_model", "=", "miz.audit"), ("user_id", "=", user.id)])

    def test_representative_reminded_once_per_period(self):
        Audit = self.env["miz.audit"]
        self.other.miz_audit_period_kind = "quarterly"
        # the other agency declared quarter 4 of 1404 (Dey–Esfand), the last one ended on T0
        self.declared(snapshot(b=1), agency=self.other, user=self.other_preparer, year=1404, index=4, kind="quarterly")
        self.other.invalidate_recordset()
        with freeze_time(T0):
            Audit._cron_remind_undeclared()
        # the ministry (bi-monthly) has not declared 1405/1 (Farvardin–Ordibehesht): a draft and an activity
        audit = Audit.search([("agency_id", "=", self.ministry.id)])
        self.assertEqual((audit.period_year, audit.period_index, audit.state), (1405, 1, "draft"))
        activity = self._activities(self.preparer)
        self.assertEqual(activity.res_id, audit.id)
        self.assertIn("1405", activity.note)
        self.assertFalse(self._activities(self.other_preparer))
        # units without a representative are not reminded
        self.assertFalse(Audit.search([("agency_id", "=", self.unit_tehran.id)]))
        with freeze_time(T0 + datetime.timedelta(days=1)):
            Audit._cron_remind_undeclared()
        self.assertEqual(len(self._activities(self.preparer)), 1)
        # next period ended (1405/2 = Khordad–Tir ends 31 Tir = 22 July 2026): a new reminder
        with freeze_time(datetime.datetime(2026, 7, 24, 6, 0)):
            Audit._cron_remind_undeclared()
        self.assertEqual(len(self._activities(self.preparer)), 2)
        self.assertEqual(sorted(Audit.search([("agency_id", "=", self.ministry.id)]).mapped("period_index")), [1, 2])
