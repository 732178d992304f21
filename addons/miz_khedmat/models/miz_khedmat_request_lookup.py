from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from odoo.addons.miz_base.tools import digits, validation

from ..tools import tracking
from .miz_khedmat_request import UNFINISHED_STATES


class MizKhedmatRequest(models.Model):
    """Finding and reading a request: by its tracking code as printed or the applicant's code, the duplicate
    warning, the terms it was received under as a table."""

    _inherit = "miz.khedmat.request"

    applicant_lookup = fields.Char(
        compute="_compute_applicant_lookup",
        search="_search_applicant_lookup",
        string="Applicant's Code",
        help="Search by the applicant's national code or national ID, typed with Persian or Latin digits.",
    )
    terms_html = fields.Html(compute="_compute_terms_html", string="Terms Received Under", sanitize=True)
    duplicate_ids = fields.Many2many(
        "miz.khedmat.request",
        compute="_compute_duplicate_ids",
        string="Open Requests of the Same Applicant and Service",
    )

    @api.depends("applicant_code")
    def _compute_applicant_lookup(self):
        for request in self:
            request.applicant_lookup = request.applicant_code

    def _search_applicant_lookup(self, operator, value):
        if operator not in ("=", "ilike", "like", "=ilike") or not isinstance(value, str):
            raise UserError(_("Unsupported search on the applicant's code."))
        code = validation.clean_digits(value).strip()
        return [("applicant_code", "=" if operator == "=" else "ilike", code)]

    def _search_tracking_code_display(self, operator, value):
        """The tracking code as printed (``40458-96627-8``), in Persian digits, raw, or the receipt QR's URL."""
        if operator not in ("=", "ilike", "like", "=ilike", "=like") or not isinstance(value, str):
            raise UserError(_("Unsupported search on the tracking code."))
        code = tracking.normalize_typed(value)
        return [("tracking_code", "=" if operator == "=" else "ilike", code or value)]

    @api.depends("partner_id", "service_id", "state")
    def _compute_duplicate_ids(self):
        for request in self:
            if not (request.partner_id and request.service_id) or request.state not in UNFINISHED_STATES:
                request.duplicate_ids = False
                continue
            request.duplicate_ids = self.search(
                [
                    ("partner_id", "=", request.partner_id.id),
                    ("service_id", "=", request.service_id.id),
                    ("state", "in", UNFINISHED_STATES),
                    ("id", "!=", request._origin.id or 0),
                ]
            )

    @api.model
    def _search_display_name(self, operator, value):
        """A request is found by its tracking code in any printed form and by the applicant's national code."""
        domain = super()._search_display_name(operator, value)
        if isinstance(value, str) and operator in ("ilike", "=", "=ilike", "like"):
            code = tracking.normalize_typed(value)
            if code:
                domain = expression.OR([domain, [("tracking_code", "ilike", code)], [("applicant_code", "=", code)]])
        return domain

    @api.depends("terms_snapshot")
    def _compute_terms_html(self):
        for request in self:
            terms = request._miz_terms_dict()
            if not terms:
                request.terms_html = False
                continue
            fees = terms.get("fees") or {}
            rows = [
                (
                    _("Promised duration"),
                    _("%s working days", digits.to_persian_digits(str(terms.get("promised_days")))),
                ),
                (
                    _("Objection window"),
                    _("%s days", digits.to_persian_digits(str(terms.get("objection_window_days")))),
                ),
                (_("Where to object"), terms.get("objection_place") or ""),
                (_("Fee (Rials)"), digits.to_persian_digits(f"{fees.get('amount') or 0:,.0f}")),
                (_("Legal basis of the fee"), fees.get("legal_basis") or ""),
                (_("Where the fee is paid"), fees.get("payment_place") or ""),
                (
                    _("Documents"),
                    "، ".join(
                        d["name"] + ("" if d.get("required") else _(" (optional)")) for d in terms.get("documents", [])
                    ),
                ),
                (
                    _("Routing"),
                    " ← ".join(
                        f"{r['unit']} ({digits.to_persian_digits(str(r['days']))})" for r in terms.get("routing", [])
                    ),
                ),
            ]
            body = Markup("").join(
                Markup("<tr><th>%s</th><td>%s</td></tr>") % (label, value) for label, value in rows if value
            )
            request.terms_html = Markup('<table class="table table-sm o_miz_terms">%s</table>') % body

    @api.onchange("partner_id", "service_id")
    def _onchange_duplicate_warning(self):
        if self.duplicate_ids:
            return {
                "warning": {
                    "title": _("Possible duplicate"),
                    "message": _(
                        "%(applicant)s already has an unfinished request for this service: %(requests)s. Register a "
                        "second one only if it is really a new request.",
                        applicant=self.partner_id.name,
                        requests="، ".join(self.duplicate_ids.mapped("display_name")),
                    ),
                }
            }
