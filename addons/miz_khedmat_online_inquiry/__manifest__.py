{
    "name": "miz: Inquiries on the Electronic Desk",
    "summary": "The citizen's tracking page lists the inquiries the agency obtained for the request (type and date)",
    "version": "18.0.1.0.0",
    "category": "Services/Service Desk",
    "author": "miz",
    "license": "LGPL-3",
    "depends": ["miz_khedmat_online", "miz_khedmat_inquiry"],
    "data": [],
    "installable": True,
    "auto_install": True,
}
