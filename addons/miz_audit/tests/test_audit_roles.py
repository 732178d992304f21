"""Who writes which part of an audit, tested as an attacker over RPC would: any method, any values, any context."""

import psycopg2
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import T0, MizAuditCommon, snapshot

FORGED = {"miz_audit_internal": True, "default_state": "declared", "default_snapshot": "{}"}
AGENCY_PART = {"level_a1": "none", "note_a1": "تغییر بعدی"}
EVALUATOR_PART = {"level_b1": "excellent", "improvement_points": "نوشته دستگاه"}


@tagged("post_install", "-at_install")
class TestAuditRoles(MizAuditCommon):
    def _read(self, audit, names):
        audit.invalidate_recordset()
        return audit.sudo().read(names)[0]

    def test_evaluator_cannot_write_agency_parts(self):
        audit = self.declared(snapshot(b=3, c=1))
        names = ["level_a1", "note_a1", "agency_id", "period_index"]
        before = self._read(audit, names)
        for vals in (AGENCY_PART, {"agency_id": self.other.id}, {"period_index": 5}):
            with self.assertRaises(UserError):
                audit.with_user(self.evaluator).with_context(**FORGED).write(vals)
        self.assertEqual(self._read(audit, names), before)
        # nor on a draft (the agency's parts are the agency's even before declaration)
        draft = self.new_audit(index=3)
        with self.assertRaises(UserError):
            draft.with_user(self.evaluator).write(AGENCY_PART)
        self.assertEqual(draft.level_a1, "good")

    def test_preparer_cannot_write_evaluator_parts(self):
        draft = self.new_audit()
        with self.assertRaises(UserError):
            draft.with_user(self.preparer).with_context(**FORGED).write(EVALUATOR_PART)
        with self.assertRaises(UserError):
            draft.with_user(self.preparer).write({"contradiction_ids": [Command.create({"title": "x", "code": "1"})]})
        audit = self.declared(snapshot(b=2), index=3)
        names = ["level_b1", "improvement_points", "contradiction_ids"]
        before = self._read(audit, names)
        with self.assertRaises(UserError):
            audit.with_user(self.preparer).with_context(**FORGED).write(EVALUATOR_PART)
        # nor through the line model itself (no write rights on lines)
        with self.assertRaises(AccessError):
            self.env["miz.audit.contradiction"].with_user(self.preparer).create(
                {"audit_id": audit.id, "title": "x", "code": "1"}
            )
        self.assertEqual(self._read(audit, names), before)
        self.assertFalse(audit.level_b1)

    def test_preparer_cannot_change_a_declared_audit(self):
        audit = self.declared(snapshot(b=2))
        with self.assertRaises(UserError):
            audit.with_user(self.preparer).write(AGENCY_PART)
        self.assertEqual(audit.level_a1, "good")
        self.assertEqual(audit.note_a1, "سالن انتظار با ۴۰ صندلی")

    def test_evaluator_writes_his_parts_only_while_declared(self):
        audit = self.declared(snapshot(b=2, d=1))
        audit.with_user(self.evaluator).write(
            {"level_b1": "excellent", "contradiction_ids": [Command.create({"title": "خدمت", "code": "9"})]}
        )
        self.assertEqual(audit.level_b1, "excellent")
        self.assertEqual(audit.contradiction_ids.code, "9")
        self.evaluated(audit)
        self.assertEqual(audit.state, "evaluated")
        self.assertEqual(audit.evaluator_id, self.evaluator)
        with self.assertRaises(UserError):
            audit.with_user(self.evaluator).write({"level_b1": "none"})
        with self.assertRaises(UserError):
            audit.contradiction_ids.with_user(self.evaluator).write({"code": "10"})
        with self.assertRaises(UserError):
            self.env["miz.audit.correction"].with_user(self.evaluator).create(
                {"audit_id": audit.id, "title": "x", "correction": "y", "section": "5"}
            )
        self.assertEqual(self._read(audit, ["level_b1"])["level_b1"], "good")
        self.assertEqual(audit.contradiction_ids.mapped("code"), ["9", "SIN000"])

    def test_lines_refused_on_a_draft_even_for_the_evaluator(self):
        draft = self.new_audit()
        with self.assertRaises(UserError):
            self.env["miz.audit.contradiction"].with_user(self.evaluator).create(
                {"audit_id": draft.id, "title": "x", "code": "1"}
            )
        self.assertFalse(draft.contradiction_ids)

    def test_protected_fields_only_through_actions(self):
        draft = self.new_audit()
        for vals in ({"state": "declared"}, {"snapshot": '{"services": []}'}, {"preparer_id": self.evaluator.id}):
            for user in (self.preparer, self.evaluator, self.manager):
                with self.assertRaises(UserError):
                    draft.with_user(user).with_context(**FORGED).write(vals)
        self.assertEqual(
            self._read(draft, ["state", "snapshot"]), {"id": draft.id, "state": "draft", "snapshot": False}
        )
        with self.assertRaises(UserError):
            self.env["miz.audit"].with_user(self.preparer).create(
                {"agency_id": self.ministry.id, "period_year": 1405, "period_index": 4, "state": "declared"}
            )
        with self.assertRaises(UserError):
            self.env["miz.audit"].with_user(self.preparer).create(
                {"agency_id": self.ministry.id, "period_year": 1405, "period_index": 4, "level_b1": "good"}
            )
        audit = (
            self.env["miz.audit"]
            .with_user(self.preparer)
            .with_context(**FORGED)
            .create({"agency_id": self.ministry.id, "period_year": 1405, "period_index": 4})
        )
        self.assertEqual(audit.state, "draft")
        self.assertFalse(audit.snapshot)

    def test_actions_check_roles(self):
        draft = self.new_audit()
        with self.assertRaises(AccessError), self.provider(snapshot(b=1)):
            draft.with_user(self.evaluator).action_declare()
        with self.assertRaises(AccessError), self.provider(snapshot(b=1)):
            draft.with_user(self.other_preparer).action_declare()
        self.assertEqual(draft.state, "draft")
        with self.provider(snapshot(b=1)):
            draft.with_user(self.preparer).action_declare()
        draft.with_user(self.evaluator).write({f"level_b{n}": "good" for n in range(1, 5)})
        with self.assertRaises(AccessError):
            draft.with_user(self.preparer).action_evaluate()
        draft.with_user(self.evaluator).action_evaluate()
        with self.assertRaises(AccessError):
            draft.with_user(self.evaluator).action_mark_reported()
        draft.with_user(self.manager).action_mark_reported()
        self.assertEqual(draft.state, "reported")
        with self.assertRaises(UserError):
            draft.with_user(self.manager).action_evaluate()

    def test_declaration_needs_every_level(self):
        audit = self.new_audit(levels=("good", False, "good", "good"))
        with self.assertRaises(UserError), self.provider(snapshot(b=1)):
            audit.with_user(self.preparer).action_declare()
        self.assertEqual(audit.state, "draft")

    def test_record_rules(self):
        audit = self.declared(snapshot(b=1))
        with self.assertRaises(AccessError):
            audit.with_user(self.other_preparer).read(["level_a1"])
        self.assertEqual(self.env["miz.audit"].with_user(self.other_preparer).search([]), self.env["miz.audit"])
        unit_audit = self.new_audit(agency=self.unit_tehran, user=self.unit_preparer)
        self.assertEqual(self.env["miz.audit"].with_user(self.unit_preparer).search([]), unit_audit)
        self.assertEqual(self.env["miz.audit"].with_user(self.evaluator).search([]), audit | unit_audit)
        with self.assertRaises(AccessError):
            self.env["miz.audit"].with_user(self.other_preparer).create(
                {"agency_id": self.ministry.id, "period_year": 1405, "period_index": 5}
            )

    def test_one_audit_per_agency_and_period(self):
        self.new_audit()
        with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.new_audit()
        quarterly = (
            self.env["miz.audit"]
            .with_user(self.preparer)
            .create({"agency_id": self.ministry.id, "period_kind": "quarterly", "period_year": 1405, "period_index": 3})
        )
        self.assertEqual(str(quarterly.date_start), "2026-09-23")  # 1 Mehr 1405
        with self.assertRaises(ValidationError):
            # quarter 1 (Farvardin–Khordad) overlaps bi-monthly period 2 (Khordad–Tir)
            self.env["miz.audit"].with_user(self.preparer).create(
                {"agency_id": self.ministry.id, "period_kind": "quarterly", "period_year": 1405, "period_index": 1}
            )

    def test_snapshot_frozen_at_declaration(self):
        live = snapshot(b=3, c=1, d=2, outside=1, g2b=2)
        with freeze_time(T0):
            audit = self.new_audit()
            with self.provider(lambda: live):
                self.assertEqual(audit.count_a, 7)  # a draft previews the live figures
                audit.with_user(self.preparer).action_declare()
                live["services"] = live["services"][:2]  # the catalog changes afterwards
                live["survey"]["respondents"] = 99
                audit.invalidate_recordset()
                self.assertEqual((audit.count_a, audit.count_b, audit.count_c, audit.count_d), (7, 3, 1, 2))
                self.assertEqual((audit.ratio_b, audit.ratio_cd), (0.43, 0.43))  # 3/7, shown with two decimals
                self.assertEqual(audit._miz_snapshot_data()["survey"]["respondents"], 20)
                self.assertEqual(audit._miz_declaration()["header"]["declared"], "1405/03/03")
        self.assertEqual(audit.preparer_id, self.preparer)

    def test_declaration_notifies_evaluators_and_attaches_forms(self):
        audit = self.declared(snapshot(b=2, c=2))
        message = audit.message_ids.filtered(lambda m: self.evaluator.partner_id in m.partner_ids)
        self.assertTrue(message)
        self.assertIn(self.manager.partner_id, message.partner_ids)
        self.assertNotIn(self.preparer.partner_id, message.partner_ids)
        attachments = self.env["ir.attachment"].search([("res_model", "=", "miz.audit"), ("res_id", "=", audit.id)])
        self.assertEqual(sorted(a.name.rsplit(".", 1)[1] for a in attachments), ["pdf", "xlsx"])
        self.evaluated(audit)
        attachments = self.env["ir.attachment"].search([("res_model", "=", "miz.audit"), ("res_id", "=", audit.id)])
        self.assertEqual(len(attachments), 4)

    def test_previous_period_comparison(self):
        previous = self.declared(snapshot(b=2, c=2), index=1)
        current = self.declared(snapshot(b=4, c=2, d=2), index=2, levels=("excellent", "good", "good", "good"))
        self.assertEqual(current.previous_audit_id, previous)
        rows = {label: (before, now) for label, before, now in current._miz_comparison()}
        self.assertEqual(rows["a: تعداد کل خدمات (G2C) و (G2B)"], (4, 8))
        self.assertEqual(rows["b: میز خدمت حضوری"], (2, 4))
        level_rows = [value for label, value in rows.items() if "ایجاد فضای مناسب" in label]
        self.assertEqual(level_rows, [("خوب", "بسیار عالی")])
        first = self.declared(snapshot(b=1), agency=self.other, user=self.other_preparer, year=1405, index=1)
        self.assertFalse(first.previous_audit_id)
