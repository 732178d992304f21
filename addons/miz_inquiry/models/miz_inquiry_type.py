from urllib.parse import urlsplit

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

DIRECTIONS = [
    ("inbound", "We answer it"),
    ("outbound", "We ask it"),
    ("both", "Both"),
]
ANSWER_KINDS = [
    ("person_national_code", "Person by national code"),
    ("manual", "Manual answer (secretariat letter)"),
]


class MizInquiryType(models.Model):
    """A kind of inter-agency inquiry (استعلام), identified between agencies by its ``code``.

    Outbound (``we ask it``): the provider agency's SOAP service (``wsdl_url``) is called by
    :meth:`miz.inquiry.request.action_send`. Inbound (``we answer it``): callers reach ``/miz/inquiry/soap`` and
    are answered according to ``answer_kind``: automatically from the contacts (person by national code), or
    by filing the inquiry in the secretariat as an incoming letter that a person answers later (``manual``).
    """

    _name = "miz.inquiry.type"
    _description = "Inquiry Type"
    _order = "name, id"

    name = fields.Char(required=True)
    code = fields.Char(required=True, help="Identifier of the inquiry shared with the other agencies (type_code).")
    active = fields.Boolean(default=True)
    direction = fields.Selection(DIRECTIONS, required=True, default="inbound")
    description = fields.Text()
    agency_id = fields.Many2one(
        "miz.agency",
        string="Our Agency",
        help="The agency that asks or answers this inquiry: paper inquiries and manually answered ones are "
        "registered in its secretariat.",
    )
    # outbound
    provider_agency_id = fields.Many2one("miz.agency", string="Provider Agency", help="The agency that answers it.")
    requester_code = fields.Char(
        string="Our Caller Code",
        help="The requester_agency_code the provider knows us by (sent with every inquiry).",
    )
    wsdl_url = fields.Char(string="WSDL URL", help="Address of the provider's service description (http or https).")
    timeout = fields.Integer(
        string="Timeout (seconds)", default=15, help="Longest wait for the provider, per HTTP call."
    )
    outbound_token = fields.Char(
        string="Our Token at the Provider",
        groups="base.group_system",
        copy=False,
        help="Secret given to us by the provider agency, sent in the X-Miz-Inquiry-Token HTTP header.",
    )
    # inbound
    answer_kind = fields.Selection(ANSWER_KINDS, string="Answered With")
    manual_user_id = fields.Many2one(
        "res.users", string="Answered By", help="Manual answer: the person the incoming letter is referred to."
    )
    manual_unit_id = fields.Many2one(
        "miz.org.unit",
        string="Answering Unit",
        help="Manual answer: the unit the incoming letter is referred to (its representative receives it).",
    )
    request_count = fields.Integer(string="Outbound Inquiries", compute="_compute_counts")
    inbound_count = fields.Integer(string="Inbound Inquiries", compute="_compute_counts")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of an inquiry type must be unique."),
        ("timeout_range", "CHECK(timeout > 0 AND timeout <= 300)", "The timeout is between 1 and 300 seconds."),
    ]

    def _compute_counts(self):
        outbound = dict(
            self.env["miz.inquiry.request"]._read_group([("type_id", "in", self.ids)], ["type_id"], ["__count"])
        )
        inbound = dict(
            self.env["miz.inquiry.inbound"]._read_group([("type_id", "in", self.ids)], ["type_id"], ["__count"])
        )
        for inquiry_type in self:
            inquiry_type.request_count = outbound.get(inquiry_type, 0)
            inquiry_type.inbound_count = inbound.get(inquiry_type, 0)

    @api.depends("name", "code")
    def _compute_display_name(self):
        for inquiry_type in self:
            inquiry_type.display_name = (
                f"[{inquiry_type.code}] {inquiry_type.name}" if inquiry_type.code else (inquiry_type.name or "")
            )

    @api.onchange("agency_id")
    def _onchange_agency_id(self):
        if self.agency_id and not self.requester_code:
            self.requester_code = self.agency_id.code

    @api.constrains("code")
    def _check_code(self):
        for inquiry_type in self:
            code = inquiry_type.code or ""
            if not code.strip() or code != code.strip() or len(code) > 64 or any(c.isspace() for c in code):
                raise ValidationError(_("The code of an inquiry type is one word of at most 64 characters."))

    @api.constrains(
        "direction", "wsdl_url", "requester_code", "answer_kind", "agency_id", "manual_user_id", "manual_unit_id"
    )
    def _check_direction(self):
        for inquiry_type in self:
            if inquiry_type.direction in ("outbound", "both"):
                url = urlsplit(inquiry_type.wsdl_url or "")
                if url.scheme not in ("http", "https") or not url.netloc or not inquiry_type.requester_code:
                    raise ValidationError(
                        _(
                            "Inquiry type %s: an inquiry we ask needs the http(s) address of the provider's WSDL "
                            "and our caller code.",
                            inquiry_type.code,
                        )
                    )
            if inquiry_type.direction in ("inbound", "both"):
                if not inquiry_type.answer_kind:
                    raise ValidationError(
                        _("Inquiry type %s: an inquiry we answer needs the way it is answered.", inquiry_type.code)
                    )
                if inquiry_type.answer_kind == "manual" and not (
                    inquiry_type.agency_id and (inquiry_type.manual_user_id or inquiry_type.manual_unit_id)
                ):
                    raise ValidationError(
                        _(
                            "Inquiry type %s: a manual answer needs our agency and the person or unit who answers.",
                            inquiry_type.code,
                        )
                    )

    def _is_outbound(self):
        self.ensure_one()
        return self.direction in ("outbound", "both")

    def action_view_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("miz_inquiry.miz_inquiry_request_action")
        action["domain"] = [("type_id", "=", self.id)]
        action["context"] = {"default_type_id": self.id}
        return action

    def action_view_inbound(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("miz_inquiry.miz_inquiry_inbound_action")
        action["domain"] = [("type_id", "=", self.id)]
        action["context"] = {}
        return action
