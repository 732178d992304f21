{
    "name": "miz: Desk Audit from Live Records",
    "summary": "Fills the Appendix-2 audit snapshot from the service desk's catalog, receipts, SMS and surveys",
    "version": "18.0.1.0.0",
    "category": "Services/Service Desk",
    "author": "miz",
    "license": "LGPL-3",
    "depends": ["miz_audit", "miz_khedmat"],
    "data": [
        "security/miz_khedmat_audit_security.xml",
        "views/miz_khedmat_service_views.xml",
    ],
    "installable": True,
    "auto_install": True,
}
