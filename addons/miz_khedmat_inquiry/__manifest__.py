{
    "name": "miz: Inquiries of the Service Desk",
    "summary": "The inquiries a desk service needs, sent by the agency at registration; the desk status as an answer",
    "version": "18.0.1.0.0",
    "category": "Services/Service Desk",
    "author": "miz",
    "license": "LGPL-3",
    "depends": ["miz_khedmat", "miz_inquiry"],
    "data": [
        "security/ir.model.access.csv",
        "security/miz_khedmat_inquiry_rules.xml",
        "views/miz_khedmat_service_views.xml",
        "wizards/miz_khedmat_inquiry_waive_views.xml",
        "views/miz_khedmat_request_views.xml",
    ],
    "installable": True,
    "auto_install": True,
}
