from odoo import http
from odoo.http import request
from odoo.osv import expression

from odoo.addons.miz_base.tools import digits, validation

from .common import pdf_response, render, render_pdf

MAX_QUERY = 80
MAX_RESULTS = 200
KIOSK_RESET_SECONDS = 90


def _services(query=None, category=None):
    Service = request.env["miz.khedmat.service"].sudo()
    domain = Service._miz_online_catalog_domain()
    query = validation.normalize_text(query or "", latin_digits=True)[:MAX_QUERY].strip()
    if query:
        domain = expression.AND(
            [
                domain,
                ["|", "|", ("name", "ilike", query), ("code", "ilike", query), ("online_category", "ilike", query)],
            ]
        )
    if category:
        domain = expression.AND([domain, [("online_category", "=", category[:MAX_QUERY])]])
    return Service.search(domain, limit=MAX_RESULTS), query


def _service(service_id):
    """A service of the public catalog (the catalog domain ties the id to what is public), or None."""
    Service = request.env["miz.khedmat.service"].sudo()
    found = Service.search(expression.AND([Service._miz_online_catalog_domain(), [("id", "=", service_id)]]), limit=1)
    return found or None


def _categories():
    Service = request.env["miz.khedmat.service"].sudo()
    rows = Service._read_group(
        expression.AND([Service._miz_online_catalog_domain(), [("online_category", "!=", False)]]),
        ["online_category"],
    )
    return sorted(category for [category] in rows)


def service_values(service):
    """What the booklet page shows of ``service`` (read as superuser: the catalog is public information)."""
    steps = [
        {
            "number": digits.to_persian_digits(index),
            "unit": step.unit_id.name,
            "task": step.name or "",
            "days": step.days,
        }
        for index, step in enumerate(service.step_ids, start=1)
    ]
    fee = f"{int(service.fee_amount):,}".replace(",", "٬") if service.fee_amount else ""
    return {
        "service": service,
        "steps": steps,
        "fee": digits.to_persian_digits(fee),
        "fa": digits.to_persian_digits,
        "real_days": round(service.duration_real_days, 1),
    }


class MizKhedmatOnlineCatalog(http.Controller):
    """The public catalog of desk services and their information booklets, the PDF booklet and the kiosk view."""

    @http.route("/miz", type="http", auth="public", methods=["GET"], sitemap=False)
    def home(self, **kwargs):
        return request.redirect("/miz/services")

    @http.route("/miz/services", type="http", auth="public", methods=["GET"], sitemap=True)
    def catalog(self, q=None, category=None, **kwargs):
        services, query = _services(q, category)
        return render(
            "miz_khedmat_online.catalog_page",
            {
                "services": services,
                "query": query,
                "category": (category or "")[:MAX_QUERY],
                "categories": _categories(),
                "fa": digits.to_persian_digits,
            },
        )

    @http.route("/miz/services/<int:service_id>", type="http", auth="public", methods=["GET"], sitemap=False)
    def service_page(self, service_id, **kwargs):
        service = _service(service_id)
        if not service:
            return render("miz_khedmat_online.not_found_page", status=404)
        return render("miz_khedmat_online.service_page", service_values(service))

    @http.route(
        "/miz/services/<int:service_id>/booklet.pdf", type="http", auth="public", methods=["GET"], sitemap=False
    )
    def booklet_pdf(self, service_id, **kwargs):
        service = _service(service_id)
        if not service:
            return render("miz_khedmat_online.not_found_page", status=404)
        pdf = render_pdf("miz_khedmat.action_report_service_booklet", service)
        return pdf_response(pdf, f"booklet-{service.code or service.id}.pdf")

    @http.route(
        "/miz/services/<int:service_id>/form/<int:document_id>",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def form_file(self, service_id, document_id, **kwargs):
        service = _service(service_id)
        document = service and service.document_ids.filtered(lambda d: d.id == document_id and d.form_file)
        if not document:
            return render("miz_khedmat_online.not_found_page", status=404)
        stream = request.env["ir.binary"]._get_stream_from(
            document, "form_file", filename=document.form_filename or f"form-{document.id}"
        )
        return stream.get_response(as_attachment=True)

    # ------------------------------------------------------------------ kiosk
    @http.route("/miz/kiosk", type="http", auth="public", methods=["GET"], sitemap=False)
    def kiosk(self, q=None, **kwargs):
        services, query = _services(q)
        return render(
            "miz_khedmat_online.kiosk_page",
            {"services": services, "query": query, "reset": KIOSK_RESET_SECONDS, "fa": digits.to_persian_digits},
            headers=[("Refresh", f"{KIOSK_RESET_SECONDS * 2};url=/miz/kiosk")],
        )

    @http.route("/miz/kiosk/<int:service_id>", type="http", auth="public", methods=["GET"], sitemap=False)
    def kiosk_service(self, service_id, **kwargs):
        service = _service(service_id)
        if not service:
            return request.redirect("/miz/kiosk")
        values = service_values(service)
        values.update(kiosk=True, reset=KIOSK_RESET_SECONDS)
        return render(
            "miz_khedmat_online.kiosk_service_page",
            values,
            headers=[("Refresh", f"{KIOSK_RESET_SECONDS};url=/miz/kiosk")],
        )
