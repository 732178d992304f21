from markupsafe import Markup

from odoo import _, fields, models


class MizInquiryRequest(models.Model):
    """An outbound inquiry may belong to a desk request: created by its registration, it is shown on it, its answer
    is posted on the request's chatter, and the request cannot notify its response while it is unanswered."""

    _inherit = "miz.inquiry.request"

    khedmat_request_id = fields.Many2one(
        "miz.khedmat.request", string="Desk Request", readonly=True, index="btree_not_null", ondelete="restrict"
    )

    def _miz_guarded_protected(self):
        # only the desk's registration links an inquiry to a desk request (an inquiry typed in by a person could
        # otherwise hold a request's response back)
        return super()._miz_guarded_protected() | {"khedmat_request_id"}

    def _miz_on_answered(self):
        result = super()._miz_on_answered()
        states = dict(self._fields["state"]._description_selection(self.env))
        for inquiry in self.filtered("khedmat_request_id"):
            body = Markup("<p>%s</p>") % _(
                "Inquiry %(ref)s (%(type)s): %(state)s, answer %(code)s.",
                ref=inquiry.name,
                type=inquiry.type_id.sudo().name,
                state=states[inquiry.state],
                code=inquiry.answer_code or "-",
            )
            if inquiry.answer_text:
                body += Markup("<p>%s</p>") % inquiry.answer_text
            inquiry.khedmat_request_id.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")
        return result

    def _miz_is_answered(self):
        """Whether this inquiry gives the desk the answer it waits for (a rejection does not: a manager waives)."""
        self.ensure_one()
        return self.state == "answered"

    def _miz_desk_pending(self):
        return self.filtered(lambda inquiry: not inquiry._miz_is_answered())
