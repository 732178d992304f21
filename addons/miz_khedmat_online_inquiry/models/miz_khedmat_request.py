from odoo import models

from odoo.addons.miz_base.tools import jalali


class MizKhedmatRequest(models.Model):
    _inherit = "miz.khedmat.request"

    def _miz_online_inquiries(self):
        """The tracking page lists the inquiry types frozen in the request's terms at registration (not the
        service's types of today), each with the date its answer was obtained, or no date while it is awaited; then
        the free-text inquiries of the booklet. Never the content of an answer, nor a rejection or a waiver."""
        self.ensure_one()
        obtained = {}
        for inquiry in self.sudo().inquiry_ids.filtered(lambda i: i.state == "answered"):
            code = inquiry.type_id.code
            if code not in obtained or inquiry.answered_at < obtained[code]:
                obtained[code] = inquiry.answered_at
        typed = [
            {
                "name": item["name"],
                "date": jalali.format_date(obtained[item["code"]]) if item["code"] in obtained else "",
            }
            for item in self._miz_terms_dict().get("inquiry_types", [])
        ]
        return typed + super()._miz_online_inquiries()
