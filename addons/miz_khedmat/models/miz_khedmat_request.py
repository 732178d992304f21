import json
import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.miz_base.tools import digits, jalali, validation

from ..tools import tracking

_logger = logging.getLogger(__name__)

STATES = [
    ("draft", "Intake"),
    ("deficient", "Deficient Documents"),
    ("registered", "Registered"),
    ("in_progress", "In Progress"),
    ("result", "Result Ready"),
    ("notified", "Response Notified"),
    ("delivered", "Delivered"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("registered", "in_progress", "result")
# set only by the request's actions (through sudo() after their checks), never typed in
PROTECTED_FIELDS = frozenset(
    {
        "agency_id",
        "origin",
        "clerk_id",
        "deficiency_date",
        "service_code",
        "service_title",
        "terms_version",
        "terms_snapshot",
        "promised_days",
        "objection_window_days",
        "tracking_code",
        "registration_date",
        "promised_date",
        "letter_id",
        "step_ids",
        "handover_ids",
        "current_step_id",
        "current_unit_id",
        "result_date",
        "notice_date",
        "objection_deadline",
        "delivered_date",
        "on_time",
        "duration_days",
        "objection_date",
        "review_of_id",
        "cancel_reason",
        "cancel_date",
        "cancelled_by_id",
        "paused_since",
        "pause_reason",
        "pause_referral_id",
        "paused_days",
    }
)
# not finished: a second request of the same applicant for the same service among these is a duplicate
UNFINISHED_STATES = ("draft", "deficient", "registered", "in_progress", "result")
# what the representative of the unit holding the file records while it is there
RESULT_FIELDS = frozenset({"result", "result_note", "result_legal_basis", "deliverable_attachment_ids"})
_TRACKING_ATTEMPTS = 8


class MizKhedmatRequest(models.Model):
    """A citizen's (or business's) request taken at the service desk (درخواست خدمت).

    Lifecycle: ``draft`` (intake: applicant, service, documents ticked) → ``deficient`` when a required document is
    missing (the deficiency notice lists it; the promised date does not run) → ``registered`` (one transaction:
    tracking code, promised date, incoming letter in the secretariat, routing steps with the first referral, SMS,
    receipt) → ``in_progress`` (units hand the file on, step by step) → ``result`` (the last unit returned the
    result to the desk) → ``notified`` (response notice with the right to object, SMS) → ``delivered``.
    The terms (promised days, objection window, documents, routing, fees) are copied from the service at
    registration and never change afterwards.
    """

    _name = "miz.khedmat.request"
    _description = "Desk Request"
    _inherit = ["mail.thread", "mail.activity.mixin", "miz.guarded.mixin"]
    _order = "id desc"
    _rec_names_search = ["tracking_code", "partner_id", "service_title"]
    _miz_open_states = ("draft", "deficient")
    _miz_protected_fields = PROTECTED_FIELDS
    _miz_free_fields = frozenset({"note"})

    state = fields.Selection(STATES, required=True, default="draft", readonly=True, tracking=True, index=True)
    # --- applicant (created on the fly from the national code / national ID)
    partner_id = fields.Many2one("res.partner", string="Applicant", tracking=True, index=True, ondelete="restrict")
    applicant_kind = fields.Selection(
        [("person", "Citizen"), ("business", "Business")], string="Applicant Type", default="person", required=True
    )
    applicant_code = fields.Char(
        string="National Code / ID", help="National code of a citizen (10 digits) or national ID of a business (11)."
    )
    applicant_name = fields.Char(string="Applicant Name")
    applicant_mobile = fields.Char(string="Mobile")
    # --- service and desk
    service_id = fields.Many2one(
        "miz.khedmat.service",
        required=True,
        tracking=True,
        index=True,
        ondelete="restrict",
        domain="[('is_desk_service', '=', True), ('delivery_channel', '!=', 'outside')]",
    )
    agency_id = fields.Many2one(
        "miz.agency", compute="_compute_agency_id", store=True, readonly=True, index=True, precompute=True
    )
    channel = fields.Selection(
        [("in_person", "In-person desk"), ("electronic", "Electronic desk")],
        required=True,
        default="in_person",
        tracking=True,
    )
    origin = fields.Selection(
        [("counter", "At the Counter"), ("online", "Online")],
        required=True,
        default="counter",
        readonly=True,
        help="Where the request was received: typed in by a clerk at the counter, or sent by the applicant through the "
        "electronic desk (set by the electronic desk only; the audit's Section 5 relies on it).",
    )
    clerk_id = fields.Many2one("res.users", string="Desk Clerk", default=lambda self: self.env.user, readonly=True)
    desk_unit_id = fields.Many2one(
        "miz.org.unit", string="Desk", default=lambda self: self._default_desk_unit(), help="The desk that took it."
    )
    document_ids = fields.One2many("miz.khedmat.request.document", "request_id", string="Documents")
    missing_document_names = fields.Text(compute="_compute_missing_documents", string="Missing Documents")
    missing_count = fields.Integer(compute="_compute_missing_documents")
    deficiency_date = fields.Datetime(readonly=True, copy=False)
    note = fields.Text()
    # --- frozen terms (copied at registration)
    service_code = fields.Char(readonly=True, copy=False)
    service_title = fields.Char(readonly=True, copy=False)
    terms_version = fields.Integer(readonly=True, copy=False)
    terms_snapshot = fields.Text(readonly=True, copy=False, help="The service's terms at registration (JSON).")
    promised_days = fields.Integer(string="Promised Working Days", readonly=True, copy=False)
    objection_window_days = fields.Integer(readonly=True, copy=False)
    # --- registration
    tracking_code = fields.Char(readonly=True, copy=False, index=True)
    tracking_code_display = fields.Char(
        compute="_compute_tracking_code_display",
        search="_search_tracking_code_display",
        string="Tracking Code (printed)",
    )
    cancel_reason = fields.Text(string="Cancellation Reason", readonly=True, copy=False, tracking=True)
    cancel_date = fields.Datetime(string="Cancelled On", readonly=True, copy=False)
    cancelled_by_id = fields.Many2one("res.users", string="Cancelled By", readonly=True, copy=False)
    registration_date = fields.Datetime(readonly=True, copy=False, index=True)
    promised_date = fields.Date(readonly=True, copy=False, tracking=True, index=True)
    letter_id = fields.Many2one("miz.secretariat.letter", string="Secretariat Letter", readonly=True, copy=False)
    letter_number = fields.Char(related="letter_id.number_display", string="Letter Number")
    # --- routing
    step_ids = fields.One2many("miz.khedmat.request.step", "request_id", string="Routing", readonly=True)
    handover_ids = fields.One2many("miz.khedmat.handover", "request_id", string="Hand-overs", readonly=True)
    current_step_id = fields.Many2one(
        "miz.khedmat.request.step", compute="_compute_current_step", store=True, string="Current Step"
    )
    current_unit_id = fields.Many2one(
        "miz.org.unit", compute="_compute_current_step", store=True, string="Current Unit", index=True
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue", string="Past Promised Date")
    # --- result and response
    result = fields.Selection([("approved", "Approved"), ("rejected", "Rejected")], tracking=True, copy=False)
    result_note = fields.Text(
        string="Result Details", copy=False, help="The deliverable, or the reasons of the rejection."
    )
    result_legal_basis = fields.Text(string="Legal Basis", copy=False)
    deliverable_attachment_ids = fields.Many2many(
        "ir.attachment", "miz_khedmat_request_deliverable_rel", string="Deliverables", copy=False
    )
    result_date = fields.Datetime(readonly=True, copy=False)
    notice_date = fields.Datetime(string="Response Notice Date", readonly=True, copy=False)
    objection_deadline = fields.Date(readonly=True, copy=False)
    delivered_date = fields.Datetime(readonly=True, copy=False)
    on_time = fields.Boolean(
        compute="_compute_on_time", store=True, help="The response was notified on or before the promised date."
    )
    duration_days = fields.Integer(
        compute="_compute_on_time", store=True, string="Duration (days)", help="Registration to response notice."
    )
    # --- objection / review
    objection_reason = fields.Text(copy=False)
    objection_date = fields.Datetime(readonly=True, copy=False)
    review_of_id = fields.Many2one(
        "miz.khedmat.request", string="Review Of", readonly=True, copy=False, index=True, ondelete="restrict"
    )
    review_ids = fields.One2many("miz.khedmat.request", "review_of_id", string="Reviews")

    _sql_constraints = [("tracking_code_unique", "unique(tracking_code)", "The tracking code must be unique.")]

    # ------------------------------------------------------------------ defaults and computes
    @api.model
    def _default_desk_unit(self):
        user = self.env.user
        return self.env["miz.org.unit"].search(
            ["|", ("member_ids", "in", user.ids), ("representative_id", "=", user.id)], limit=1
        )

    @api.depends("service_id")
    def _compute_agency_id(self):
        for request in self:
            request.agency_id = request.service_id.agency_id

    @api.depends("document_ids.received", "document_ids.required")
    def _compute_missing_documents(self):
        for request in self:
            missing = request.document_ids.filtered(lambda d: d.required and not d.received)
            request.missing_document_names = "\n".join(missing.mapped("name"))
            request.missing_count = len(missing)

    @api.depends("tracking_code")
    def _compute_tracking_code_display(self):
        for request in self:
            request.tracking_code_display = tracking.format_code(request.tracking_code) if request.tracking_code else ""

    @api.depends("step_ids.state")
    def _compute_current_step(self):
        for request in self:
            step = request.step_ids.filtered(lambda s: s.state == "active")[:1]
            request.current_step_id = step
            request.current_unit_id = step.unit_id

    @api.model
    def _miz_today(self):
        """Today on the desk's calendar: the day in Tehran, whatever the user's time zone."""
        return jalali.to_local(fields.Datetime.now()).date()

    @api.depends("promised_date", "state", "paused_since")
    def _compute_is_overdue(self):
        today = self._miz_today()
        for request in self:
            request.is_overdue = bool(
                request.state in OPEN_STATES
                and request.promised_date
                and request.promised_date < today
                and not request.paused_since
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on overdue requests."))
        today = self._miz_today()
        overdue = [("state", "in", OPEN_STATES), ("promised_date", "<", today), ("paused_since", "=", False)]
        if (operator == "=") == value:
            return overdue
        # the complement of "open, promised before today and not waiting for documents"
        return [
            "|",
            "|",
            "|",
            ("state", "not in", OPEN_STATES),
            ("promised_date", "=", False),
            ("promised_date", ">=", today),
            ("paused_since", "!=", False),
        ]

    @api.depends("notice_date", "promised_date", "registration_date")
    def _compute_on_time(self):
        for request in self:
            if request.notice_date and request.promised_date:
                notified_on = jalali.to_local(request.notice_date).date()
                request.on_time = notified_on <= request.promised_date
                request.duration_days = (notified_on - jalali.to_local(request.registration_date).date()).days
            else:
                request.on_time = False
                request.duration_days = 0

    @api.depends("tracking_code", "partner_id", "service_id", "state")
    def _compute_display_name(self):
        for request in self:
            code = digits.to_persian_digits(request.tracking_code_display) if request.tracking_code else _("New")
            who = request.partner_id.name or request.applicant_name or ""
            request.display_name = f"{code} — {who}" if who else code

    # ------------------------------------------------------------------ onchanges
    @api.onchange("applicant_code", "applicant_kind")
    def _onchange_applicant_code(self):
        if not self.applicant_code:
            return
        valid = (
            validation.is_valid_national_id(self.applicant_code)
            if self.applicant_kind == "business"
            else validation.is_valid_national_code(self.applicant_code)
        )
        if not valid:
            return {
                "warning": {
                    "title": _("Check the code"),
                    "message": _(
                        "%(code)s is not a valid national code (10 digits) or national ID of a business (11 digits); "
                        "check it against the card.",
                        code=self.applicant_code,
                    ),
                }
            }
        partner = self._miz_find_applicant(self.applicant_kind, self.applicant_code)
        if partner:
            self.partner_id = partner
            self.applicant_name = partner.name
            self.applicant_mobile = partner.mobile or self.applicant_mobile

    @api.onchange("service_id")
    def _onchange_service_id(self):
        if self.service_id and self.state in ("draft", "deficient"):
            self.document_ids = [fields.Command.clear()] + self.service_id._miz_document_commands()
            if self.service_id.delivery_channel == "electronic":
                self.channel = "electronic"

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        Service = self.env["miz.khedmat.service"]
        for vals in vals_list:
            if vals.get("applicant_code"):
                vals["applicant_code"] = validation.clean_digits(vals["applicant_code"])
            if not vals.get("partner_id"):
                vals["partner_id"] = self._miz_applicant_partner(vals).id
            if vals.get("service_id"):
                service = Service.browse(vals["service_id"])
                service._miz_check_offered(vals.get("channel") or "in_person")
                if not vals.get("document_ids"):
                    vals["document_ids"] = service._miz_document_commands()
        return super().create(vals_list)

    def write(self, vals):
        self._miz_check_write_vals(vals)
        if vals.get("applicant_code"):
            vals = dict(vals, applicant_code=validation.clean_digits(vals["applicant_code"]))
        if vals.get("service_id") or vals.get("channel"):
            for request in self:
                service = self.env["miz.khedmat.service"].browse(vals.get("service_id") or request.service_id.id)
                service._miz_check_offered(vals.get("channel") or request.channel)
        if any(f in vals for f in ("applicant_code", "applicant_kind")) and "partner_id" not in vals:
            for request in self:
                merged = {
                    "applicant_kind": vals.get("applicant_kind", request.applicant_kind),
                    "applicant_code": vals.get("applicant_code", request.applicant_code),
                    "applicant_name": vals.get("applicant_name", request.applicant_name),
                    "applicant_mobile": vals.get("applicant_mobile", request.applicant_mobile),
                }
                request.write(dict(vals, partner_id=self._miz_applicant_partner(merged).id))
            return True
        return super().write(vals)

    def _miz_writable_fields(self):
        """Drafts: all but the protected fields. At a unit: its representative records the result. Once notified: the
        clerk types the citizen's objection until it is received. Always: the note."""
        self.ensure_one()
        if self.state in self._miz_open_states:
            return None
        allowed = set(self._miz_free_fields)
        if self.state in ("registered", "in_progress") and self._miz_is_holder():
            allowed |= RESULT_FIELDS
        if (
            self.state in ("notified", "delivered")
            and not self.objection_date
            and self.env.user.has_group("miz_khedmat.group_miz_khedmat_clerk")
        ):
            allowed.add("objection_reason")
        return allowed

    def _miz_is_holder(self):
        """Whether the user represents the unit holding the file (or manages the desk)."""
        user = self.env.user
        return user.has_group("miz_khedmat.group_miz_khedmat_manager") or (
            bool(self.current_unit_id) and self.current_unit_id.representative_id == user
        )

    def unlink(self):
        if any(request.state not in ("draft", "deficient") for request in self):
            raise UserError(_("A registered request cannot be deleted."))
        return super().unlink()

    def _mail_get_partner_fields(self, introspect_fields=False):
        return ["partner_id"]

    # ------------------------------------------------------------------ applicant
    @api.model
    def _miz_find_applicant(self, kind, code):
        Partner = self.env["res.partner"].with_context(active_test=False)
        clean = validation.clean_digits(code or "").strip()
        field = "miz_national_id" if kind == "business" else "miz_national_code"
        return Partner.search([(field, "=", clean)], limit=1) if clean else Partner

    @api.model
    def _miz_applicant_partner(self, vals):
        """The applicant partner for ``vals`` (kind, code, name, mobile): found by code first, created otherwise."""
        kind = vals.get("applicant_kind") or "person"
        code = vals.get("applicant_code")
        if not code:
            raise ValidationError(_("Enter the applicant's national code (or a business's national ID)."))
        Partner = self.env["res.partner"]
        if kind == "business":
            if not validation.is_valid_national_id(code):
                raise ValidationError(_("National ID %(code)s is not valid.", code=code))
        elif not validation.is_valid_national_code(code):
            raise ValidationError(_("National code %(code)s is not valid.", code=code))
        partner = self._miz_find_applicant(kind, code)
        if partner:
            return partner
        if not vals.get("applicant_name"):
            raise ValidationError(_("No contact has this code yet: enter the applicant's name to create it."))
        new_vals = {"name": vals["applicant_name"], "mobile": vals.get("applicant_mobile") or False}
        if kind == "business":
            return Partner.sudo().miz_find_or_create_company(code, new_vals).sudo(False)
        return Partner.sudo().miz_find_or_create_person(code, new_vals).sudo(False)

    # ------------------------------------------------------------------ checks
    def _miz_check_state(self, states, action):
        for request in self:
            if request.state not in states:
                state = dict(self._fields["state"]._description_selection(self.env))[request.state]
                raise UserError(
                    _(
                        "Request %(request)s cannot %(action)s in state '%(state)s'.",
                        request=request.display_name,
                        action=action,
                        state=state,
                    )
                )

    def _miz_check_desk(self):
        """Desk actions are for clerks and managers of the request's agency (record rules check the agency)."""
        if not self.env.user.has_group("miz_khedmat.group_miz_khedmat_clerk"):
            raise UserError(_("Only a desk clerk can do this."))
        # the record rules tie a clerk to the requests of his agency: an id typed in an RPC call is checked here
        self.check_access("write")

    def action_print_receipt(self):
        self._miz_check_state(("registered", "in_progress", "result", "notified", "delivered"), _("print a receipt"))
        return self.env.ref("miz_khedmat.action_report_receipt").report_action(self)

    def action_print_deficiency(self):
        self._miz_check_state(("draft", "deficient"), _("print a deficiency notice"))
        return self.env.ref("miz_khedmat.action_report_deficiency_notice").report_action(self)

    def action_print_response(self):
        self._miz_check_state(("notified", "delivered"), _("print the response notice"))
        return self.env.ref("miz_khedmat.action_report_response_notice").report_action(self)

    def action_open_letter(self):
        self.ensure_one()
        return self.letter_id.get_formview_action()

    # ------------------------------------------------------------------ business
    def _miz_tracking_url(self):
        """The public tracking link given to the citizen (SMS, receipt), or ``""``: the desk alone exposes no public
        page; the electronic desk (miz_khedmat_online) serves :meth:`_miz_tracking_page_url` and returns it."""
        self.ensure_one()
        return ""

    def _miz_tracking_page_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/miz/track/{self.tracking_code or ''}"

    @api.model
    def _miz_overdue_counts(self, agency=None):
        """Numbers of overdue requests and steps (optionally of one agency), for the desk and its dashboard."""
        domain = [("agency_id", "=", agency.id)] if agency else []
        Step = self.env["miz.khedmat.request.step"]
        return {
            "requests": self.search_count(domain + [("is_overdue", "=", True)]),
            "steps": Step.search_count(
                [("is_overdue", "=", True)] + ([("request_id.agency_id", "=", agency.id)] if agency else [])
            ),
        }

    def _miz_terms_dict(self):
        """The frozen terms of a registered request (``{}`` before registration)."""
        self.ensure_one()
        return json.loads(self.terms_snapshot) if self.terms_snapshot else {}

    def _miz_public_status(self):
        """What the public tracking page shows: status and dates only, never the applicant's identity."""
        self.ensure_one()
        states = dict(self._fields["state"]._description_selection(self.env))
        step = self.current_step_id
        return {
            "state": states[self.state],
            "service": self.service_title or self.service_id.name,
            "agency": self.agency_id.name,
            "registered": digits.to_persian_digits(jalali.format_date(self.registration_date)),
            "promised": digits.to_persian_digits(jalali.format_date(self.promised_date)),
            "at_unit": step.unit_id.name if step else "",
            "overdue": self.is_overdue,
            "objection_deadline": digits.to_persian_digits(jalali.format_date(self.objection_deadline))
            if self.objection_deadline
            else "",
        }
