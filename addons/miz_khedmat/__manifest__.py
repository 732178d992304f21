{
    "name": "miz: Service Desk",
    "summary": "The government service desk (میز خدمت): catalog, intake, receipt, routing, response, survey, audit",
    "version": "18.0.1.0.0",
    "category": "Services/Service Desk",
    "author": "miz",
    "license": "LGPL-3",
    "depends": ["miz_secretariat", "survey", "portal"],
    "data": [
        "security/miz_khedmat_security.xml",
        "security/ir.model.access.csv",
        "views/menus.xml",
    ],
    "demo": [],
    "installable": True,
    "application": True,
}
