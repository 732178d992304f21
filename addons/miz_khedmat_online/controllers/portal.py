from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.miz_base.tools import digits
from odoo.addons.portal.controllers.portal import CustomerPortal

from .common import pdf_response, render_pdf

MAX_LIST = 100


class MizKhedmatOnlinePortal(CustomerPortal):
    """“My requests” of a logged-in citizen or business in /my: the record rule (applicant = the user's partner)
    decides what the user can read, and each page checks it again before anything is read as superuser."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "miz_request_count" in counters:
            Request = request.env["miz.khedmat.request"]
            values["miz_request_count"] = Request.search_count(self._miz_domain()) if Request.has_access("read") else 0
        return values

    def _miz_domain(self):
        return [("partner_id", "=", request.env.user.partner_id.id), ("tracking_code", "!=", False)]

    def _miz_own(self, request_id):
        """The user's own registered request ``request_id`` (checked with his rights), or None."""
        record = request.env["miz.khedmat.request"].browse(request_id)
        try:
            record.check_access("read")
            if not record.exists() or record.partner_id != request.env.user.partner_id or not record.tracking_code:
                return None
        except (AccessError, MissingError):
            return None
        return record

    @http.route("/my/miz/requests", type="http", auth="user", methods=["GET"], website=True, sitemap=False)
    def my_requests(self, **kwargs):
        Request = request.env["miz.khedmat.request"]
        records = Request.search(self._miz_domain(), limit=MAX_LIST) if Request.has_access("read") else Request
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="miz_requests",
            requests=[(record, record.sudo()._miz_online_status()) for record in records],
            fa=digits.to_persian_digits,
        )
        return request.render("miz_khedmat_online.portal_my_requests", values)

    @http.route(
        "/my/miz/requests/<int:request_id>", type="http", auth="user", methods=["GET"], website=True, sitemap=False
    )
    def my_request(self, request_id, **kwargs):
        record = self._miz_own(request_id)
        if not record:
            raise request.not_found()
        values = self._prepare_portal_layout_values()
        values.update(page_name="miz_request", req=record, status=record.sudo()._miz_online_status())
        return request.render("miz_khedmat_online.portal_my_request", values)

    @http.route(
        "/my/miz/requests/<int:request_id>/deliverable/<int:attachment_id>",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def my_request_deliverable(self, request_id, attachment_id, **kwargs):
        record = self._miz_own(request_id)
        attachment = record.sudo()._miz_online_deliverable(attachment_id) if record else None
        if not attachment:
            raise request.not_found()
        return request.env["ir.binary"]._get_stream_from(attachment).get_response(as_attachment=True)

    @http.route(
        "/my/miz/requests/<int:request_id>/<string:kind>.pdf",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def my_request_pdf(self, request_id, kind, **kwargs):
        record = self._miz_own(request_id)
        reports = {
            "receipt": "miz_khedmat.action_report_receipt",
            "notice": "miz_khedmat.action_report_response_notice",
        }
        if not record or kind not in reports or (kind == "notice" and record.state not in ("notified", "delivered")):
            raise request.not_found()
        pdf = render_pdf(reports[kind], record.sudo())
        return pdf_response(pdf, f"{kind}-{record.tracking_code}.pdf")
