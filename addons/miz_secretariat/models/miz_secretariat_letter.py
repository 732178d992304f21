import hashlib
import logging
import secrets

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from odoo.addons.miz_base.tools import digits, jalali

_logger = logging.getLogger(__name__)

KINDS = [
    ("incoming", "Incoming"),
    ("outgoing", "Outgoing"),
    ("internal", "Internal"),
]
CONFIDENTIALITY = [
    ("normal", "Normal"),
    ("confidential", "Confidential"),
    ("secret", "Secret"),
]

# Set only by the letter's actions (registration, approval, sending, handling) through sudo(), never typed in.
PROTECTED_FIELDS = frozenset(
    {
        "state",
        "handling_state",
        "name",
        "number_seq",
        "number_jyear",
        "registration_date",
        "access_token",
        "approved_by_id",
        "approval_date",
        "referral_ids",
        "referral_user_ids",
    }
)
# Still written by a person once the letter has left the draft state.
FREE_FIELDS = frozenset({"note"})


class MizSecretariatLetter(models.Model):
    """A letter of the secretariat (نامه): incoming, outgoing or internal.

    The registration number and datetime are assigned only by registration (:meth:`_miz_register`), from the
    gapless Jalali-year sequence of the letter's agency and kind (:class:`MizSecretariatNumbering`).
    Other addons register incoming letters through :meth:`register_incoming` (callers that are secretariat
    clerks of the agency) or :meth:`_miz_register_incoming` (after their own checks).

    A person writes a draft; afterwards only the note. State, number, dates and links change only through the
    ``action_*`` methods, which check the state, the caller's role and agency, then write through ``sudo()``.
    """

    _name = "miz.secretariat.letter"
    _description = "Letter"
    _inherit = ["mail.thread", "mail.activity.mixin", "miz.guarded.mixin"]
    _order = "registration_date desc, id desc"
    _rec_names_search = ["name", "subject", "sender_number"]
    _mail_post_access = "read"
    # a draft is edited freely; afterwards only the note (see miz.guarded.mixin)
    _miz_open_states = ("draft",)
    _miz_protected_fields = PROTECTED_FIELDS
    _miz_free_fields = FREE_FIELDS

    def _default_agency_id(self):
        return self.env.user.miz_secretariat_agency_ids[:1]

    name = fields.Char(
        string="Registration Number",
        readonly=True,
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="Assigned at registration from the agency's numbering (stored with Latin digits).",
    )
    number_display = fields.Char(string="Number", compute="_compute_number_display", search="_search_number_display")
    kind = fields.Selection(KINDS, required=True, default="incoming", tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("approved", "Approved"),
            ("registered", "Registered"),
            ("sent", "Sent"),
        ],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
    )
    handling_state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        string="Handling",
        default="open",
        required=True,
        copy=False,
        tracking=True,
    )
    registration_date = fields.Datetime(readonly=True, copy=False, index=True)
    number_seq = fields.Integer(string="Counter", readonly=True, copy=False, help="Counter part of the number.")
    number_jyear = fields.Integer(string="Numbering Year", readonly=True, copy=False, help="Jalali year of the number.")
    registration_jdate = fields.Char(string="Registration Date (Jalali)", compute="_compute_registration_jalali")
    agency_id = fields.Many2one(
        "miz.agency", required=True, default=_default_agency_id, index=True, tracking=True, ondelete="restrict"
    )
    sender_number = fields.Char(help="The sender's own number of an incoming letter.")
    sender_date = fields.Date(help="The sender's own date of an incoming letter.")
    sender_partner_id = fields.Many2one("res.partner", string="Sender (Person/Company)")
    sender_agency_id = fields.Many2one("miz.agency", string="Sender Agency")
    sender_unit_id = fields.Many2one("miz.org.unit", string="Sender Unit")
    sender_user_id = fields.Many2one("res.users", string="Sender User")
    sender_display = fields.Char(string="Sender", compute="_compute_sender_display")
    recipient_partner_ids = fields.Many2many(
        "res.partner", "miz_secretariat_letter_recipient_partner_rel", string="Recipients (Persons/Companies)"
    )
    recipient_agency_ids = fields.Many2many(
        "miz.agency", "miz_secretariat_letter_recipient_agency_rel", string="Recipient Agencies"
    )
    recipient_unit_ids = fields.Many2many(
        "miz.org.unit", "miz_secretariat_letter_recipient_unit_rel", string="Recipient Units"
    )
    recipient_user_ids = fields.Many2many(
        "res.users", "miz_secretariat_letter_recipient_user_rel", string="Recipient Users"
    )
    subject = fields.Char(required=True, tracking=True)
    body = fields.Html(sanitize_style=True)
    attachment_ids = fields.Many2many("ir.attachment", "miz_secretariat_letter_attachment_rel", string="Attachments")
    has_attachment = fields.Boolean(
        string="Has Attachment",
        compute="_compute_has_attachment",
        store=True,
        readonly=False,
        help="Printed as 'Attachment: yes/no'. Set it by hand for paper attachments.",
    )
    confidentiality = fields.Selection(CONFIDENTIALITY, required=True, default="normal", tracking=True)
    priority = fields.Selection(
        [("normal", "Normal"), ("urgent", "Urgent"), ("immediate", "Immediate")],
        required=True,
        default="normal",
        tracking=True,
    )
    delivery_channel = fields.Selection(
        [
            ("hand", "By Hand"),
            ("post", "Post"),
            ("email", "Email"),
            ("fax", "Fax"),
            ("exchange", "Electronic Exchange"),
        ],
        default="hand",
    )
    reply_to_id = fields.Many2one("miz.secretariat.letter", string="In Reply To", help="عطف")
    follow_up_of_id = fields.Many2one("miz.secretariat.letter", string="Follow-up Of", help="پیرو")
    origin_ref = fields.Reference(
        selection="_selection_origin_ref",
        string="Origin",
        help="The document that created this letter (a desk request, an inquiry…).",
    )
    origin_display = fields.Char(string="Origin Document", compute="_compute_origin_display")
    origin_readable = fields.Boolean(compute="_compute_origin_display")
    signatory_id = fields.Many2one("res.users", string="Signatory", tracking=True)
    signatory_title = fields.Char(help="Job title printed under the signatory's name.")
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approval_date = fields.Datetime(readonly=True, copy=False)
    referral_ids = fields.One2many("miz.secretariat.referral", "letter_id", string="Referrals")
    referral_count = fields.Integer(compute="_compute_referral_count")
    referral_user_ids = fields.Many2many(
        "res.users",
        "miz_secretariat_letter_tree_user_rel",
        string="Referral Tree Users",
        compute="_compute_referral_user_ids",
        store=True,
        help="Senders and recipients of the letter's referrals (used by the access rules).",
    )
    access_token = fields.Char(readonly=True, copy=False, index="btree_not_null", groups="base.group_system")
    note = fields.Text(help="Internal note; editable after registration.")

    _sql_constraints = [
        ("name_agency_kind_uniq", "unique(name, agency_id, kind)", "A registration number must be unique."),
        (
            "counter_uniq",
            "unique(agency_id, kind, number_jyear, number_seq)",
            "A registration counter is used once per agency, kind and Jalali year.",
        ),
    ]

    @api.model
    def _selection_origin_ref(self):
        """The documents that register letters (a desk request, an inquiry…), by their (translated) names; any miz
        document may be an origin, Odoo's technical models are not offered."""
        models = self.env["ir.model"].sudo().search([("model", "=like", "miz.%"), ("transient", "=", False)])
        return [(m.model, m.name) for m in models]

    @api.depends("origin_ref")
    @api.depends_context("uid")
    def _compute_origin_display(self):
        """The origin as text (its kind and name), for the people who read the letter but not its origin (the
        secretariat reads a desk letter, not the desk request): the link would only say they have no access."""
        kinds = None
        for letter in self:
            origin = letter.origin_ref
            letter.origin_readable = bool(origin) and origin.has_access("read")
            if not origin:
                letter.origin_display = ""
                continue
            if kinds is None:
                kinds = dict(self._selection_origin_ref())
            letter.origin_display = f"{kinds.get(origin._name, origin._name)}: {origin.sudo().display_name}"

    @api.depends("name")
    def _compute_number_display(self):
        for letter in self:
            letter.number_display = digits.to_persian_digits(letter.name) if letter.name else ""

    def _search_number_display(self, operator, value):
        """Search the number as typed: Persian, Arabic or Latin digits."""
        if isinstance(value, str):
            value = digits.to_latin_digits(value)
        return [("name", operator, value)]

    @api.model
    def _search_display_name(self, operator, value):
        domain = super()._search_display_name(operator, value)
        if isinstance(value, str) and digits.to_latin_digits(value) != value:
            latin = digits.to_latin_digits(value)
            positive = operator not in expression.NEGATIVE_TERM_OPERATORS
            combine = expression.OR if positive else expression.AND
            domain = combine([domain, [("name", operator, latin)]])
        return domain

    @api.depends("registration_date")
    def _compute_registration_jalali(self):
        for letter in self:
            letter.registration_jdate = jalali.format_datetime(letter.registration_date)

    @api.depends("sender_partner_id", "sender_agency_id", "sender_unit_id", "sender_user_id")
    def _compute_sender_display(self):
        for letter in self:
            names = [
                rec.display_name
                for rec in (
                    letter.sender_partner_id,
                    letter.sender_agency_id,
                    letter.sender_unit_id,
                    letter.sender_user_id,
                )
                if rec
            ]
            letter.sender_display = " / ".join(names)

    @api.depends("attachment_ids")
    def _compute_has_attachment(self):
        for letter in self:
            letter.has_attachment = bool(letter.attachment_ids)

    @api.depends("referral_ids")
    def _compute_referral_count(self):
        for letter in self:
            letter.referral_count = len(letter.referral_ids)

    @api.depends("referral_ids.from_user_id", "referral_ids.to_user_id")
    def _compute_referral_user_ids(self):
        for letter in self:
            referrals = letter.sudo().referral_ids
            letter.referral_user_ids = referrals.from_user_id | referrals.to_user_id

    @api.depends("name", "subject", "state")
    def _compute_display_name(self):
        for letter in self:
            number = digits.to_persian_digits(letter.name) if letter.name else _("Draft")
            letter.display_name = f"{number} — {letter.subject or ''}"

    @api.model_create_multi
    def create(self, vals_list):
        """Drafts are created as typed; incoming letters are registered at once (their number is part of the INSERT).

        A person may not type the protected fields (state, number, dates…) nor pass them as ``default_*`` context
        keys; an incoming letter is registered only for a secretariat clerk of its agency.
        """
        if not self.env.su:
            self = self.with_env(self.env(context=self._miz_context_without_protected_defaults()))
            self._miz_check_create_vals(vals_list)
        # Incoming letters are registered at once: their number is part of the INSERT (one statement, no
        # second write), so they are created one by one, each after allocating its number.
        letters = self.browse()
        default_kind = self.env.context.get("default_kind") or "incoming"
        for vals in vals_list:
            if (vals.get("kind") or default_kind) != "incoming":
                letters |= super().create([vals])
                continue
            agency = (
                self.env["miz.agency"].browse(vals.get("agency_id") or self.env.context.get("default_agency_id"))
                or self._default_agency_id()
            )
            if not self.env.su:
                self._miz_check_secretariat_of(agency)
            if not vals.get("subject"):
                raise UserError(_("A letter needs a subject to be registered."))
            vals = dict(vals, kind="incoming", **self._miz_registration_vals(agency, "incoming"))
            letters |= self.sudo()._miz_create_registered(vals).with_env(self.env)
        return letters

    def _miz_create_registered(self, vals):
        """INSERT one registered letter (called through sudo() by :meth:`create`, after its checks)."""
        return super().create([vals])

    def unlink(self):
        if any(letter.state in ("registered", "sent") for letter in self):
            raise UserError(_("A registered letter cannot be deleted."))
        return super().unlink()

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for vals in vals_list:
            for name in PROTECTED_FIELDS:
                vals.pop(name, None)
        return vals_list

    # ------------------------------------------------------------------------------------------ actions
    def action_approve(self):
        """The signatory (or a secretariat manager of the letter's agency) approves a draft outgoing/internal letter."""
        for letter in self:
            if letter.state != "draft":
                raise UserError(_("Only a draft letter can be approved."))
            if letter.kind == "incoming":
                raise UserError(_("Incoming letters are registered directly, without approval."))
            if not letter.signatory_id:
                raise UserError(_("Set the signatory of the letter before approving it."))
            if not self.env.su and not letter.signatory_id._miz_secretariat_belongs_to(letter.agency_id):
                raise UserError(
                    _(
                        "%(signatory)s does not work for %(agency)s and cannot sign its letters.",
                        signatory=letter.signatory_id.name,
                        agency=letter.agency_id.display_name,
                    )
                )
            if (
                not self.env.su
                and letter.signatory_id != self.env.user
                and not self.env.user._miz_secretariat_is_manager_of(letter.agency_id)
            ):
                raise UserError(
                    _(
                        "Only the signatory (%(signatory)s) or a secretariat manager of %(agency)s can approve "
                        "this letter.",
                        signatory=letter.signatory_id.name,
                        agency=letter.agency_id.display_name,
                    )
                )
            letter.sudo().write(
                {"state": "approved", "approved_by_id": self.env.user.id, "approval_date": fields.Datetime.now()}
            )
        return True

    def action_register(self):
        """A secretariat clerk of the letter's agency registers it: number and registration datetime."""
        for letter in self:
            if letter.state == "registered" or letter.state == "sent":
                raise UserError(_("Letter %s is already registered.", letter.display_name))
            if letter.kind != "incoming" and letter.state != "approved":
                raise UserError(_("An outgoing or internal letter must be approved by its signatory first."))
            if not self.env.su:
                self._miz_check_secretariat_of(letter.agency_id)
        self._miz_register()
        return True

    def action_send(self):
        for letter in self:
            if letter.kind != "outgoing" or letter.state != "registered":
                raise UserError(_("Only a registered outgoing letter can be marked as sent."))
            if not self.env.su:
                self._miz_check_secretariat_of(letter.agency_id)
            letter.sudo().write({"state": "sent"})
        return True

    def action_close_handling(self):
        for letter in self:
            if letter.state not in ("registered", "sent") or letter.handling_state != "open":
                raise UserError(_("Only the open handling of a registered letter can be closed."))
            if not self.env.su:
                self._miz_check_secretariat_of(letter.agency_id)
        self.sudo().write({"handling_state": "closed"})
        return True

    def action_reopen_handling(self):
        for letter in self:
            if letter.state not in ("registered", "sent") or letter.handling_state != "closed":
                raise UserError(_("Only the closed handling of a registered letter can be reopened."))
            if not self.env.su:
                self._miz_check_secretariat_of(letter.agency_id)
        self.sudo().write({"handling_state": "open"})
        return True

    def action_print(self):
        return self.env.ref("miz_secretariat.action_report_letter").report_action(self)

    def action_view_referrals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("miz_secretariat.miz_secretariat_referral_action")
        action["domain"] = [("letter_id", "=", self.id)]
        action["context"] = {"default_letter_id": self.id}
        return action

    def action_refer(self):
        """Open the referral wizard for this letter.

        The secretariat of the letter's agency refers the letter itself; anyone else re-refers his own open
        referral of it (the wizard is opened on that referral).
        """
        self.ensure_one()
        parent = None
        if not self.env.su and not self.env.user._miz_secretariat_is_clerk_of(self.agency_id):
            parent = self.env["miz.secretariat.referral"].search(
                [("letter_id", "=", self.id), ("to_user_id", "=", self.env.uid), ("state", "in", ("new", "seen"))],
                limit=1,
            )
            if not parent:
                raise UserError(
                    _(
                        "Only the secretariat of the letter's agency or a recipient of one of its open referrals can refer it."
                    )
                )
        return self.env["miz.secretariat.refer.wizard"]._miz_open(self, parent=parent)

    # ------------------------------------------------------------------------------------------ business
    @api.model
    def _miz_context_without_protected_defaults(self):
        """The context minus the caller's ``default_<protected field>`` keys (the mixin drops them the same way)."""
        protected = self._miz_guarded_protected()
        return {
            key: value
            for key, value in self.env.context.items()
            if not (key.startswith("default_") and key[len("default_") :] in protected)
        }

    @api.model
    def _miz_check_secretariat_of(self, agency):
        """Raise unless the user is a secretariat clerk (or manager) of ``agency``."""
        if not self.env.user._miz_secretariat_is_clerk_of(agency):
            raise UserError(
                _(
                    "Only the secretariat clerks of %(agency)s register its letters.",
                    agency=agency.display_name or _("the letter's agency"),
                )
            )

    def _miz_register(self):
        """Give each letter its number and registration datetime (gapless, per agency and kind).

        The caller checked the state and the caller's role (:meth:`action_register`). The numbering of the
        agency/kind is locked until the transaction ends (see :meth:`MizSecretariatNumbering._next_number`), so
        parallel registrations queue instead of failing, and a failure later in the same transaction rolls the
        number back with everything else: numbers stay consecutive.
        """
        for letter in self:
            if letter.state in ("registered", "sent"):
                raise UserError(_("Letter %s is already registered.", letter.display_name))
            if not letter.subject:
                raise UserError(_("A letter needs a subject to be registered."))
            vals = self._miz_registration_vals(letter.agency_id, letter.kind)
            letter.sudo().write(vals)
        return True

    @api.model
    def _miz_registration_vals(self, agency, kind):
        """Allocate the next number of ``kind`` letters of ``agency`` now; return the registration values."""
        now = fields.Datetime.now()
        numbering = self.env["miz.secretariat.numbering"]._get_numbering(agency, kind)
        counter, jyear, number = numbering._next_number(jalali.to_local(now).date())
        return {
            "name": number,
            "number_seq": counter,
            "number_jyear": jyear,
            "registration_date": now,
            "state": "registered",
            "handling_state": "open",
            "access_token": secrets.token_urlsafe(24),
        }

    @api.model
    def register_incoming(self, vals, referrals=None):
        """Create, number and refer an incoming letter in one call; return the letter.

        For callers that are secretariat clerks (or managers) of the letter's agency: anyone else gets a
        ``UserError`` (another addon that checked its own caller uses :meth:`_miz_register_incoming`).

        :param dict vals: values of ``miz.secretariat.letter`` (``subject`` is required; ``agency_id`` defaults to the
            user's secretariat agency; ``origin_ref`` may be ``"model,id"`` of the calling document; ``kind`` is
            forced to ``incoming``; state, number, dates and other protected fields are refused).
        :param list referrals: optional list of dicts, one per recipient, each with ``to_user_id`` **or**
            ``to_unit_id`` (a unit refers to its representative), ``instruction`` (text), ``purpose``
            (``"action"`` default or ``"information"``) and ``deadline`` (date, optional). The sender of each
            referral is the calling user.
        :return: the registered ``miz.secretariat.letter`` record (its ``name`` is the registration number).
        :raise UserError: if the caller is not a secretariat clerk of the agency, or a referral names neither a user
            nor a unit with a representative; the whole call is then rolled back by the caller's transaction (the
            number is not consumed).
        """
        vals = dict(vals, kind="incoming")
        letter = self.create([vals])
        if referrals:
            letter._refer(referrals)
        return letter

    @api.model
    def _miz_register_incoming(self, vals, referrals=None):
        """:meth:`register_incoming` without the secretariat-clerk check, for addons that checked their caller.

        The desk (``miz_khedmat``: a desk clerk of the agency registering a request) and inquiries (``miz_inquiry``)
        call it after their own state, role and agency checks. The letter is created and referred through
        ``sudo()``; the referrals' sender is still the calling user (``self.env.uid``). The caller's
        ``default_*`` context keys of protected fields are ignored, and ``vals`` must not carry protected fields.

        :return: the registered letter, in the caller's environment (not sudo).
        """
        Letter = self.with_env(self.env(context=self._miz_context_without_protected_defaults()))
        if not self.env.su:
            Letter._miz_check_create_vals([vals])
        letter = Letter.sudo().register_incoming(vals, referrals)
        return letter.with_env(self.env)

    def _refer(self, referrals, parent=None):
        """Create one referral per dict of ``referrals`` (see :meth:`register_incoming`); return them.

        The sender is the calling user. A person refers a letter only as a secretariat clerk (or manager) of its
        agency, or re-refers ``parent`` as its recipient while it is open; ``sudo()`` callers (the desk) are not
        checked.
        """
        self.ensure_one()
        if not self.env.su:
            self._miz_check_can_refer(parent)
        vals_list = []
        for ref in referrals:
            vals = {
                "letter_id": self.id,
                "from_user_id": self.env.uid,
                "instruction": ref.get("instruction"),
                "purpose": ref.get("purpose") or "action",
                "deadline": ref.get("deadline"),
                "to_user_id": ref.get("to_user_id"),
                "to_unit_id": ref.get("to_unit_id"),
            }
            if parent:
                vals["parent_id"] = parent.id
            vals_list.append(vals)
        # nothing of the caller's context (default_state, default_date…) reaches the referrals
        context = {key: value for key, value in self.env.context.items() if not key.startswith("default_")}
        Referral = self.env(context=context)["miz.secretariat.referral"]
        return Referral.sudo().create(vals_list).with_env(self.env)

    def _miz_check_can_refer(self, parent):
        self.ensure_one()
        self.check_access("read")
        user = self.env.user
        if parent and parent.sudo().letter_id != self:
            raise UserError(_("The referral being re-referred belongs to another letter."))
        if user._miz_secretariat_is_clerk_of(self.agency_id):
            return
        if parent and parent.sudo().to_user_id == user and parent.sudo().state in ("new", "seen"):
            return
        if parent:
            raise UserError(_("Only the recipient of an open referral can refer it further."))
        raise UserError(_("Only the secretariat of the letter's agency refers a letter; re-refer your own referral."))

    def _subject_hash(self):
        """Short SHA-256 of the subject, shown on the public verification page instead of the subject."""
        self.ensure_one()
        return hashlib.sha256((self.subject or "").encode("utf-8")).hexdigest()[:16]

    def _verification_url(self):
        self.ensure_one()
        token = self.sudo().access_token
        if not token:
            return ""
        base = self.get_base_url()
        return f"{base}/miz/letter/verify/{token}"

    def _update_handling_state(self):
        """Close the handling of letters whose action referrals are all finished."""
        for letter in self:
            actions = letter.sudo().referral_ids.filtered(lambda r: r.purpose == "action")
            if (
                actions
                and all(r.state in ("done", "returned") for r in actions)
                and any(r.state == "done" for r in actions)
            ):
                if letter.handling_state != "closed":
                    letter.sudo().write({"handling_state": "closed"})
            elif letter.handling_state == "closed" and any(r.state in ("new", "seen") for r in actions):
                letter.sudo().write({"handling_state": "open"})
