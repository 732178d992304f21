{
    "name": "miz: Persian/Jalali foundation",
    "summary": "Jalali dates, Persian digits, Iranian validation, organisation, working calendar, SMS, RTL print",
    "version": "18.0.1.0.0",
    "category": "Services/Service Desk",
    "author": "miz",
    "license": "LGPL-3",
    "depends": ["base", "mail", "resource", "sms", "web"],
    "data": [
        "security/miz_base_security.xml",
        "security/ir.model.access.csv",
        "report/miz_base_reports.xml",
        "report/miz_base_templates.xml",
        "views/miz_agency_views.xml",
        "views/res_partner_views.xml",
        "views/res_users_views.xml",
        "views/miz_sms_provider_views.xml",
        "wizards/miz_holiday_import_views.xml",
        "views/menus.xml",
        "data/miz_sms_data.xml",
        "data/miz_province_data.xml",
        "data/miz_holiday_data.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "miz_base/static/lib/jalaali/jalaali.js",
            "miz_base/static/src/jalali/**/*",
            "miz_base/static/src/terms/**/*",
        ],
        "web.assets_unit_tests": [
            "miz_base/static/tests/**/*",
            ("remove", "miz_base/static/tests/tours/**/*"),
        ],
        "web.assets_tests": [
            "miz_base/static/tests/tours/**/*",
        ],
        "web.report_assets_common": [
            "miz_base/static/src/print/miz_print.scss",
        ],
    },
    "demo": [],
    "installable": True,
    "application": False,
}
