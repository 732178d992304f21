from odoo import models

from odoo.addons.miz_base.tools import validation
from odoo.addons.miz_khedmat.tools import tracking

# a request another agency may ask about: registered (it has a tracking code) and not a draft
STATUS_STATES = ("registered", "in_progress", "result", "notified", "delivered", "cancelled")


class MizInquiryInbound(models.Model):
    _inherit = "miz.inquiry.inbound"

    def _miz_answer_desk_request_status(self, params):
        """Status of a desk request of our agency, asked by its tracking code (param ``trackingCode``) and its
        applicant's national code (``subjectNationalId``, or param ``nationalId`` for a business): ``FOUND`` with the
        state and dates, or one generic ``NOT_FOUND`` for every pair that does not match (the same search either
        way: a wrong code, a wrong national code, another agency's request and a draft are not told apart)."""
        env = self._fa_env()
        code = tracking.normalize(params.get("trackingCode") or "")
        # the subject is on the inquiry (and in the params as "__subject__", normalized)
        applicant = (
            self.subject_national_id
            or params.get("__subject__")
            or validation.clean_digits(params.get("nationalId") or "").strip()
        )
        Request = env["miz.khedmat.request"].sudo()
        found = Request.search(
            [
                ("agency_id", "=", self.type_id.agency_id.id),
                ("tracking_code", "=", code or "-"),
                "|",
                "|",
                ("applicant_code", "=", applicant or "-"),
                ("partner_id.miz_national_code", "=", applicant or "-"),
                ("partner_id.miz_national_id", "=", applicant or "-"),
                ("state", "in", STATUS_STATES),
            ],
            limit=1,
        )
        if not found:
            return {
                "code": "NOT_FOUND",
                "text": env._("No desk request of ours matches this tracking code and national code."),
                "values": [],
            }
        return {
            "code": "FOUND",
            "text": env._("The desk request is registered with us."),
            "values": found._miz_inquiry_status(),
        }
