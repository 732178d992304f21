{
    "name": "miz: Inter-agency Inquiries",
    "summary": "System-to-system inquiries (استعلام) over SOAP",
    "version": "18.0.1.0.0",
    "category": "Services/Service Desk",
    "author": "miz",
    "license": "LGPL-3",
    "depends": ["miz_secretariat"],
    "data": [
        "security/miz_inquiry_security.xml",
        "security/ir.model.access.csv",
        "views/menus.xml",
    ],
    "demo": [],
    "installable": True,
    "application": True,
}
