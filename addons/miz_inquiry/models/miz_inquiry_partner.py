import hashlib
import hmac
import ipaddress
import secrets

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


def hash_token(token):
    """SHA-256 hex of a secret. Secrets are at least 32 random characters (generated: 32 random bytes), so a fast
    hash is enough against brute force and keeps each call cheap; none is ever stored in clear."""
    return hashlib.sha256((token or "").encode("utf-8")).hexdigest()


def parse_networks(text):
    """The IP networks of an allowlist text (addresses or CIDR, separated by spaces, commas or new lines)."""
    networks = []
    for item in (text or "").replace(",", " ").split():
        networks.append(ipaddress.ip_network(item, strict=False))
    return networks


class MizInquiryPartner(models.Model):
    """An agency allowed to call our inquiry service: its caller code (the WS-Security Username), the hash of its
    secret (PasswordText), the inquiry types granted to it, an optional IP allowlist and its rate limit."""

    _name = "miz.inquiry.partner"
    _description = "Inquiry Partner Agency"
    _inherit = ["mail.thread"]
    _order = "agency_id, id"
    _rec_name = "agency_id"

    agency_id = fields.Many2one("miz.agency", required=True, ondelete="restrict", tracking=True)
    agency_code = fields.Char(
        string="Caller Code",
        required=True,
        tracking=True,
        help="The Username and requesterAgencyCode this agency sends.",
    )
    active = fields.Boolean(default=True, tracking=True)
    token_hash = fields.Char(readonly=True, copy=False, groups="base.group_system", index=True)
    has_token = fields.Boolean(compute="_compute_has_token")
    new_token = fields.Char(
        string="Set Token",
        compute="_compute_new_token",
        inverse="_inverse_new_token",
        groups="base.group_system",
        help="Type a token agreed with the agency to replace the current one; only its hash is kept.",
    )
    type_ids = fields.Many2many(
        "miz.inquiry.type",
        string="Allowed Inquiries",
        domain=[("direction", "in", ("inbound", "both"))],
        tracking=True,
    )
    allowed_ips = fields.Text(
        string="Allowed IP Addresses",
        tracking=True,
        help="Addresses or networks (CIDR) the agency calls from, separated by spaces or commas; empty: any. The "
        "address is the TCP peer (or X-Forwarded-For only when Odoo runs with proxy_mode behind our own proxy).",
    )
    rate_limit = fields.Integer(
        string="Calls per Minute", default=120, tracking=True, help="Answered calls allowed per minute."
    )
    inbound_count = fields.Integer(compute="_compute_inbound_count")
    note = fields.Text()

    _sql_constraints = [
        ("agency_code_uniq", "unique(agency_code)", "Each caller code belongs to one partner agency."),
        ("rate_limit_positive", "CHECK(rate_limit > 0)", "The rate limit is at least one call per minute."),
    ]

    @api.depends_context("uid")
    def _compute_has_token(self):
        for partner in self:
            partner.has_token = bool(partner.sudo().token_hash)

    def _compute_new_token(self):
        for partner in self:
            partner.new_token = False

    def _inverse_new_token(self):
        for partner in self:
            if partner.new_token:
                partner._set_token(partner.new_token)

    def _compute_inbound_count(self):
        counts = dict(
            self.env["miz.inquiry.inbound"]._read_group([("partner_id", "in", self.ids)], ["partner_id"], ["__count"])
        )
        for partner in self:
            partner.inbound_count = counts.get(partner, 0)

    @api.onchange("agency_id")
    def _onchange_agency_id(self):
        if self.agency_id and not self.agency_code:
            self.agency_code = self.agency_id.code

    @api.constrains("agency_code")
    def _check_agency_code(self):
        for partner in self:
            if not (partner.agency_code or "").strip() or any(c.isspace() for c in partner.agency_code):
                raise ValidationError(_("The caller code is one word without spaces."))

    @api.constrains("allowed_ips")
    def _check_allowed_ips(self):
        for partner in self:
            try:
                parse_networks(partner.allowed_ips)
            except ValueError:
                raise ValidationError(
                    _("The allowed IP addresses are addresses or networks like 10.0.0.0/24.")
                ) from None

    def _miz_check_token_admin(self):
        """Only a system administrator sets or generates a token (checked here, not only on the button)."""
        if not self.env.is_system():
            raise AccessError(_("Only a system administrator can set or generate the token of a partner agency."))

    def _set_token(self, token):
        self.ensure_one()
        self._miz_check_token_admin()
        if len(token) < 32:
            raise UserError(_("A secret has at least 32 characters."))
        self.sudo().token_hash = hash_token(token)
        self.message_post(body=_("A new token was set; the previous one no longer works."))

    def action_generate_token(self):
        """Replace the token with a new random one and show it once (only its hash is kept)."""
        self.ensure_one()
        self._miz_check_token_admin()
        token = secrets.token_urlsafe(32)
        self._set_token(token)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("New token of %s", self.agency_id.display_name),
                "message": _("Give this token to the agency now; it is not shown again: %s", token),
                "sticky": True,
                "type": "warning",
            },
        }

    @api.model
    def _authenticate(self, username, password):
        """The active partner whose caller code is ``username`` and whose secret is ``password``, else empty.
        Reads only (nothing is written before authentication succeeds)."""
        if not username or not password:
            return self.browse()
        partner = self.sudo().search_fetch(
            [("agency_code", "=", username)],
            ["agency_id", "agency_code", "token_hash", "allowed_ips", "rate_limit"],
            limit=1,
        )
        if not partner or not partner.token_hash:
            hmac.compare_digest(hash_token(password), hash_token(""))  # same work for unknown callers
            return self.browse()
        if not hmac.compare_digest(hash_token(password), partner.token_hash):
            return self.browse()
        return partner

    def _ip_allowed(self, address):
        self.ensure_one()
        networks = parse_networks(self.allowed_ips)
        if not networks:
            return True
        try:
            ip = ipaddress.ip_address(address or "")
        except ValueError:
            return False
        return any(ip in network for network in networks)

    def action_view_inbound(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("miz_inquiry.miz_inquiry_inbound_action")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {}
        return action
