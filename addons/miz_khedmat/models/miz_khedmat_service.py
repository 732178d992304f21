from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

RECIPIENT_TYPES = [("g2c", "Citizens (G2C)"), ("g2b", "Businesses (G2B)")]
DELIVERY_CHANNELS = [
    ("in_person", "In-person desk"),
    ("electronic", "Electronic desk"),
    ("combined", "Combined (electronic + in-person)"),
    ("outside", "Outside the desk (direct visit to units)"),
]
SERVICE_NATURES = [
    ("public", "Service to citizens or businesses"),
    ("supervision", "Supervision, evaluation or inspection"),
    ("policy", "Policy, regulation or guidance"),
    ("inter_agency", "Inter-agency (government to government)"),
]
# channels a desk request may use for each delivery channel of its service
CHANNELS_BY_DELIVERY = {
    "in_person": ("in_person",),
    "electronic": ("electronic",),
    "combined": ("in_person", "electronic"),
    "outside": (),
}
# fields whose change makes a new version of the terms a request is received under
TERM_FIELDS = (
    "code",
    "name",
    "duration_promised_days",
    "objection_window_days",
    "objection_place",
    "fee_amount",
    "fee_legal_basis",
    "fee_computation",
    "fee_payment_place",
    "document_ids",
    "step_ids",
    "inquiry_ids",
)


class MizKhedmatService(models.Model):
    """A sub-service (زیرخدمت) of an agency's catalog, with its information booklet (دفترچه اطلاع‌رسانی).

    The booklet items follow the training course of the desk (seed 001): where the service is given, its workflow,
    required documents and forms, laws, durations, fees with their legal basis, complaint procedure, the person
    responsible and a FAQ. ``step_ids`` is the ordered routing of a file through the units; requests copy it (and the
    other terms) when they are registered, so later edits of the catalog never change a received request.
    """

    _name = "miz.khedmat.service"
    _description = "Desk Service"
    _inherit = ["mail.thread"]
    _order = "agency_id, sequence, name"
    _rec_names_search = ["name", "code"]

    sequence = fields.Integer(default=10)
    name = fields.Char(string="Title", required=True, tracking=True)
    code = fields.Char(string="Service Code", tracking=True, help="The official service identifier (شناسه خدمت).")
    code_pending = fields.Boolean(
        string="Code Being Obtained",
        default=False,
        tracking=True,
        help="The service has no official identifier yet (در حال اخذ شناسه).",
    )
    agency_id = fields.Many2one("miz.agency", required=True, index=True, tracking=True, ondelete="restrict")
    active = fields.Boolean(default=True)
    recipient_type = fields.Selection(RECIPIENT_TYPES, required=True, default="g2c", tracking=True)
    delivery_channel = fields.Selection(DELIVERY_CHANNELS, required=True, default="in_person", tracking=True)
    nature = fields.Selection(
        SERVICE_NATURES,
        required=True,
        default="public",
        tracking=True,
        help="Supervision, policy and inter-agency services are not given at the service desk.",
    )
    is_desk_service = fields.Boolean(
        string="Desk Service", compute="_compute_is_desk_service", store=True, help="Requests can be taken at the desk."
    )
    # --- information booklet
    address = fields.Text(string="Physical Address", help="Where the service is given (building, floor, desk).")
    url = fields.Char(string="Electronic Address (URL)")
    workflow_description = fields.Html(string="Workflow Steps", help="The steps in plain words, for citizens.")
    document_ids = fields.One2many("miz.khedmat.service.document", "service_id", string="Required Documents", copy=True)
    laws = fields.Text(string="Laws and Regulations")
    duration_avg_days = fields.Float(string="Average Duration (working days)")
    duration_promised_days = fields.Integer(
        string="Promised Duration (working days)", required=True, default=5, tracking=True
    )
    fee_amount = fields.Float(string="Fee (Rials)", tracking=True)
    fee_legal_basis = fields.Text(string="Legal Basis of the Fee")
    fee_computation = fields.Text(string="How the Fee Is Computed")
    fee_payment_place = fields.Text(string="Where the Fee Is Paid")
    complaint_procedure = fields.Text()
    responsible_unit_id = fields.Many2one("miz.org.unit", string="Responsible Unit")
    responsible_user_id = fields.Many2one("res.users", string="Responsible Person")
    responsible_phone = fields.Char(string="Responsible Phone")
    faq = fields.Html(string="FAQ")
    # --- routing, inquiries, objection
    step_ids = fields.One2many("miz.khedmat.service.step", "service_id", string="Routing", copy=True)
    inquiry_ids = fields.One2many(
        "miz.khedmat.service.inquiry", "service_id", string="Inter-agency Inquiries", copy=True
    )
    routing_days = fields.Integer(compute="_compute_routing_days", string="Days of the Routing")
    objection_window_days = fields.Integer(
        string="Objection Window (days)",
        default=10,
        required=True,
        tracking=True,
        help="Days after the response notice during which the citizen may object.",
    )
    objection_place = fields.Text(
        string="Where and How to Object", help="Printed on the response notice with the deadline."
    )
    terms_version = fields.Integer(
        default=1, readonly=True, copy=False, help="Increases each time terms a request is received under change."
    )
    request_ids = fields.One2many("miz.khedmat.request", "service_id", string="Requests")
    request_count = fields.Integer(compute="_compute_request_count")

    _sql_constraints = [
        ("code_agency_unique", "unique(agency_id, code)", "The service code must be unique within the agency."),
        ("promised_positive", "check(duration_promised_days > 0)", "The promised duration must be positive."),
        ("objection_positive", "check(objection_window_days >= 0)", "The objection window cannot be negative."),
    ]

    @api.depends("nature")
    def _compute_is_desk_service(self):
        for service in self:
            service.is_desk_service = service.nature == "public"

    @api.depends("step_ids.days")
    def _compute_routing_days(self):
        for service in self:
            service.routing_days = sum(service.step_ids.mapped("days"))

    def _compute_request_count(self):
        counts = dict(
            self.env["miz.khedmat.request"]._read_group([("service_id", "in", self.ids)], ["service_id"], ["__count"])
        )
        for service in self:
            service.request_count = counts.get(service, 0)

    @api.depends("name", "code", "code_pending")
    def _compute_display_name(self):
        for service in self:
            code = service.code or (_("code being obtained") if service.code_pending else "")
            service.display_name = f"[{code}] {service.name}" if code else service.name or ""

    @api.constrains("code", "code_pending")
    def _check_code(self):
        for service in self:
            if not service.code and not service.code_pending:
                raise ValidationError(
                    _("Service %s needs its official code, or tick 'Code Being Obtained'.", service.name)
                )

    @api.constrains("step_ids", "agency_id")
    def _check_steps(self):
        for service in self:
            for step in service.step_ids:
                if step.unit_id.agency_id != service.agency_id:
                    raise ValidationError(
                        _(
                            "Routing unit %(unit)s does not belong to agency %(agency)s.",
                            unit=step.unit_id.display_name,
                            agency=service.agency_id.display_name,
                        )
                    )

    @api.onchange("code")
    def _onchange_code(self):
        if self.code:
            self.code_pending = False

    def write(self, vals):
        res = super().write(vals)
        if self and any(field in vals for field in TERM_FIELDS):
            self.flush_recordset(["terms_version"])
            self.env.cr.execute(
                "UPDATE miz_khedmat_service SET terms_version = terms_version + 1 WHERE id IN %s", [tuple(self.ids)]
            )
            self.invalidate_recordset(["terms_version"])
        return res

    # ------------------------------------------------------------------ actions
    def action_view_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("miz_khedmat.miz_khedmat_request_action")
        action["domain"] = [("service_id", "=", self.id)]
        action["context"] = {"default_service_id": self.id}
        return action

    def action_print_booklet(self):
        return self.env.ref("miz_khedmat.action_report_service_booklet").report_action(self)

    # ------------------------------------------------------------------ business
    def _miz_check_offered(self, channel):
        """Raise a clear error when this service cannot be requested at the desk through ``channel``."""
        self.ensure_one()
        if not self.active or not self.is_desk_service:
            raise UserError(
                _(
                    "Service %s is not offered at the service desk (supervision, policy and inter-agency services "
                    "are not desk services).",
                    self.display_name,
                )
            )
        if channel not in CHANNELS_BY_DELIVERY[self.delivery_channel]:
            label = dict(self._fields["delivery_channel"]._description_selection(self.env))[self.delivery_channel]
            raise UserError(
                _(
                    "Service %(service)s is not offered through this channel at the desk (its delivery channel is: "
                    "%(channel)s).",
                    service=self.display_name,
                    channel=label,
                )
            )
        if not self.step_ids:
            raise UserError(_("Service %s has no routing: set the units that handle it first.", self.display_name))

    def _miz_terms(self):
        """The terms a request is received under, as a JSON-serialisable dict (frozen on the request)."""
        self.ensure_one()
        return {
            "service_id": self.id,
            "version": self.terms_version,
            "code": self.code or "",
            "code_pending": self.code_pending,
            "title": self.name,
            "agency": self.agency_id.display_name,
            "promised_days": self.duration_promised_days,
            "objection_window_days": self.objection_window_days,
            "objection_place": self.objection_place or "",
            "fees": {
                "amount": self.fee_amount,
                "legal_basis": self.fee_legal_basis or "",
                "computation": self.fee_computation or "",
                "payment_place": self.fee_payment_place or "",
            },
            "documents": [{"name": d.name, "required": d.required} for d in self.document_ids],
            "routing": [
                {"unit_id": s.unit_id.id, "unit": s.unit_id.display_name, "days": s.days, "name": s.name or ""}
                for s in self.step_ids
            ],
            "inquiries": [{"name": i.name, "code": i.code or ""} for i in self.inquiry_ids],
        }

    def _miz_document_commands(self):
        """Commands creating the document checklist of a request from this service's required documents."""
        self.ensure_one()
        return [
            fields.Command.create(
                {"name": doc.name, "required": doc.required, "service_document_id": doc.id, "sequence": doc.sequence}
            )
            for doc in self.document_ids
        ]
