"""Shared by the electronic desk's controllers: Persian pages, the caller's address, PDF answers, the session."""

import time

from odoo.http import request

from odoo.addons.miz_base.tools import digits, jalali

TRACK_SESSION_KEY = "miz_online_track"
TRACK_SESSION_SECONDS = 1800
TRACK_SESSION_MAX = 5


def persian():
    """Render the public pages in Persian (right to left) whatever the visitor's browser says."""
    if request.env["res.lang"]._lang_get("fa_IR"):
        request.update_context(lang="fa_IR")


def client_ip():
    return request.httprequest.remote_addr or "-"


def render(template, values=None, status=200, headers=None):
    persian()
    values = dict(values or {})
    values.setdefault("html_data", {"lang": "fa-IR", "dir": "rtl"})
    values.setdefault("fa", digits.to_persian_digits)
    values.setdefault("jd", lambda value: jalali.format_date(value) if value else "")
    values.setdefault("jdt", lambda value: jalali.format_datetime(value) if value else "")
    return request.render(template, values, status=status, headers=headers)


def pdf_response(pdf, filename):
    return request.make_response(
        pdf,
        headers=[
            ("Content-Type", "application/pdf"),
            ("Content-Length", str(len(pdf))),
            ("Content-Disposition", f'attachment; filename="{filename}"'),
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
        ],
    )


def render_pdf(report_xmlid, records):
    persian()
    # force_report_rendering: a real PDF under the test runner too (Odoo gives HTML there otherwise)
    Report = request.env["ir.actions.report"].sudo().with_context(tz="Asia/Tehran", force_report_rendering=True)
    pdf, _kind = Report._render_qweb_pdf(report_xmlid, records.ids)
    return pdf


def remember_request(code):
    """The browser session may follow request ``code`` for a while (after the pair check or the online filing)."""
    now = int(time.time())
    known = {k: v for k, v in (request.session.get(TRACK_SESSION_KEY) or {}).items() if v > now}
    known[code] = now + TRACK_SESSION_SECONDS
    if len(known) > TRACK_SESSION_MAX:
        known = dict(sorted(known.items(), key=lambda item: item[1])[-TRACK_SESSION_MAX:])
    request.session[TRACK_SESSION_KEY] = known


def remembered_request(code):
    """The request ``code`` if this browser session proved it may follow it (sudo), else an empty recordset."""
    known = request.session.get(TRACK_SESSION_KEY) or {}
    Request = request.env["miz.khedmat.request"].sudo()
    if not isinstance(code, str) or known.get(code, 0) <= int(time.time()):
        return Request.browse()
    return Request.search(
        [
            ("tracking_code", "=", code),
            ("state", "in", ("registered", "in_progress", "result", "notified", "delivered")),
        ],
        limit=1,
    )
