import logging

from odoo import SUPERUSER_ID
from odoo.http import Controller, request, route
from odoo.tools.misc import file_open

from ..tools import soap

_logger = logging.getLogger(__name__)

XML_HEADERS = [("Content-Type", "text/xml; charset=utf-8"), ("Cache-Control", "no-store")]


class MizInquirySoap(Controller):
    """The inquiry SOAP service: ``GET /miz/inquiry/soap?wsdl`` describes it, ``POST /miz/inquiry/soap`` answers.

    ``auth="public"``: the database is the one the request selects (dbfilter / single database); the caller is
    authenticated by its token (``X-Miz-Inquiry-Token`` HTTP header or ``<tns:AuthToken>`` SOAP header) in
    ``miz.inquiry.inbound._receive``. Errors are SOAP Faults, never HTML pages.
    """

    @route("/miz/inquiry/soap", type="http", auth="public", methods=["GET"], csrf=False, save_session=False)
    def wsdl(self, **kwargs):
        if "wsdl" not in request.httprequest.args and "WSDL" not in request.httprequest.args:
            return request.make_response(
                "GET /miz/inquiry/soap?wsdl returns the WSDL; POST the SOAP 1.1 request here.",
                headers=[("Content-Type", "text/plain; charset=utf-8")],
            )
        with file_open("miz_inquiry/static/wsdl/miz_inquiry.wsdl", "rb") as template:
            wsdl = template.read()
        base_url = request.env["ir.config_parameter"].sudo().get_param("web.base.url") or request.httprequest.host_url
        body = soap.render_wsdl(wsdl, base_url.rstrip("/") + "/miz/inquiry/soap")
        return request.make_response(body, headers=XML_HEADERS)

    @route("/miz/inquiry/soap", type="http", auth="public", methods=["POST"], csrf=False, save_session=False)
    def inquire(self, **kwargs):
        httprequest = request.httprequest
        # A body announced larger than allowed is not read at all: _receive answers it with a Client fault.
        too_large = (httprequest.content_length or 0) > soap.MAX_REQUEST_BYTES
        data = None if too_large else httprequest.get_data(cache=False)
        env = request.env(user=SUPERUSER_ID)
        status, body = env["miz.inquiry.inbound"]._receive(
            data,
            http_token=httprequest.headers.get(soap.TOKEN_HTTP_HEADER, ""),
            remote_addr=httprequest.remote_addr,
        )
        return request.make_response(body, headers=XML_HEADERS, status=status)
