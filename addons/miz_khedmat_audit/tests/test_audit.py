import datetime
import json

from freezegun import freeze_time

from odoo.tests import tagged

from .common import MizKhedmatAuditCommon, tehran

DECLARED_AT = datetime.datetime(2026, 5, 25, 6, 0)  # after period 1405-1 (Farvardin–Ordibehesht)
SUN = datetime.date(2026, 5, 10)


@tagged("post_install", "-at_install")
class TestAuditSnapshot(MizKhedmatAuditCommon):
    def _new_audit(self):
        with freeze_time(DECLARED_AT):
            return (
                self.env["miz.audit"]
                .with_user(self.manager)
                .create(
                    {
                        "agency_id": self.agency.id,
                        "period_kind": "bimonthly",
                        "period_year": 1405,
                        "period_index": 1,
                        **{f"level_a{n}": "good" for n in range(1, 5)},
                    }
                )
            )

    def test_desk_roles_have_their_audit_groups(self):
        self.assertTrue(self.manager.has_group("miz_audit.group_miz_audit_preparer"))
        self.assertTrue(self.evaluator.has_group("miz_audit.group_miz_audit_evaluator"))
        self.assertFalse(self.clerk.has_group("miz_audit.group_miz_audit_preparer"))
        self.assertFalse(self.evaluator.has_group("miz_audit.group_miz_audit_preparer"))

    def test_declared_snapshot_frozen_against_catalog_changes(self):
        self._online_request(self.s_el, tehran(SUN, 10))
        audit = self._new_audit()
        self.assertEqual((audit.date_start, audit.date_end), (datetime.date(2026, 3, 21), datetime.date(2026, 5, 21)))
        # the draft's preview reads the live desk
        live = audit._miz_collect_snapshot()
        self.assertEqual(len(live["services"]), 5)
        with freeze_time(DECLARED_AT):
            audit.with_user(self.manager).action_declare()
        self.assertEqual(audit.state, "declared")
        frozen = audit.snapshot
        data = json.loads(frozen)
        by_code = {line["code"]: line for line in data["services"]}
        self.assertEqual(sorted(by_code), ["KAUD-01", "KAUD-02", "KAUD-03", "KAUD-04", "KAUD-05"])
        self.assertTrue(by_code["KAUD-01"]["info"]["laws"])
        self.assertTrue(by_code["KAUD-03"]["e"]["e_form"])
        days = (audit.date_end - audit.date_start).days + 1
        working = [audit.date_start + datetime.timedelta(n) for n in range(days)]
        working = [day for day in working if self.agency.is_working_day(day)]
        self.assertEqual(data["evidence"]["working_days"], len(working))
        self.assertLess(len(working), days - 15)  # Fridays, Thursdays and the holiday are off
        figures = (audit.count_a, audit.count_b, audit.count_c, audit.count_d, audit.count_g2c, audit.count_g2b)
        self.assertEqual(figures, (5, 2, 1, 1, 3, 2))
        # the catalog changes after the declaration
        self.s_in.write({"laws": False, "delivery_channel": "combined"})
        self.s_out.write({"active": False})
        self.s_in_g2b.copy({"code": "KAUD-09", "name": "خدمت تازه"})
        live = audit._miz_collect_snapshot()
        self.assertEqual(len(live["services"]), 5)
        self.assertFalse(self._line(live, self.s_in)["info"]["laws"])
        audit.invalidate_recordset()
        self.assertEqual(audit.snapshot, frozen)
        figures = (audit.count_a, audit.count_b, audit.count_c, audit.count_d, audit.count_g2c, audit.count_g2b)
        self.assertEqual(figures, (5, 2, 1, 1, 3, 2))
