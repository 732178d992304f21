from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.miz_base.tools import jalali

OPEN_STATES = ("new", "seen")

# Set by the referral's creation and actions only (through sudo()), never written by a person.
PROTECTED_FIELDS = frozenset(
    {
        "state",
        "done_date",
        "date",
        "from_user_id",
        "to_user_id",
        "to_unit_id",
        "letter_id",
        "parent_id",
        "parent_path",
        "activity_id",
    }
)


class MizSecretariatReferral(models.Model):
    """A referral (ارجاع) of a letter from one user to another: an item of the recipient's cartable.

    A referral to a unit goes to the unit's representative and records the unit. Re-referring a referral creates
    a child (``parent_id``), so the letter keeps the whole tree of who sent it to whom, when and why.

    Referrals are created by :meth:`MizSecretariatLetter._refer` (the sender is the caller) and change state only
    through the ``action_*`` methods; a person writes nothing but the answer of an open referral he received.
    """

    _name = "miz.secretariat.referral"
    _description = "Referral"
    _inherit = ["miz.guarded.mixin"]
    _order = "date desc, id desc"
    _parent_store = True
    _miz_open_states = OPEN_STATES
    _miz_protected_fields = PROTECTED_FIELDS

    letter_id = fields.Many2one("miz.secretariat.letter", required=True, ondelete="cascade", index=True)
    letter_subject = fields.Char(related="letter_id.subject", string="Subject")
    letter_number = fields.Char(related="letter_id.number_display", string="Letter Number")
    letter_confidentiality = fields.Selection(related="letter_id.confidentiality", string="Confidentiality")
    letter_priority = fields.Selection(related="letter_id.priority", string="Priority")
    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    jdate = fields.Char(string="Date (Jalali)", compute="_compute_jdate")
    from_user_id = fields.Many2one(
        "res.users", string="From", required=True, default=lambda self: self.env.user, index=True, readonly=True
    )
    to_user_id = fields.Many2one("res.users", string="To", required=True, index=True)
    to_unit_id = fields.Many2one("miz.org.unit", string="To Unit", help="Set when the letter was referred to a unit.")
    instruction = fields.Text()
    purpose = fields.Selection(
        [("action", "For Action"), ("information", "For Information")], required=True, default="action"
    )
    deadline = fields.Date()
    deadline_jdate = fields.Char(string="Deadline (Jalali)", compute="_compute_jdate")
    state = fields.Selection(
        [("new", "New"), ("seen", "Seen"), ("done", "Done"), ("returned", "Returned")],
        required=True,
        default="new",
        readonly=True,
        index=True,
    )
    answer = fields.Text(string="Answer/Note")
    done_date = fields.Datetime(readonly=True)
    is_overdue = fields.Boolean(compute="_compute_is_overdue")
    parent_id = fields.Many2one("miz.secretariat.referral", string="Referred From", index=True, ondelete="cascade")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("miz.secretariat.referral", "parent_id", string="Re-referrals")
    activity_id = fields.Many2one("mail.activity", readonly=True, copy=False, ondelete="set null")

    @api.depends("date", "deadline")
    def _compute_jdate(self):
        for referral in self:
            referral.jdate = jalali.format_datetime(referral.date)
            referral.deadline_jdate = jalali.format_date(referral.deadline)

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for referral in self:
            referral.is_overdue = bool(
                referral.deadline and referral.state in OPEN_STATES and referral.deadline < today
            )

    @api.depends("from_user_id", "to_user_id", "letter_id")
    def _compute_display_name(self):
        for referral in self:
            referral.display_name = f"{referral.from_user_id.name or ''} → {referral.to_user_id.name or ''}"

    @api.model_create_multi
    def create(self, vals_list):
        Unit = self.env["miz.org.unit"]
        for vals in vals_list:
            if vals.get("to_unit_id") and not vals.get("to_user_id"):
                unit = Unit.browse(vals["to_unit_id"]).sudo()
                if not unit.representative_id:
                    raise UserError(_("Unit %s has no representative to receive the referral.", unit.display_name))
                vals["to_user_id"] = unit.representative_id.id
            if not vals.get("to_user_id"):
                raise UserError(_("A referral needs a recipient user or unit."))
        referrals = super().create(vals_list)
        for referral in referrals:
            if referral.letter_id.state not in ("registered", "sent"):
                raise UserError(_("Only registered letters can be referred."))
        referrals._schedule_activity()
        return referrals

    def _miz_writable_fields(self):
        """The recipient (or a secretariat manager of the letter's agency) writes the answer while it is open."""
        self.ensure_one()
        user = self.env.user
        if self.state in OPEN_STATES and (
            self.to_user_id == user or user._miz_secretariat_is_manager_of(self.sudo().letter_id.agency_id)
        ):
            return {"answer"}
        return set()

    # ------------------------------------------------------------------------------------------ actions
    def _check_recipient(self):
        user = self.env.user
        for referral in self:
            if referral.to_user_id != user and not user._miz_secretariat_is_manager_of(
                referral.sudo().letter_id.agency_id
            ):
                raise UserError(_("Only the recipient of a referral can act on it."))

    def action_mark_seen(self):
        """The recipient has seen the referral (the cartable's "Open Letter" does it too)."""
        for referral in self:
            if referral.to_user_id != self.env.user:
                raise UserError(_("Only the recipient of a referral can mark it as seen."))
        self.filtered(lambda r: r.state == "new").sudo().write({"state": "seen"})
        return True

    def action_done(self):
        self._check_recipient()
        for referral in self:
            if referral.state not in OPEN_STATES:
                raise UserError(_("Only a new or seen referral can be finished."))
        self.sudo().write({"state": "done", "done_date": fields.Datetime.now()})
        self._finish_activity()
        self.letter_id._update_handling_state()
        return True

    def action_return(self):
        self._check_recipient()
        for referral in self:
            if referral.state not in OPEN_STATES:
                raise UserError(_("Only a new or seen referral can be returned."))
            if not referral.answer:
                raise UserError(_("Write in the answer why the referral is returned."))
        self.sudo().write({"state": "returned", "done_date": fields.Datetime.now()})
        self._finish_activity()
        self.letter_id._update_handling_state()
        return True

    def action_open_letter(self):
        self.ensure_one()
        if self.to_user_id == self.env.user:
            self.action_mark_seen()
        return self.letter_id.get_formview_action()

    def action_refer(self):
        """Open the referral wizard to re-refer this referral."""
        self.ensure_one()
        return self.env["miz.secretariat.refer.wizard"]._miz_open(self.letter_id, parent=self)

    # ------------------------------------------------------------------------------------------ business
    def refer(self, referrals):
        """Re-refer this referral: one child referral per dict (same keys as ``register_incoming``).

        Allowed to its recipient while it is open, and to the secretariat of the letter's agency
        (see :meth:`MizSecretariatLetter._refer`).
        """
        self.ensure_one()
        children = self.letter_id._refer(referrals, parent=self)
        if self.state == "new" and self.to_user_id == self.env.user:
            self.sudo().write({"state": "seen"})
        return children

    def _schedule_activity(self):
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        model_id = self.env["ir.model"]._get_id("miz.secretariat.letter")
        Activity = self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True)
        vals_list = []
        for referral in self:
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": referral.letter_id.id,
                    "activity_type_id": todo.id if todo else False,
                    "user_id": referral.to_user_id.id,
                    "summary": _("Referral: %s", (referral.instruction or referral.letter_id.subject or "")[:80]),
                    "note": referral.instruction or "",
                    "date_deadline": referral.deadline or fields.Date.context_today(self),
                }
            )
        activities = Activity.create(vals_list)
        for referral, activity in zip(self, activities, strict=True):
            referral.sudo().activity_id = activity

    def _finish_activity(self):
        for referral in self.sudo():
            if referral.activity_id:
                referral.activity_id.action_feedback(feedback=referral.answer or False)
