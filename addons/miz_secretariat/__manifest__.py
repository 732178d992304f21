{
    "name": "miz: Secretariat",
    "summary": "Registered letters, referrals and cartables (دبیرخانه)",
    "version": "18.0.1.0.0",
    "category": "Services/Service Desk",
    "author": "miz",
    "license": "LGPL-3",
    "depends": ["miz_base"],
    "data": [
        "security/miz_secretariat_security.xml",
        "security/ir.model.access.csv",
        "views/menus.xml",
    ],
    "demo": [],
    "installable": True,
    "application": True,
}
