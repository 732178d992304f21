import datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.miz_base.tools import validation

from ..tools import otp

CODE_MINUTES = 5  # a code expires after this
SESSION_MINUTES = 30  # a confirmed identity may fill the form this long
MAX_ATTEMPTS = 5  # wrong codes before the code is blocked
# sending: per mobile and per IP address, (count, seconds)
SEND_LIMIT_MOBILE = (3, 3600)
SEND_LIMIT_IP = (10, 3600)
CHECK_LIMIT_IP = (30, 3600)


class MizKhedmatOnlineOtp(models.Model):
    """A one-time code sent by SMS to confirm who files an online request (national code + mobile).

    Only digests are stored: ``code_hash`` (HMAC of the code) and ``token_hash`` (HMAC of the random token kept in
    the citizen's browser session, which is how the pages find this record again; never by its id). A code expires
    after ``CODE_MINUTES``, is blocked after ``MAX_ATTEMPTS`` wrong tries, and a confirmed identity is valid for
    ``SESSION_MINUTES`` and for one request. Sending is limited per mobile and per IP address
    (``miz.khedmat.online.throttle``). No access rights: only the controllers (sudo) read or write it.
    """

    _name = "miz.khedmat.online.otp"
    _description = "Electronic Desk One-time Code"
    _order = "id desc"

    token_hash = fields.Char(required=True, index=True, readonly=True)
    code_hash = fields.Char(required=True, readonly=True)
    national_code = fields.Char(required=True, readonly=True)
    mobile = fields.Char(required=True, readonly=True)
    applicant_name = fields.Char(readonly=True)
    expires = fields.Datetime(required=True, readonly=True)
    attempts = fields.Integer(default=0, readonly=True)
    state = fields.Selection(
        [("sent", "Sent"), ("verified", "Confirmed"), ("used", "Used"), ("blocked", "Blocked")],
        default="sent",
        required=True,
        readonly=True,
    )
    verified_date = fields.Datetime(readonly=True)
    request_id = fields.Many2one("miz.khedmat.request", readonly=True, ondelete="set null")

    @api.model
    def _miz_secret(self):
        return self.env["ir.config_parameter"].sudo().get_param("database.secret", "")

    @api.model
    def _miz_find(self, token):
        """The code record of the browser session's ``token`` (sudo), or an empty recordset."""
        if not token or not isinstance(token, str) or len(token) > 100:
            return self.sudo().browse()
        return self.sudo().search([("token_hash", "=", otp.digest(self._miz_secret(), token))], limit=1)

    @api.model
    def _miz_send(self, national_code, mobile, name, ip):
        """Create and send a code; returns the session token. Raises UserError on bad input or past a limit.

        When a contact with this national code exists and has another valid mobile, no SMS is sent but the answer is
        the same (nobody learns whether a national code is known, nor whose it is)."""
        code_clean = validation.clean_digits(national_code or "").strip()
        if not validation.is_valid_national_code(code_clean):
            raise UserError(_("The national code is not valid: check its ten digits."))
        if not mobile or not validation.is_valid_mobile(mobile):
            raise UserError(_("The mobile number is not valid (e.g. 09121234567)."))
        mobile = validation.normalize_mobile(mobile)
        Throttle = self.env["miz.khedmat.online.throttle"].sudo()
        over_ip = not Throttle._miz_hit("otp_send_ip", ip, *SEND_LIMIT_IP)
        over_mobile = not Throttle._miz_hit("otp_send_mobile", mobile, *SEND_LIMIT_MOBILE)
        if over_ip or over_mobile:
            raise UserError(_("Too many codes were requested. Try again in an hour."))
        token = otp.new_token()
        code = _new_code()
        secret = self._miz_secret()
        now = fields.Datetime.now()
        record = self.sudo().create(
            {
                "token_hash": otp.digest(secret, token),
                "code_hash": otp.digest(secret, token + ":" + code),
                "national_code": code_clean,
                "mobile": mobile,
                "applicant_name": (name or "").strip()[:120],
                "expires": now + datetime.timedelta(minutes=CODE_MINUTES),
            }
        )
        partner = self.env["miz.khedmat.request"].sudo()._miz_find_applicant("person", code_clean)
        known_mobile = partner.mobile if partner and validation.is_valid_mobile(partner.mobile or "") else False
        if not known_mobile or validation.normalize_mobile(known_mobile) == mobile:
            record._miz_sms(code)
        return token

    def _miz_sms(self, code):
        self.ensure_one()
        lang = "fa_IR" if self.env["res.lang"]._lang_get("fa_IR") else self.env.lang
        body = self.with_context(lang=lang)._miz_sms_text(code)
        # the body holds the code in clear: the queue deletes the message once it is handled
        self.env["sms.sms"].sudo().create({"number": self.mobile, "body": body, "to_delete": True})

    def _miz_sms_text(self, code):
        return _(
            "Service desk: your one-time code is %(code)s (valid %(minutes)s minutes). Do not give it to anyone.",
            code=code,
            minutes=CODE_MINUTES,
        )

    def _miz_verify(self, token, code, ip):
        """Check ``code`` typed in the browser session of ``token``; True when confirmed.

        Every try is counted (in one SQL statement, so parallel tries cannot exceed the limit); the code is blocked
        at the ``MAX_ATTEMPTS``-th wrong one, and tries per IP address are limited too."""
        self.ensure_one()
        Throttle = self.env["miz.khedmat.online.throttle"].sudo()
        if not Throttle._miz_hit("otp_check_ip", ip, *CHECK_LIMIT_IP):
            raise UserError(_("Too many attempts from your connection. Try again in an hour."))
        record = self.sudo()
        now = fields.Datetime.now()
        if record.state != "sent" or record.expires < now:
            raise UserError(_("This code has expired or was blocked: ask for a new code."))
        self.env.cr.execute(
            "UPDATE miz_khedmat_online_otp SET attempts = attempts + 1 WHERE id = %s RETURNING attempts", [record.id]
        )
        attempts = self.env.cr.fetchone()[0]
        record.invalidate_recordset(["attempts"])
        code = validation.clean_digits(code or "").strip()
        if attempts <= MAX_ATTEMPTS and otp.matches(self._miz_secret(), f"{token}:{code}", record.code_hash):
            record.write({"state": "verified", "verified_date": now})
            return True
        if attempts >= MAX_ATTEMPTS:
            record.write({"state": "blocked"})
            raise UserError(_("Too many wrong codes: this code is blocked. Ask for a new code."))
        raise UserError(_("The code is not right. %(left)s tries left.", left=MAX_ATTEMPTS - attempts))

    def _miz_is_confirmed(self):
        """Confirmed, not yet used, and confirmed less than SESSION_MINUTES ago."""
        self.ensure_one()
        return (
            self.state == "verified"
            and self.verified_date
            and self.verified_date >= fields.Datetime.now() - datetime.timedelta(minutes=SESSION_MINUTES)
        )

    @api.model
    def _miz_gc(self):
        """Cron: remove codes older than a day (their digests and the identity typed in)."""
        self.sudo().search([("create_date", "<", fields.Datetime.now() - datetime.timedelta(days=1))]).unlink()


def _new_code():
    return otp.new_code()
