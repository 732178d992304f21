"""Export a declaration as XLSX and import it where only miz_audit runs (an MPO): Table 1 rebuilt without retyping."""

import base64
import io

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MizAuditCommon, read_xlsx, snapshot


@tagged("post_install", "-at_install")
class TestAuditImport(MizAuditCommon):
    def setUp(self):
        super().setUp()
        self.audit = self.declared(
            snapshot(b=5, c=2, d=3, outside=1, g2b=4), agency=self.unit_tehran, user=self.unit_preparer
        )
        self.content = self.audit.with_user(self.unit_preparer)._miz_xlsx()

    def _import(self, content, user=None):
        wizard = (
            self.env["miz.audit.import"]
            .with_user(user or self.manager)
            .create({"file": base64.b64encode(content), "file_name": "appendix2.xlsx"})
        )
        return wizard.action_import()

    def _table1(self):
        wizard = (
            self.env["miz.audit.table.wizard"]
            .with_user(self.manager)
            .create({"table": "table1", "province_id": self.tehran.id, "period_year": 1405, "period_index": 2})
        )
        return wizard._miz_table()

    def _edit(self, sheet_name, cell, value, content=None):
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(content or self.content))
        book[sheet_name][cell] = value
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    def test_export_cells(self):
        sheets = read_xlsx(self.content)
        self.assertEqual(
            list(sheets), ["سربرگ", "بخش ۱", "بخش ۲-الف", "بخش ۲-ب", "بخش ۳", "بخش ۴", "بخش ۵", "بخش ۶", "مقایسه"]
        )
        self.assertTrue(all(sheet.sheet_view.rightToLeft for sheet in sheets.values()))
        s1 = sheets["بخش ۱"]
        figures = {s1.cell(row, 1).value: s1.cell(row, 2).value for row in range(4, 13)}
        self.assertEqual(figures["a: تعداد کل خدمات (G2C) و (G2B)"], 11)
        self.assertEqual(figures["b: میز خدمت حضوری"], 5)
        self.assertEqual(figures["c: میز خدمت الکترونیکی"], 2)
        self.assertEqual(figures["d: ترکیب میز خدمت حضوری و الکترونیکی"], 3)
        self.assertEqual(figures["خدمات (G2B)"], 4)
        self.assertIsInstance(figures["a: تعداد کل خدمات (G2C) و (G2B)"], int)
        self.assertAlmostEqual(figures["نسبت تعداد خدمات ارائه شده در میز خدمت حضوری به کل خدمات دستگاه"], 5 / 11)
        s2 = sheets["بخش ۲-الف"]
        self.assertEqual([s2.cell(4, col).value for col in range(3, 8)], ["☐", "☑", "☐", "☐", "☐"])  # خوب
        self.assertEqual(sheets["سربرگ"]["B4"].value, "T-AUD-THR")

    def test_round_trip_rebuilds_table1(self):
        before = self._table1()
        declared_date = self.audit.declared_date
        self.assertEqual(len(before["rows"]), 1)
        self.assertEqual(before["rows"][0]["a"], 11)
        # the MPO's database has neither the audit nor (second case) the agency: delete the audit here
        self.audit.sudo().write({"state": "draft"})
        self.audit.sudo().unlink()
        self.assertFalse(self._table1()["rows"])
        action = self._import(self.content)
        imported = self.env["miz.audit"].browse(action["res_id"])
        self.assertEqual(imported.agency_id, self.unit_tehran)  # found by its official code
        self.assertEqual((imported.state, imported.imported), ("declared", True))
        self.assertEqual(imported._miz_levels("a"), ["good", "average", "excellent", "weak"])
        self.assertEqual(imported.note_a1, "سالن انتظار با ۴۰ صندلی")
        self.assertEqual(imported.declared_date, declared_date)
        self.assertEqual(self._table1(), before)
        data = imported._miz_snapshot_data()
        self.assertEqual(data["survey"]["questions"][1]["counts"], {"1": 1, "2": 1, "3": 2, "4": 6, "5": 10})
        self.assertTrue(data["services"][0]["info"]["fees"])
        self.assertFalse(data["services"][0]["info"]["faq"])
        self.assertEqual(data["services"][5]["page_url"], "https://example.ir/s/SEL000")
        self.assertTrue(data["services"][5]["e"]["sms"])
        self.assertFalse(data["services"][5]["e"]["e_delivery"])
        # the same file again: this period is already there
        with self.assertRaises(UserError) as caught:
            self._import(self.content)
        self.assertIn("«سربرگ»", str(caught.exception))

    def test_import_creates_the_agency_by_code(self):
        content = self._edit("سربرگ", "B4", "T-AUD-NEW")
        content = self._edit("سربرگ", "B5", "اداره کل تازه استان تهران", content)
        action = self._import(content)
        audit = self.env["miz.audit"].browse(action["res_id"])
        agency = audit.agency_id
        self.assertEqual(
            (agency.code, agency.name, agency.level), ("T-AUD-NEW", "اداره کل تازه استان تهران", "provincial")
        )
        self.assertEqual(agency.parent_id, self.ministry)
        self.assertEqual(agency.province_id, self.tehran)
        titles = sorted(row["title"] for row in self._table1()["rows"])
        self.assertEqual(titles, ["اداره کل آزمون استان تهران", "اداره کل تازه استان تهران"])

    def test_wrong_cell_refused_whole(self):
        audits, agencies = self.env["miz.audit"].search_count([]), self.env["miz.agency"].search_count([])
        new_code = self._edit("سربرگ", "B4", "T-AUD-NEW2")
        cases = (
            # a level cell that is not a check box
            (self._edit("بخش ۲-الف", "E5", "x", new_code), "«بخش ۲-الف»، سطر ۵، ستون E"),
            # the count a no longer matches the list of services
            (self._edit("بخش ۱", "B6", 12, new_code), "«بخش ۱»، سطر ۶، ستون B"),
            # a survey count that is not a number
            (self._edit("بخش ۶", "F7", "بیست", new_code), "«بخش ۶»، سطر ۷، ستون F"),
            # a Section 5 capability that is neither دارد nor ندارد
            (self._edit("بخش ۵", "H4", "شاید", new_code), "«بخش ۵»، سطر ۴، ستون H"),
        )
        for content, where in cases:
            with self.subTest(where=where), self.assertRaises(UserError) as caught:
                self._import(content)
            self.assertIn(where, str(caught.exception))
            self.assertIn("هیچ چیز وارد نشد", str(caught.exception))
        self.assertEqual(self.env["miz.audit"].search_count([]), audits)
        self.assertEqual(self.env["miz.agency"].search_count([]), agencies)
        self.assertFalse(self.env["miz.agency"].search([("code", "=", "T-AUD-NEW2")]))

    def test_only_managers_import(self):
        with self.assertRaises(AccessError):
            self._import(self.content, user=self.evaluator)
        with self.assertRaises(UserError):
            self._import(b"not a workbook")
