import logging

from werkzeug.wsgi import get_input_stream

from odoo import SUPERUSER_ID
from odoo.http import Controller, request, route
from odoo.tools.misc import file_open

from ..tools import soap

_logger = logging.getLogger(__name__)

XML_HEADERS = [("Content-Type", "text/xml; charset=utf-8"), ("Cache-Control", "no-store")]


class MizInquirySoap(Controller):
    """The inquiry SOAP service: ``GET /miz/inquiry/soap?wsdl`` describes it, ``POST /miz/inquiry/soap`` answers.

    ``auth="public"``: the database is the one the request selects (dbfilter / single database); the caller is
    authenticated by the WS-Security UsernameToken of its envelope in ``miz.inquiry.inbound._miz_soap_dispatch``.
    The body is read in chunks and never beyond the size limit (a chunked body too). Answers are SOAP envelopes
    (faults with HTTP 500), never HTML pages.
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
        # the address the caller used to reach us (Host, or X-Forwarded-Host behind our proxy with proxy_mode):
        # a caller on the compose network that reached http://agency_b:8069 is told that very address
        address = request.httprequest.host_url.rstrip("/") + "/miz/inquiry/soap"
        return request.make_response(soap.render_wsdl(wsdl, address), headers=XML_HEADERS)

    @route("/miz/inquiry/soap", type="http", auth="public", methods=["POST"], csrf=False, save_session=False)
    def inquire(self, **kwargs):
        httprequest = request.httprequest
        if (httprequest.content_length or 0) > soap.MAX_REQUEST_BYTES:
            data = b"x" * (soap.MAX_REQUEST_BYTES + 1)  # announced too large: not read at all
        else:
            # Odoo's request hides the WSGI input (its environ copy drops wsgi.*); werkzeug's own request has it. The
            # body is read in chunks up to the limit: a chunked body (no Content-Length) cannot make us read more.
            environ = httprequest._HTTPRequest__environ
            data = soap.read_limited(get_input_stream(environ), soap.MAX_REQUEST_BYTES)
        # the service runs as the superuser, in the main company (given, so that no user row is read for it)
        _model, company_id = request.env["ir.model.data"]._xmlid_to_res_model_res_id("base.main_company")
        env = request.env(user=SUPERUSER_ID, context=dict(request.env.context, allowed_company_ids=[company_id]))
        status, body = env["miz.inquiry.inbound"]._miz_soap_dispatch(data, httprequest.remote_addr)
        return request.make_response(body, headers=XML_HEADERS, status=status)

    @route("/miz/inquiry/ping", type="json", auth="public", methods=["POST"], csrf=False, save_session=False)
    def ping(self, **kwargs):
        """Liveness of the service for partner agencies (and the reference route of the bench)."""
        return {"service": "miz-inquiry", "contract": soap.NS_TNS}
