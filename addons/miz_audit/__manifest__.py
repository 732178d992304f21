{
    "name": "miz: Service Desk Audit (Appendix 2 and 3)",
    "summary": "Guide 1717668: bi-monthly self-declaration and evaluation of the service desk, Appendix-3 tables, "
    "PDF and XLSX, import of declarations",
    "version": "18.0.1.0.0",
    "category": "Services/Service Desk",
    "author": "miz",
    "license": "LGPL-3",
    "depends": ["miz_base", "mail"],
    "external_dependencies": {"python": ["xlsxwriter", "openpyxl"]},
    "data": [
        "security/miz_audit_security.xml",
        "security/ir.model.access.csv",
        "security/miz_audit_rules.xml",
        "views/miz_audit_views.xml",
        "wizards/miz_audit_table_wizard_views.xml",
        "wizards/miz_audit_import_views.xml",
        "report/miz_audit_reports.xml",
        "report/miz_audit_templates.xml",
        "views/menus.xml",
        "data/miz_audit_cron.xml",
    ],
    "assets": {
        "web.report_assets_common": [
            "miz_audit/static/src/print/miz_audit_print.scss",
        ],
    },
    "installable": True,
    "application": True,
}
