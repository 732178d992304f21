import base64
import json

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.miz_base.tools import jalali

from ..tools import appendix, forms, workbook

GROUP_PREPARER = "miz_audit.group_miz_audit_preparer"
GROUP_EVALUATOR = "miz_audit.group_miz_audit_evaluator"
GROUP_MANAGER = "miz_audit.group_miz_audit_manager"

LEVEL_SELECTION = [
    ("excellent", "Excellent"),
    ("good", "Good"),
    ("average", "Average"),
    ("weak", "Weak"),
    ("none", "Not established"),
]
ROWS = range(1, 5)
# the agency's parts: the header and 2-A (levels and notes of the four rows); written by the preparer in draft
AGENCY_FIELDS = frozenset(
    ["agency_id", "unit_id", "period_kind", "period_year", "period_index"]
    + [f"level_a{n}" for n in ROWS]
    + [f"note_a{n}" for n in ROWS]
)
# the evaluator's parts: Section 1 contradictions, 2-B, Section 3 and 5 corrections; written once declared
EVALUATOR_FIELDS = frozenset(
    ["contradiction_ids", "correction3_ids", "correction5_ids", "improvement_points"]
    + [f"level_b{n}" for n in ROWS]
    + [f"note_b{n}" for n in ROWS]
)
DONE_STATES = ("declared", "evaluated", "reported")


class MizAudit(models.Model):
    """The Appendix-2 audit of one agency (or provincial unit) for one Jalali period (guide 1717668).

    draft → declared (the agency's preparer; the figures are frozen in ``snapshot``) → evaluated (the evaluator)
    → reported (the audit manager, once the Appendix-3 tables went out).

    Who writes what (enforced in ``write`` whatever the caller sends, see ``miz.guarded.mixin``): the preparer
    writes only the agency's parts (``AGENCY_FIELDS``) and only in draft; the evaluator writes only the evaluator's
    parts (``EVALUATOR_FIELDS``) and only once declared; states, snapshot, people and dates are set by the
    ``action_*`` methods through ``sudo()`` after their checks.

    The figures come from :meth:`_miz_collect_snapshot`, the hook the desk (miz_khedmat_audit) overrides.
    """

    _name = "miz.audit"
    _description = "Service Desk Audit (Appendix 2)"
    _inherit = ["mail.thread", "mail.activity.mixin", "miz.guarded.mixin"]
    _order = "period_year desc, period_index desc, agency_id"

    _miz_protected_fields = frozenset(
        [
            "snapshot",
            "preparer_id",
            "declared_date",
            "evaluator_id",
            "evaluated_date",
            "reported_date",
            "imported",
            "reminder_sent",
        ]
    )

    @api.model
    def _default_period(self):
        return jalali.bimonthly_period(fields.Date.context_today(self))

    name = fields.Char(compute="_compute_name", store=True)
    agency_id = fields.Many2one(
        "miz.agency", string="Agency", required=True, index=True, ondelete="restrict", tracking=True
    )
    agency_parent_id = fields.Many2one(related="agency_id.parent_id", string="Main Agency")
    province_id = fields.Many2one(related="agency_id.province_id", string="Province")
    agency_level = fields.Selection(related="agency_id.level", string="Headquarters / Provincial")
    agency_code = fields.Char(related="agency_id.code", string="Official Code")
    unit_id = fields.Many2one(
        "miz.org.unit",
        string="Unit",
        domain="[('agency_id', '=', agency_id)]",
        help="The unit of the agency that holds the desk (واحد).",
    )
    period_kind = fields.Selection(
        [("bimonthly", "Bi-monthly"), ("quarterly", "Quarterly")],
        string="Period Kind",
        required=True,
        default="bimonthly",
        tracking=True,
    )
    period_year = fields.Integer(
        string="Jalali Year", required=True, default=lambda self: self._default_period()[0], tracking=True
    )
    period_index = fields.Integer(
        string="Period",
        required=True,
        default=lambda self: self._default_period()[1],
        tracking=True,
        help="1 = Farvardin–Ordibehesht … 6 = Bahman–Esfand (bi-monthly); 1 … 4 (quarterly).",
    )
    date_start = fields.Date(compute="_compute_dates", store=True, string="From")
    date_end = fields.Date(compute="_compute_dates", store=True, string="To")
    state = fields.Selection(
        [("draft", "Draft"), ("declared", "Declared"), ("evaluated", "Evaluated"), ("reported", "Reported")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    snapshot = fields.Text(copy=False, help="The figures and lists frozen at declaration (JSON).")
    preparer_id = fields.Many2one("res.users", string="Prepared by", copy=False, tracking=True)
    declared_date = fields.Date(string="Declaration Date", copy=False, tracking=True)
    evaluator_id = fields.Many2one("res.users", string="Evaluated by", copy=False, tracking=True)
    evaluated_date = fields.Date(string="Evaluation Date", copy=False, tracking=True)
    reported_date = fields.Date(string="Report Date", copy=False, tracking=True)
    imported = fields.Boolean(copy=False, help="Declared in another database and imported from its XLSX file.")
    reminder_sent = fields.Boolean(copy=False)

    # Section 2-A (agency) and 2-B (evaluator)
    level_a1 = fields.Selection(LEVEL_SELECTION, string="2-A Row 1: Suitable Space")
    level_a2 = fields.Selection(LEVEL_SELECTION, string="2-A Row 2: Continuous Activity")
    level_a3 = fields.Selection(LEVEL_SELECTION, string="2-A Row 3: Competent Staff")
    level_a4 = fields.Selection(LEVEL_SELECTION, string="2-A Row 4: Guide for Citizens")
    note_a1 = fields.Text(string="2-A Notes, Row 1")
    note_a2 = fields.Text(string="2-A Notes, Row 2")
    note_a3 = fields.Text(string="2-A Notes, Row 3")
    note_a4 = fields.Text(string="2-A Notes, Row 4")
    level_b1 = fields.Selection(LEVEL_SELECTION, string="2-B Row 1: Suitable Space")
    level_b2 = fields.Selection(LEVEL_SELECTION, string="2-B Row 2: Continuous Activity")
    level_b3 = fields.Selection(LEVEL_SELECTION, string="2-B Row 3: Competent Staff")
    level_b4 = fields.Selection(LEVEL_SELECTION, string="2-B Row 4: Guide for Citizens")
    note_b1 = fields.Text(string="2-B Notes, Row 1")
    note_b2 = fields.Text(string="2-B Notes, Row 2")
    note_b3 = fields.Text(string="2-B Notes, Row 3")
    note_b4 = fields.Text(string="2-B Notes, Row 4")
    improvement_points = fields.Text(string="Points to Correct or Improve")
    contradiction_ids = fields.One2many(
        "miz.audit.contradiction", "audit_id", string="Services Contradicting the Declaration"
    )
    correction3_ids = fields.One2many(
        "miz.audit.correction",
        "audit_id",
        string="Section 3 Corrections",
        domain=[("section", "=", "3")],
        context={"default_section": "3"},
    )
    correction5_ids = fields.One2many(
        "miz.audit.correction",
        "audit_id",
        string="Section 5 Corrections",
        domain=[("section", "=", "5")],
        context={"default_section": "5"},
    )

    # Section 1 figures, from the snapshot (the live hook for a draft)
    figures_json = fields.Text(
        compute="_compute_figures_json",
        store=True,
        string="Section 1 Figures (frozen)",
        help="The Section 1 figures of the frozen snapshot (JSON), kept for the Appendix-3 tables.",
    )
    count_a = fields.Integer(compute="_compute_figures", string="All Services (a)")
    count_g2c = fields.Integer(compute="_compute_figures", string="G2C Services")
    count_g2b = fields.Integer(compute="_compute_figures", string="G2B Services")
    count_b = fields.Integer(compute="_compute_figures", string="In-person Desk (b)")
    count_c = fields.Integer(compute="_compute_figures", string="Electronic Desk (c)")
    count_d = fields.Integer(compute="_compute_figures", string="Combined (d)")
    count_outside = fields.Integer(compute="_compute_figures", string="Outside the Desk")
    ratio_b = fields.Float(compute="_compute_figures", string="b / a", digits=(3, 2))
    ratio_cd = fields.Float(compute="_compute_figures", string="(c + d) / a", digits=(3, 2))
    previous_audit_id = fields.Many2one("miz.audit", compute="_compute_previous_audit", string="Previous Period")

    _sql_constraints = [
        (
            "period_unique",
            "unique(agency_id, period_kind, period_year, period_index)",
            "An agency has one audit per period.",
        )
    ]

    # ------------------------------------------------------------------ computes
    @api.depends("agency_id.name", "period_kind", "period_year", "period_index")
    def _compute_name(self):
        for audit in self:
            audit.name = f"{audit.agency_id.name or ''} — {audit._miz_period_label()}"

    @api.depends("period_kind", "period_year", "period_index")
    def _compute_dates(self):
        for audit in self:
            try:
                bounds = audit._miz_bounds()
            except ValueError:
                bounds = (False, False)
            audit.date_start, audit.date_end = bounds

    @api.depends("snapshot")
    def _compute_figures_json(self):
        for audit in self:
            audit.figures_json = (
                json.dumps(appendix.section1(json.loads(audit.snapshot)), sort_keys=True) if audit.snapshot else False
            )

    def _miz_table_snapshot(self):
        """What an Appendix-3 line reads: the stored Section 1 figures of a declaration, else the snapshot."""
        self.ensure_one()
        if self.figures_json:
            return {"section1": json.loads(self.figures_json)}
        return self._miz_snapshot_data()

    @api.depends("snapshot", "state")
    def _compute_figures(self):
        for audit in self:
            figures = appendix.section1(audit._miz_snapshot_data()) if audit.agency_id else appendix.section1({})
            audit.update(
                {
                    "count_a": figures["a"],
                    "count_g2c": figures["g2c"],
                    "count_g2b": figures["g2b"],
                    "count_b": figures["b"],
                    "count_c": figures["c"],
                    "count_d": figures["d"],
                    "count_outside": figures["outside"],
                    "ratio_b": figures["ratio_b"],
                    "ratio_cd": figures["ratio_cd"],
                }
            )

    @api.depends("agency_id", "period_kind", "period_year", "period_index")
    def _compute_previous_audit(self):
        for audit in self:
            audit.previous_audit_id = audit._miz_previous_audit()

    # ------------------------------------------------------------------ constraints
    @api.constrains("period_kind", "period_year", "period_index")
    def _check_period(self):
        for audit in self:
            count = appendix.period_count(audit.period_kind)
            if not 1 <= audit.period_index <= count:
                raise ValidationError(_("The period must be between 1 and %(count)s.", count=count))
            if not 1300 <= audit.period_year <= 1600:
                raise ValidationError(_("The year must be a Jalali year such as 1405."))

    @api.constrains("agency_id", "date_start", "date_end")
    def _check_overlap(self):
        for audit in self:
            overlapping = self.sudo().search_count(
                [
                    ("id", "!=", audit.id),
                    ("agency_id", "=", audit.agency_id.id),
                    ("date_start", "<=", audit.date_end),
                    ("date_end", ">=", audit.date_start),
                ]
            )
            if overlapping:
                raise ValidationError(_("This agency already has an audit for a period overlapping this one."))

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                foreign = {name for name in vals if not name.startswith(("message_", "activity_"))} - AGENCY_FIELDS
                if foreign:
                    raise UserError(
                        _(
                            "A new audit holds only the agency's parts; these are filled later: %(fields)s.",
                            fields=self._miz_field_labels(foreign),
                        )
                    )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            names = {name for name in vals if not name.startswith(("message_", "activity_", "website_message"))}
            for audit in self:
                locked = names - audit._miz_writable_fields()
                if locked:
                    raise UserError(
                        _(
                            "%(audit)s: you cannot change these parts now: %(fields)s. The agency writes its parts "
                            "while the audit is a draft; the evaluator writes his once it is declared.",
                            audit=audit.display_name,
                            fields=audit._miz_field_labels(locked),
                        )
                    )
        return super().write(vals)

    def unlink(self):
        if not self.env.su and any(audit.state != "draft" for audit in self):
            raise UserError(_("Only a draft audit can be deleted."))
        return super().unlink()

    def _miz_writable_fields(self):
        """The parts the current user may write on this audit now (see the class docstring)."""
        self.ensure_one()
        user = self.env.user
        allowed = set()
        if self.state == "draft" and user.has_group(GROUP_PREPARER):
            allowed |= AGENCY_FIELDS
        if self.state == "declared" and user.has_group(GROUP_EVALUATOR):
            allowed |= EVALUATOR_FIELDS
        return allowed

    # ------------------------------------------------------------------ actions
    def action_declare(self):
        """The agency submits its declaration: the figures are frozen, the forms attached, evaluators told."""
        for audit in self:
            if audit.state != "draft":
                raise UserError(_("%(audit)s is already declared.", audit=audit.display_name))
            if not audit._miz_user_prepares():
                raise AccessError(_("Only the agency's preparer can declare its audit."))
            missing = [str(n) for n in ROWS if not audit[f"level_a{n}"]]
            if missing:
                raise UserError(
                    _("Choose the level of every row of Section 2-A (missing rows: %(rows)s).", rows="، ".join(missing))
                )
            snapshot = appendix.normalize_snapshot(audit._miz_collect_snapshot())
            audit.sudo().write(
                {
                    "state": "declared",
                    "snapshot": json.dumps(snapshot, ensure_ascii=False, sort_keys=True),
                    "preparer_id": self.env.uid,
                    "declared_date": fields.Date.context_today(audit),
                }
            )
            audit._miz_attach_forms(_("declaration"))
            audit._miz_notify_evaluators()
        return True

    def action_evaluate(self):
        """The evaluator has verified the declaration on site and filled the evaluation results."""
        for audit in self:
            if audit.state != "declared":
                raise UserError(_("Only a declared audit can be evaluated."))
            if not self.env.user.has_group(GROUP_EVALUATOR):
                raise AccessError(_("Only an evaluator can evaluate an audit."))
            audit.check_access("write")
            missing = [str(n) for n in ROWS if not audit[f"level_b{n}"]]
            if missing:
                raise UserError(
                    _("Choose the level of every row of Section 2-B (missing rows: %(rows)s).", rows="، ".join(missing))
                )
            audit.sudo().write(
                {"state": "evaluated", "evaluator_id": self.env.uid, "evaluated_date": fields.Date.context_today(audit)}
            )
            audit._miz_attach_forms(_("evaluation"))
        return True

    def action_mark_reported(self):
        """The audit went out in the Appendix-3 tables."""
        for audit in self:
            if audit.state != "evaluated":
                raise UserError(_("Only an evaluated audit can be marked as reported."))
            if not self.env.user.has_group(GROUP_MANAGER):
                raise AccessError(_("Only an audit manager can mark an audit as reported."))
            audit.sudo().write({"state": "reported", "reported_date": fields.Date.context_today(audit)})
        return True

    def action_print_appendix2(self):
        return self.env.ref("miz_audit.action_report_appendix2").report_action(self)

    def action_export_xlsx(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": f"/miz_audit/appendix2/{self.id}/xlsx", "target": "self"}

    def action_open_previous(self):
        self.ensure_one()
        if not self.previous_audit_id:
            raise UserError(_("No audit of the previous period for this agency."))
        return self.previous_audit_id.get_formview_action()

    # ------------------------------------------------------------------ the hook
    def _miz_collect_snapshot(self):
        """The figures and lists of this audit's agency for its period, as the contract's snapshot dict.

        Called once by :meth:`action_declare` (the result is frozen in ``snapshot``) and for the preview of a
        draft. ``self`` is one audit: use ``self.agency_id``, ``self.date_start``, ``self.date_end`` (both
        inclusive). Return ``{"version": 1, "services": [...], "evidence": {...}, "survey": {...}}`` (see
        ``tools.appendix.empty_snapshot`` and the contract). miz_audit alone has no desk: it returns the empty
        structure; miz_khedmat_audit overrides this with the desk's live records (call ``super()`` for the
        structure).
        """
        self.ensure_one()
        return appendix.empty_snapshot()

    # ------------------------------------------------------------------ business
    def _miz_bounds(self):
        if self.period_kind == "quarterly":
            return jalali.quarter_bounds(self.period_year, self.period_index)
        return jalali.bimonthly_bounds(self.period_year, self.period_index)

    def _miz_period_label(self):
        self.ensure_one()
        kind = dict(self._fields["period_kind"]._description_selection(self.env)).get(self.period_kind, "")
        return _("%(year)s, period %(index)s (%(kind)s)", year=self.period_year, index=self.period_index, kind=kind)

    def _miz_period_text(self):
        """The period in Persian for the forms: «۱۴۰۵ — دوره ۲ (دو ماهه)» (digits converted by miz_fa)."""
        self.ensure_one()
        return f"{self.period_year} — {forms.T_PERIOD} {self.period_index} ({forms.PERIOD_KINDS[self.period_kind]})"

    def _miz_snapshot_data(self):
        """The snapshot printed and counted: the frozen one once declared, the live hook for a draft."""
        self.ensure_one()
        if self.snapshot:
            return appendix.normalize_snapshot(json.loads(self.snapshot))
        if self.state == "draft" and self.agency_id and self.date_start:
            return appendix.normalize_snapshot(self._miz_collect_snapshot())
        return appendix.empty_snapshot()

    def _miz_user_prepares(self, user=None):
        """Whether ``user`` (default: the current one) is a preparer of this audit's agency."""
        self.ensure_one()
        user = user or self.env.user
        if not user.has_group(GROUP_PREPARER):
            return False
        agency = self.agency_id.sudo()
        return (
            agency.representative_id == user
            or user in agency.unit_ids.member_ids
            or user in agency.unit_ids.representative_id
        )

    def _miz_previous_audit(self):
        self.ensure_one()
        if not (self.agency_id and self.period_kind and self.period_index):
            return self.browse()
        try:
            year, index = appendix.previous_period(self.period_kind, self.period_year, self.period_index)
        except ValueError:
            return self.browse()
        return self.search(
            [
                ("agency_id", "=", self.agency_id.id),
                ("period_kind", "=", self.period_kind),
                ("period_year", "=", year),
                ("period_index", "=", index),
                ("state", "in", DONE_STATES),
            ],
            limit=1,
        )

    def _miz_levels(self, part):
        return [self[f"level_{part}{n}"] or "" for n in ROWS]

    def _miz_notes(self, part):
        return [self[f"note_{part}{n}"] or "" for n in ROWS]

    def _miz_header(self):
        self.ensure_one()
        agency = self.agency_id.sudo()
        parent = agency.parent_id
        return {
            "agency_code": agency.code or "",
            "agency_name": agency.name or "",
            "parent_code": parent.code or "",
            "parent_name": parent.name or "",
            "province": agency.province_id.name or "",
            "unit": self.unit_id.sudo().name or "",
            "level": agency.level,
            "period_kind": self.period_kind,
            "year": self.period_year,
            "index": self.period_index,
            "declared": jalali.format_date(self.declared_date, latin_digits=True),
            "evaluated": jalali.format_date(self.evaluated_date, latin_digits=True),
        }

    def _miz_comparison(self):
        """Rows (Persian label, previous, current) of the Section 1 figures and 2-A levels."""
        self.ensure_one()
        previous = self.previous_audit_id
        rows = appendix.compare(
            {"snapshot": previous._miz_snapshot_data(), "levels": previous._miz_levels("a")} if previous else None,
            {"snapshot": self._miz_snapshot_data(), "levels": self._miz_levels("a")},
        )
        labels = dict(
            a=forms.FIG_A,
            b=forms.FIG_B,
            c=forms.FIG_C,
            d=forms.FIG_D,
            outside=forms.FIG_OUTSIDE,
            ratio_b=forms.S1_RATIO_B,
            ratio_cd=forms.S1_RATIO_CD,
        )
        for number, subject in enumerate(forms.S2_ROWS, 1):
            labels[f"level_{number}"] = f"{forms.S2A_TITLE[:20]}… {forms.COL_ROW} {number}: {subject}"
        out = []
        for key, before, now in rows:
            if key.startswith("level_"):
                before, now = forms.level_label(before) or None, forms.level_label(now) or ""
            elif key.startswith("ratio"):
                before = None if before is None else round(before, 2)
                now = round(now, 2)
            out.append((labels[key], before, now))
        return out

    def _miz_declaration(self):
        """The neutral declaration dict of ``tools.workbook`` (what the XLSX export writes)."""
        self.ensure_one()
        return {
            "header": self._miz_header(),
            "snapshot": self._miz_snapshot_data(),
            "agency": {"levels": self._miz_levels("a"), "notes": self._miz_notes("a")},
            "evaluator": {
                "levels": self._miz_levels("b"),
                "notes": self._miz_notes("b"),
                "improvement": self.improvement_points or "",
                "contradictions": [{"title": c.title, "code": c.code or ""} for c in self.contradiction_ids],
                "corrections3": [
                    {"title": c.title, "code": c.code or "", "text": c.correction or ""} for c in self.correction3_ids
                ],
                "corrections5": [
                    {"title": c.title, "code": c.code or "", "text": c.correction or ""} for c in self.correction5_ids
                ],
            },
            "comparison": self._miz_comparison(),
        }

    def _miz_xlsx(self):
        """The Appendix-2 workbook of this audit (bytes)."""
        self.ensure_one()
        return self.env["report.miz_audit.xlsx"]._miz_write(workbook.build_sheets(self._miz_declaration()))

    def _miz_file_name(self, extension, stage=None):
        parts = [forms.APPENDIX_2, self.agency_id.name, self._miz_period_text()] + ([stage] if stage else [])
        return f"{' - '.join(parts)}.{extension}"

    def _miz_attach_forms(self, stage):
        """Attach the Appendix-2 PDF and XLSX as they stand now (at declaration and at evaluation)."""
        self.ensure_one()
        pdf, _kind = self.env["ir.actions.report"]._render_qweb_pdf("miz_audit.action_report_appendix2", self.ids)
        Attachment = self.env["ir.attachment"].sudo()
        for extension, content, mimetype in (
            ("pdf", pdf, "application/pdf"),
            ("xlsx", self._miz_xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ):
            Attachment.create(
                {
                    "name": self._miz_file_name(extension, stage),
                    "datas": base64.b64encode(content),
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": mimetype,
                }
            )

    def _miz_evaluators(self):
        group = self.env.ref(GROUP_EVALUATOR)
        users = self.env["res.users"].sudo().search([("groups_id", "in", group.id), ("share", "=", False)])
        return users - self.env.user

    def _miz_notify_evaluators(self):
        self.ensure_one()
        evaluators = self._miz_evaluators()
        self.message_post(
            body=_(
                "%(agency)s declared its service desk audit for %(period)s. It awaits the on-site evaluation.",
                agency=self.agency_id.name,
                period=self._miz_period_label(),
            ),
            partner_ids=evaluators.partner_id.ids,
            subtype_xmlid="mail.mt_comment",
        )

    @api.model
    def _cron_remind_undeclared(self):
        """Daily: an activity for the authorized representative of each agency whose last period ended without a
        declaration (once per agency and period; the draft audit is created for him to fill)."""
        today = fields.Date.context_today(self)
        agencies = self.env["miz.agency"].sudo().search([("representative_id", "!=", False)])
        todo = self.env.ref("mail.mail_activity_data_todo")
        for agency in agencies:
            kind = agency.miz_audit_period_kind or "bimonthly"
            period = jalali.quarter_period(today) if kind == "quarterly" else jalali.bimonthly_period(today)
            year, index = appendix.previous_period(kind, period[0], period[1])
            audit = (
                self.sudo()
                .with_context(active_test=False)
                .search(
                    [
                        ("agency_id", "=", agency.id),
                        ("period_kind", "=", kind),
                        ("period_year", "=", year),
                        ("period_index", "=", index),
                    ],
                    limit=1,
                )
            )
            if audit and (audit.state != "draft" or audit.reminder_sent):
                continue
            if not audit:
                audit = self.sudo().create(
                    {"agency_id": agency.id, "period_kind": kind, "period_year": year, "period_index": index}
                )
            audit.activity_schedule(
                activity_type_id=todo.id,
                user_id=agency.representative_id.id,
                date_deadline=today,
                summary=_("Declare the service desk audit"),
                note=_(
                    "The period %(period)s has ended and %(agency)s has not declared its audit (Appendix 2) yet.",
                    period=audit._miz_period_label(),
                    agency=agency.name,
                ),
            )
            audit.reminder_sent = True
