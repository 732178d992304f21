from odoo import _, http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.miz_base.tools import digits, validation
from odoo.addons.miz_khedmat.tools import tracking

from .common import client_ip, pdf_response, remember_request, remembered_request, render, render_pdf

TRACK_LIMIT_IP = (20, 600)  # pair checks per IP address per 10 minutes
TRACK_LIMIT_CODE = (10, 3600)  # pair checks per tracking code per hour (guessing the national code of a code)
MAX_REASON = 2000


class MizKhedmatOnlineTracking(http.Controller):
    """Tracking by tracking code + national code: one generic answer for every wrong pair (and the same work for
    it), limited per IP address and per code; the QR code and the SMS link open the form with the code filled in.
    Once the pair is checked the browser session may follow the request for 30 minutes: download the receipt and
    the response notice, file an objection within the window."""

    def _form(self, code="", error=None, status=200):
        return render(
            "miz_khedmat_online.track_form_page",
            {"code": digits.to_persian_digits(tracking.format_code(code)) if code else "", "error": error},
            status=status,
        )

    def _status(self, found, message=None):
        return render(
            "miz_khedmat_online.track_status_page",
            {"req": found, "status": found._miz_online_status(), "message": message, "code": found.tracking_code},
        )

    @http.route("/miz/track", type="http", auth="public", methods=["GET"], sitemap=False)
    def track_form(self, code=None, **kwargs):
        code = tracking.normalize((code or "")[:40])
        return self._form(code if tracking.is_valid(code) else "")

    @http.route("/miz/track/<string:code>", type="http", auth="public", methods=["GET"], sitemap=False)
    def track_link(self, code, **kwargs):
        """The receipt's QR code and the SMS link: the form with the code filled in (the national code is asked)."""
        code = tracking.normalize(code[:40])
        found = remembered_request(code)
        if found:
            return self._status(found)
        return self._form(code if tracking.is_valid(code) else "")

    @http.route("/miz/track", type="http", auth="public", methods=["POST"], sitemap=False)
    def track_check(self, code=None, national_code=None, **kwargs):
        code = tracking.normalize((code or "")[:40])
        national = validation.clean_digits((national_code or "")[:20]).strip()
        Throttle = request.env["miz.khedmat.online.throttle"].sudo()
        within = Throttle._miz_hit("track_ip", client_ip(), *TRACK_LIMIT_IP)
        within = Throttle._miz_hit("track_code", code or "-", *TRACK_LIMIT_CODE) and within
        if not within:
            return self._form(code, _("Too many tries: wait a few minutes and try again."), 429)
        # the same lookup for every pair, well-formed or not: no answer tells a known code from an unknown one
        found = request.env["miz.khedmat.request"]._miz_online_find(code, national)
        if not found or not tracking.is_valid(code):
            return self._form(
                code if tracking.is_valid(code) else "",
                _("No request matches this tracking code and national code. Check both on your receipt."),
            )
        remember_request(found.tracking_code)
        return self._status(found)

    # ------------------------------------------------------------------ documents and objection
    @http.route("/miz/track/<string:code>/notice.pdf", type="http", auth="public", methods=["GET"], sitemap=False)
    def notice_pdf(self, code, **kwargs):
        found = remembered_request(tracking.normalize(code[:40]))
        if not found or found.state not in ("notified", "delivered"):
            return request.redirect("/miz/track")
        pdf = render_pdf("miz_khedmat.action_report_response_notice", found)
        return pdf_response(pdf, f"response-{found.tracking_code}.pdf")

    @http.route("/miz/track/<string:code>/receipt.pdf", type="http", auth="public", methods=["GET"], sitemap=False)
    def receipt_pdf(self, code, **kwargs):
        found = remembered_request(tracking.normalize(code[:40]))
        if not found:
            return request.redirect("/miz/track")
        pdf = render_pdf("miz_khedmat.action_report_receipt", found)
        return pdf_response(pdf, f"receipt-{found.tracking_code}.pdf")

    @http.route(
        "/miz/track/<string:code>/deliverable/<int:attachment_id>",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def deliverable(self, code, attachment_id, **kwargs):
        found = remembered_request(tracking.normalize(code[:40]))
        attachment = found._miz_online_deliverable(attachment_id) if found else None
        if not attachment:
            return request.redirect("/miz/track")
        return request.env["ir.binary"]._get_stream_from(attachment).get_response(as_attachment=True)

    @http.route("/miz/track/<string:code>/object", type="http", auth="public", methods=["POST"], sitemap=False)
    def object(self, code, reason=None, **kwargs):
        found = remembered_request(tracking.normalize(code[:40]))
        if not found:
            return self._form("", _("Your session has expired: enter your tracking code and national code again."))
        reason = (reason or "").strip()[:MAX_REASON]
        if not found._miz_online_objection_open():
            return self._status(found, _("The objection window of this request is closed."))
        try:
            with request.env.cr.savepoint():
                found._miz_receive_objection(reason or None)
        except UserError as error:
            return self._status(found, str(error.args[0]))
        return self._status(
            found, _("Your objection is received; the desk reviews your request and informs you by SMS.")
        )
