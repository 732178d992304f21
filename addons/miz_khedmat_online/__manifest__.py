{
    "name": "miz: Electronic Service Desk",
    "summary": "The electronic service desk (میز خدمت الکترونیکی): public catalog and booklets, online requests with "
    "one-time SMS codes and checked uploads, tracking, online objection, e-survey, “my requests” in the portal",
    "version": "18.0.1.0.0",
    "category": "Services/Service Desk",
    "author": "miz",
    "license": "LGPL-3",
    "depends": ["miz_khedmat", "portal"],
    "data": [
        "security/ir.model.access.csv",
        "security/miz_khedmat_online_rules.xml",
        "views/miz_khedmat_service_views.xml",
        "views/miz_khedmat_online_templates.xml",
        "views/miz_khedmat_online_request_templates.xml",
        "views/miz_khedmat_online_tracking_templates.xml",
        "data/miz_khedmat_online_sms_data.xml",
        "data/miz_khedmat_online_cron.xml",
    ],
    "demo": ["demo/miz_khedmat_online_demo.xml"],
    "assets": {
        "web.assets_frontend": ["miz_khedmat_online/static/src/scss/miz_khedmat_online.scss"],
        "web.assets_tests": ["miz_khedmat_online/static/tests/tours/*.js"],
    },
    "installable": True,
    "application": False,
    "auto_install": False,
}
