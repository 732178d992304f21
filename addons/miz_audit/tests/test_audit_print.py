"""The Appendix-2 and Appendix-3 PDFs read back with pdftotext, the Appendix-3 XLSX with openpyxl.

HttpCase: wkhtmltopdf fetches the report CSS and fonts from this test server.
"""

from odoo.tests import HttpCase, tagged

from .common import MizAuditSetup, fa, pdf_text, read_xlsx, snapshot


@tagged("post_install", "-at_install")
class TestAuditPrint(MizAuditSetup, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._miz_setup()

    def _pdf(self, xmlid, records, user, keep=None):
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(force_report_rendering=True, lang="fa_IR", tz="Asia/Tehran")
            ._render_qweb_pdf(xmlid, records.ids)
        )
        self.assertEqual(kind, "pdf")
        if keep:  # for a look at the pages (pdftoppm)
            with open(keep, "wb") as fh:
                fh.write(pdf)
        return pdf_text(pdf)

    def test_appendix2_pdf(self):
        # a = 8: b = 3 in person, c = 1 electronic, d = 3 combined, 1 outside → b/a = 0.38, (c+d)/a = 0.50
        audit = self.declared(snapshot(b=3, c=1, d=3, outside=1, g2b=2))
        self.evaluated(audit)
        text = self._pdf(
            "miz_audit.action_report_appendix2", audit, self.evaluator, keep="/tmp/miz_audit_appendix2.pdf"
        )
        for heading in (
            "فرم ارزیابی استقرار میز خدمت",
            "نتایج ارزیابی بخش",
            "خدماتی که محل ارائه آنها با اظهارات دستگاه تناقض دارد",
            "ارزیابی عمومی استقرار فضای میز خدمت",
            "نقاط قابل اصلاح یا بهبود",
            "ارزیابی وضعیت اطلاع رسانی الکترونیکی خدمات",
            "ارزیابی خدمات ارائه شده در میز خدمت الکترونیکی",
            "پرسشنامه سنجش رضایت ارباب رجوع از خدمات",
            "نام و امضای تهیه کننده",
            "نام و امضای ارزیابی کننده",
            "عدم استقرار",
            "وزارت آزمون",
        ):
            self.assertIn(heading, text)
        self.assertIn("در متن منبع", text)  # Section 4 is absent from the source
        self.assertIn(fa("0.38"), text)
        self.assertIn(fa("0.50"), text)
        self.assertIn("نماینده وزارت", text)  # preparer
        self.assertIn("ارزیاب سازمان", text)  # evaluator
        self.assertIn("راهنمای مستقر در ورودی لازم است", text)
        self.assertIn("☑", text)
        self.assertIn("☐", text)
        self.assertEqual(text.count("\f"), 6)  # one page per section (1, 2, 3, 5, 6) and the comparison

    def test_table2_pdf_and_xlsx(self):
        self.declared(snapshot(b=4, c=2, d=1, outside=1, prefix="H"))
        self.declared(snapshot(b=2, c=0, d=3, outside=0, prefix="T"), agency=self.unit_tehran, user=self.unit_preparer)
        # another agency's audit stays out of the ministry's Table 2
        self.declared(snapshot(b=9, prefix="O"), agency=self.other, user=self.other_preparer)
        wizard = (
            self.env["miz.audit.table.wizard"]
            .with_user(self.preparer)
            .create({"table": "table2", "agency_id": self.ministry.id, "period_year": 1405, "period_index": 2})
        )
        table = wizard._miz_table()
        self.assertEqual([row["title"] for row in table["rows"]], ["وزارت آزمون", "اداره کل آزمون استان تهران"])
        text = self._pdf("miz_audit.action_report_appendix3", wizard, self.preparer, keep="/tmp/miz_audit_table2.pdf")
        for title in (
            "قالب ارسال اطلاعات توسط ستاد مرکزی دستگاه های اجرایی به سازمان اداری و استخدامی کشور",
            "عنوان دستگاه اصلی",
            "تعداد کل خدمات",
            "ترکیب میز خدمت حضوری و الکترونیکی",
            "خارج از میز خدمت",
            "اداره کل آزمون استان تهران",
        ):
            self.assertIn(title, text)
        self.assertNotIn("سازمان دیگر", text)
        self.assertIn(fa(13), text)  # total a = 8 + 5
        # the preparer of the Tehran unit sees only his unit's line
        wizard_unit = (
            self.env["miz.audit.table.wizard"]
            .with_user(self.unit_preparer)
            .create({"table": "table2", "agency_id": self.ministry.id, "period_year": 1405, "period_index": 2})
        )
        self.assertEqual([row["title"] for row in wizard_unit._miz_table()["rows"]], ["اداره کل آزمون استان تهران"])
        sheet = read_xlsx(wizard._miz_xlsx())["جدول ۲"]
        self.assertTrue(sheet.sheet_view.rightToLeft)
        self.assertEqual(sheet["A6"].value, "عنوان دستگاه")
        lines = {sheet.cell(row, 1).value: [sheet.cell(row, col).value for col in range(2, 8)] for row in (7, 8, 9)}
        self.assertEqual(lines["وزارت آزمون"], ["وزارت آزمون", 8, 4, 2, 1, 1])
        self.assertEqual(lines["اداره کل آزمون استان تهران"], ["وزارت آزمون", 5, 2, 0, 3, 0])
        self.assertEqual(lines["جمع"], [None, 13, 6, 2, 4, 1])

    def test_table1_and_half_year(self):
        self.declared(snapshot(b=2, d=2, prefix="T"), agency=self.unit_tehran, user=self.unit_preparer)
        self.declared(snapshot(b=1, c=1, prefix="U"), agency=self.unit_tehran, user=self.unit_preparer, index=3)
        self.unit_isfahan.representative_id = self.unit_preparer
        self.other_tehran.representative_id = self.other_preparer
        self.declared(snapshot(b=3, prefix="I"), agency=self.unit_isfahan, user=self.unit_preparer)
        self.declared(snapshot(b=5, outside=5, prefix="O"), agency=self.other_tehran, user=self.other_preparer)
        Wizard = self.env["miz.audit.table.wizard"].with_user(self.manager)
        table1 = Wizard.create(
            {"table": "table1", "province_id": self.tehran.id, "period_year": 1405, "period_index": 2}
        )._miz_table()
        self.assertEqual(
            sorted((row["title"], row["parent"], row["a"]) for row in table1["rows"]),
            [("اداره کل آزمون استان تهران", "وزارت آزمون", 4), ("اداره کل سازمان دیگر استان تهران", "سازمان دیگر", 10)],
        )
        half = Wizard.create({"table": "half", "period_year": 1405, "half": "1"})
        table = half._miz_table()
        tehran = next(row for row in table["rows"] if row["title"] == "اداره کل آزمون استان تهران")
        self.assertEqual((tehran["a"], tehran["c"], tehran["periods"]), (2, 1, 2))  # latest catalog, 2 of 3 periods
        self.assertEqual(table["periods"], 3)
        text = self._pdf("miz_audit.action_report_appendix3", half, self.manager)
        self.assertIn("جمع بندی شش ماهه", text)
        self.assertRegex(text, f"{fa('2')}\\s*از\\s*{fa('3')}")  # 2 of 3 periods declared
