from odoo import fields, models

from odoo.addons.miz_khedmat.models.miz_khedmat_service import TERM_FIELDS


class MizKhedmatService(models.Model):
    """The inquiry types a desk service needs: at registration its request makes one inquiry of each (the agency
    obtains them, not the citizen). The free-text inquiry lines of the booklet stay beside them for now."""

    _inherit = "miz.khedmat.service"

    inquiry_type_ids = fields.Many2many(
        "miz.inquiry.type",
        "miz_khedmat_service_inquiry_type_rel",
        "service_id",
        "type_id",
        string="Inquiry Types Sent",
        domain=[("direction", "in", ("outbound", "both"))],
        help="At registration, the request sends one inquiry of each of these types to the responding agency.",
    )

    def write(self, vals):
        res = super().write(vals)
        if self and "inquiry_type_ids" in vals and not any(field in vals for field in TERM_FIELDS):
            # part of the terms a request is received under: a new version (miz_khedmat bumps it for its own fields)
            self.flush_recordset(["terms_version"])
            self.env.cr.execute(
                "UPDATE miz_khedmat_service SET terms_version = terms_version + 1 WHERE id IN %s", [tuple(self.ids)]
            )
            self.invalidate_recordset(["terms_version"])
        return res

    def _miz_terms(self):
        terms = super()._miz_terms()
        terms["inquiry_types"] = [
            {"code": t.code, "name": t.name, "agency": t.provider_agency_id.display_name or ""}
            for t in self.sudo().inquiry_type_ids
        ]
        return terms
