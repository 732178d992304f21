from urllib.parse import urlsplit

from odoo import _, api, fields, models, tools
from odoo.exceptions import ValidationError

DIRECTIONS = [
    ("inbound", "We answer it"),
    ("outbound", "We ask it"),
    ("both", "Both"),
]
ANSWER_KINDS = [
    ("letter_verify", "Verify a registered letter (number + date)"),
    ("person_national_code", "Person by national code (discloses the name)"),
    ("manual", "Manual answer (registered letter and reply letter)"),
]


class MizInquiryType(models.Model):
    """A kind of inter-agency inquiry (استعلام), identified between agencies by its ``code``.

    Outbound (``we ask it``): the responding agency's SOAP service at ``endpoint_url`` is called by the queue of
    :class:`miz.inquiry.request`; without an endpoint the inquiry is made on paper (a registered letter).
    Inbound (``we answer it``): callers reach ``/miz/inquiry/soap`` and are answered according to ``answer_kind``,
    automatically from our own records, or by a registered incoming letter whose reply letter is the answer.
    ``param_ids`` declare the typed name/value pairs the inquiry carries.
    """

    _name = "miz.inquiry.type"
    _description = "Inquiry Type"
    _order = "name, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Identifier of the inquiry shared with the other agencies (inquiryType).")
    active = fields.Boolean(default=True)
    direction = fields.Selection(DIRECTIONS, required=True, default="inbound")
    description = fields.Text()
    agency_id = fields.Many2one(
        "miz.agency",
        string="Our Agency",
        help="The agency that asks or answers this inquiry: its letters, its calendar (deadline) and its people.",
    )
    param_ids = fields.One2many("miz.inquiry.type.param", "type_id", string="Parameters", copy=True)
    subject_required = fields.Boolean(
        string="Needs the Subject's National Code", help="subjectNationalId must be sent (and be a valid code)."
    )
    sla_days = fields.Integer(
        string="Answer Within (working days)", default=5, help="Deadline counted on our agency's calendar."
    )
    # outbound
    provider_agency_id = fields.Many2one("miz.agency", string="Responding Agency", help="The agency that answers it.")
    endpoint_url = fields.Char(
        string="Service Address",
        help="The responding agency's SOAP endpoint (http or https), as reachable from this server; empty: the "
        "inquiry is made on paper.",
    )
    requester_code = fields.Char(
        string="Our Caller Code",
        help="Our agency code at the responding agency: the WS-Security Username and requesterAgencyCode.",
    )
    timeout = fields.Integer(string="Timeout (seconds)", default=15, help="Longest wait per HTTP call.")
    max_attempts = fields.Integer(
        string="Attempts Before Failure", default=8, help="Transport errors are retried with a growing delay."
    )
    poll_minutes = fields.Integer(
        string="Ask Again Every (minutes)", default=30, help="While the answer is RECEIVED but not ready."
    )
    outbound_secret = fields.Char(
        string="Our Secret at the Provider",
        groups="base.group_system",
        copy=False,
        help="The WS-Security password the responding agency gave us (sent as PasswordText over TLS).",
    )
    paper_signatory_id = fields.Many2one(
        "res.users", string="Signatory of Paper Inquiries", help="Signs the letter of a paper inquiry."
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
        ("attempts_range", "CHECK(max_attempts > 0 AND max_attempts <= 30)", "Attempts are between 1 and 30."),
        ("sla_positive", "CHECK(sla_days >= 0)", "The answer deadline cannot be negative."),
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
        "direction", "endpoint_url", "requester_code", "answer_kind", "agency_id", "manual_user_id", "manual_unit_id"
    )
    def _check_direction(self):
        for inquiry_type in self:
            if inquiry_type.direction in ("outbound", "both"):
                url = urlsplit(inquiry_type.endpoint_url or "")
                if inquiry_type.endpoint_url and (url.scheme not in ("http", "https") or not url.netloc):
                    raise ValidationError(
                        _("Inquiry type %s: the service address is an http(s) URL.", inquiry_type.code)
                    )
                if inquiry_type.endpoint_url and not inquiry_type.requester_code:
                    raise ValidationError(
                        _("Inquiry type %s: an electronic inquiry needs our caller code.", inquiry_type.code)
                    )
            if inquiry_type.direction in ("inbound", "both"):
                if not inquiry_type.answer_kind:
                    raise ValidationError(
                        _("Inquiry type %s: an inquiry we answer needs the way it is answered.", inquiry_type.code)
                    )
                if inquiry_type.answer_kind != "person_national_code" and not inquiry_type.agency_id:
                    raise ValidationError(
                        _("Inquiry type %s: an inquiry we answer needs our agency.", inquiry_type.code)
                    )
                if inquiry_type.answer_kind == "manual" and not (
                    inquiry_type.manual_user_id or inquiry_type.manual_unit_id
                ):
                    raise ValidationError(
                        _("Inquiry type %s: a manual answer needs the person or unit who answers.", inquiry_type.code)
                    )

    def _is_outbound(self):
        self.ensure_one()
        return self.direction in ("outbound", "both")

    def _is_electronic(self):
        self.ensure_one()
        return self._is_outbound() and bool(self.endpoint_url)

    def action_view_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("miz_inquiry.miz_inquiry_request_action")
        action["domain"] = [("type_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_view_inbound(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("miz_inquiry.miz_inquiry_inbound_action")
        action["domain"] = [("type_id", "=", self.id)]
        action["context"] = {}
        return action


class MizInquiryTypeParam(models.Model):
    """A typed name/value pair an inquiry type carries (``params`` of SubmitInquiry)."""

    _name = "miz.inquiry.type.param"
    _description = "Inquiry Type Parameter"
    _order = "type_id, sequence, id"

    sequence = fields.Integer(default=10)
    type_id = fields.Many2one("miz.inquiry.type", required=True, ondelete="cascade", index=True)
    name = fields.Char(required=True, help="Name on the wire, e.g. trackingCode.")
    label = fields.Char(translate=True)
    required = fields.Boolean(default=True)

    _sql_constraints = [("name_uniq", "unique(type_id, name)", "A parameter name appears once per inquiry type.")]

    @api.model
    @tools.ormcache("type_id")
    def _miz_declared(self, type_id):
        """``((name, required), …)`` of an inquiry type, read by every SubmitInquiry: cached (cleared on any change
        of a parameter, in every worker, by the registry's cache signal)."""
        params = self.sudo().search_fetch([("type_id", "=", type_id)], ["name", "required"])
        return tuple((param.name, param.required) for param in params)

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()
