from odoo import _, http
from odoo.http import request

from ..tools import tracking


class MizKhedmatTracking(http.Controller):
    """Public tracking page: the status of a request by its tracking code, and nothing personal."""

    @http.route("/miz/track/<string:code>", type="http", auth="public", methods=["GET"], sitemap=False)
    def track(self, code, **kwargs):
        lang = request.env["res.lang"]._lang_get("fa_IR") and "fa_IR" or request.env.lang
        env = request.env(context=dict(request.env.context, lang=lang))
        code = tracking.normalize(code)
        values = {"code": tracking.format_code(code), "status": None, "error": None}
        status = 200
        if not tracking.is_valid(code):
            values["error"] = _("This tracking code is mistyped: check the digits on your receipt.")
            status = 400
        else:
            # the code itself is the only key: exact match, read as superuser, only non-personal fields leave
            found = env["miz.khedmat.request"].sudo().search([("tracking_code", "=", code)], limit=1)
            if not found:
                values["error"] = _("No request has this tracking code.")
                status = 404
            else:
                values["status"] = found._miz_public_status()
        return request.render("miz_khedmat.tracking_page", values, status=status)
