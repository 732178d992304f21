import hashlib
import logging
import secrets

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import html2plaintext

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

# Fields frozen once a letter is registered: only chatter, referrals and handling may change afterwards.
REGISTERED_FIELDS = frozenset(
    {
        "kind",
        "name",
        "number_seq",
        "number_jyear",
        "registration_date",
        "agency_id",
        "sender_number",
        "sender_date",
        "sender_partner_id",
        "sender_agency_id",
        "sender_unit_id",
        "sender_user_id",
        "recipient_partner_ids",
        "recipient_agency_ids",
        "recipient_unit_ids",
        "recipient_user_ids",
        "subject",
        "body",
        "attachment_ids",
        "has_attachment",
        "confidentiality",
        "priority",
        "delivery_channel",
        "reply_to_id",
        "follow_up_of_id",
        "signatory_id",
        "signatory_title",
        "access_token",
    }
)


# Set only by registration.
REGISTRATION_FIELDS = ("name", "number_seq", "number_jyear", "registration_date", "access_token")


class MizSecretariatLetter(models.Model):
    """A letter of the secretariat (نامه): incoming, outgoing or internal.

    The registration number and datetime are assigned only by registration (:meth:`_miz_register`), from the
    gapless Jalali-year sequence of the letter's agency and kind (:class:`MizSecretariatNumbering`).
    Other addons register incoming letters through :meth:`register_incoming`.
    """

    _name = "miz.secretariat.letter"
    _description = "Letter"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "registration_date desc, id desc"
    _rec_names_search = ["name", "subject", "sender_number"]
    _mail_post_access = "read"

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
    registration_jyear = fields.Char(string="Jalali Year", compute="_compute_registration_jalali_stored", store=True)
    registration_jmonth = fields.Char(string="Jalali Month", compute="_compute_registration_jalali_stored", store=True)
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
        return [(m.model, m.name) for m in self.env["ir.model"].sudo().search([("transient", "=", False)])]

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

    @api.depends("registration_date")
    def _compute_registration_jalali_stored(self):
        for letter in self:
            if letter.registration_date:
                letter.registration_jyear = jalali.format_date(letter.registration_date, "%Y")
                letter.registration_jmonth = jalali.format_date(letter.registration_date, "%Y/%m %B")
            else:
                letter.registration_jyear = letter.registration_jmonth = False

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
        for vals in vals_list:
            if vals.get("state") not in (None, "draft"):
                raise UserError(_("Letters are created as drafts; register them to give them a number."))
            for field in REGISTRATION_FIELDS:
                vals.pop(field, None)
        if self.env.context.get("miz_letter_no_register"):
            return super().create(vals_list)
        # Incoming letters are registered at once: their number is part of the INSERT (one statement, no
        # second write), so they are created one by one, each after allocating its number.
        letters = self.browse()
        default_kind = self.env.context.get("default_kind") or "incoming"
        for vals in vals_list:
            if (vals.get("kind") or default_kind) == "incoming":
                agency = (
                    self.env["miz.agency"].browse(vals.get("agency_id") or self.env.context.get("default_agency_id"))
                    or self._default_agency_id()
                )
                if not vals.get("subject"):
                    raise UserError(_("A letter needs a subject to be registered."))
                vals = dict(vals, kind="incoming", **self._miz_registration_vals(agency, "incoming"))
            letters |= super().create([vals])
        return letters

    def write(self, vals):
        if not self.env.context.get("miz_letter_registering"):
            locked = REGISTERED_FIELDS.intersection(vals)
            if "state" in vals:
                raise UserError(_("The state of a letter changes only through its buttons."))
            if locked and any(letter.state in ("registered", "sent") for letter in self):
                labels = ", ".join(sorted(self._fields[f].get_description(self.env)["string"] for f in locked))
                raise UserError(
                    _(
                        "A registered letter cannot be changed (%(fields)s); add a note or a message instead.",
                        fields=labels,
                    )
                )
        return super().write(vals)

    def unlink(self):
        if any(letter.state in ("registered", "sent") for letter in self):
            raise UserError(_("A registered letter cannot be deleted."))
        return super().unlink()

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for vals in vals_list:
            vals.pop("state", None)
        return vals_list

    # ------------------------------------------------------------------------------------------ actions
    def action_approve(self):
        """The signatory approves a draft outgoing or internal letter."""
        for letter in self:
            if letter.state != "draft":
                raise UserError(_("Only a draft letter can be approved."))
            if letter.kind == "incoming":
                raise UserError(_("Incoming letters are registered directly, without approval."))
            if not letter.signatory_id:
                raise UserError(_("Set the signatory of the letter before approving it."))
            if letter.signatory_id != self.env.user and not self.env.user.has_group(
                "miz_secretariat.group_miz_secretariat_manager"
            ):
                raise UserError(_("Only the signatory (%s) can approve this letter.", letter.signatory_id.name))
            letter.with_context(miz_letter_registering=True).write(
                {"state": "approved", "approved_by_id": self.env.user.id, "approval_date": fields.Datetime.now()}
            )
        return True

    def action_register(self):
        for letter in self:
            if letter.state == "registered" or letter.state == "sent":
                raise UserError(_("Letter %s is already registered.", letter.display_name))
            if letter.kind != "incoming" and letter.state != "approved":
                raise UserError(_("An outgoing or internal letter must be approved by its signatory first."))
        self._miz_register()
        return True

    def action_send(self):
        for letter in self:
            if letter.kind != "outgoing" or letter.state != "registered":
                raise UserError(_("Only a registered outgoing letter can be marked as sent."))
            letter.with_context(miz_letter_registering=True).write({"state": "sent"})
        return True

    def action_close_handling(self):
        self.with_context(miz_letter_registering=True).write({"handling_state": "closed"})
        return True

    def action_reopen_handling(self):
        self.with_context(miz_letter_registering=True).write({"handling_state": "open"})
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
        """Open the referral wizard for this letter."""
        self.ensure_one()
        return self.env["miz.secretariat.refer.wizard"]._miz_open(self)

    # ------------------------------------------------------------------------------------------ business
    def _miz_register(self):
        """Give each letter its number and registration datetime (gapless, per agency and kind).

        The numbering of the agency/kind is locked until the transaction ends (see
        :meth:`MizSecretariatNumbering._next_number`), so parallel registrations queue instead of failing, and a
        failure later in the same transaction rolls the number back with everything else: numbers stay consecutive.
        """
        for letter in self:
            if letter.state in ("registered", "sent"):
                raise UserError(_("Letter %s is already registered.", letter.display_name))
            if not letter.subject:
                raise UserError(_("A letter needs a subject to be registered."))
            vals = self._miz_registration_vals(letter.agency_id, letter.kind)
            letter.with_context(miz_letter_registering=True).sudo().write(vals)
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

        Used by the desk (``miz_khedmat``) and inquiries (``miz_inquiry``).

        :param dict vals: values of ``miz.secretariat.letter`` (``subject`` is required; ``agency_id`` defaults to the
            user's secretariat agency; ``origin_ref`` may be ``"model,id"`` of the calling document; ``kind`` is
            forced to ``incoming``).
        :param list referrals: optional list of dicts, one per recipient, each with ``to_user_id`` **or**
            ``to_unit_id`` (a unit refers to its representative), ``instruction`` (text), ``purpose``
            (``"action"`` default or ``"information"``) and ``deadline`` (date, optional).
        :return: the registered ``miz.secretariat.letter`` record (its ``name`` is the registration number).
        :raise UserError: if a referral names neither a user nor a unit with a representative; the whole call is
            then rolled back by the caller's transaction (the number is not consumed).
        """
        vals = dict(vals, kind="incoming")
        letter = self.create([vals])
        if referrals:
            letter._refer(referrals)
        return letter

    def _refer(self, referrals, parent=None):
        """Create one referral per dict of ``referrals`` (see :meth:`register_incoming`); return them."""
        self.ensure_one()
        vals_list = []
        for ref in referrals:
            vals = {
                "letter_id": self.id,
                "instruction": ref.get("instruction"),
                "purpose": ref.get("purpose") or "action",
                "deadline": ref.get("deadline"),
                "to_user_id": ref.get("to_user_id"),
                "to_unit_id": ref.get("to_unit_id"),
            }
            if parent:
                vals["parent_id"] = parent.id
            vals_list.append(vals)
        return self.env["miz.secretariat.referral"].create(vals_list)

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

    def _body_text(self):
        self.ensure_one()
        return html2plaintext(self.body or "")

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
                    letter.sudo().with_context(miz_letter_registering=True).write({"handling_state": "closed"})
            elif letter.handling_state == "closed" and any(r.state in ("new", "seen") for r in actions):
                letter.sudo().with_context(miz_letter_registering=True).write({"handling_state": "open"})
