from odoo import fields, models


class MizInquiryType(models.Model):
    _inherit = "miz.inquiry.type"

    answer_kind = fields.Selection(
        selection_add=[("desk_request_status", "Status of a desk request (tracking code + national code)")],
        ondelete={"desk_request_status": "set null"},
    )
