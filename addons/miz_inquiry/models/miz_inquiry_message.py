import datetime

from odoo import api, fields, models
from odoo.tools import SQL

DIRECTIONS = [("in", "Received"), ("out", "Sent")]


class MizInquiryMessage(models.Model):
    """The envelope log: one row per SOAP exchange, inbound (a partner called us and was authenticated) or outbound
    (our queue called a responding agency), with the SHA-256 of the request and of the answer to it — never the
    bodies themselves. Refused inbound calls are not written here (nothing is written before authentication
    succeeds): they go to the server log and the refusal counters. Purged after the retention period
    (``miz_inquiry.message_retention_days``, default 365) by a daily cron. Readable by inquiry officers only."""

    _name = "miz.inquiry.message"
    _description = "Inquiry Envelope Log"
    _order = "id desc"
    _log_access = False

    create_date = fields.Datetime(string="Time", readonly=True, index=True, default=fields.Datetime.now)
    direction = fields.Selection(DIRECTIONS, required=True, readonly=True)
    operation = fields.Char(readonly=True)
    peer = fields.Char(readonly=True, help="The caller's IP address (received) or the service host (sent).")
    partner_id = fields.Many2one("miz.inquiry.partner", string="Caller", readonly=True, index="btree_not_null")
    inbound_id = fields.Many2one(
        "miz.inquiry.inbound", string="Inbound Inquiry", readonly=True, ondelete="cascade", index="btree_not_null"
    )
    request_id = fields.Many2one(
        "miz.inquiry.request", string="Outbound Inquiry", readonly=True, ondelete="cascade", index="btree_not_null"
    )
    agency_id = fields.Many2one("miz.agency", string="Our Agency", readonly=True, index="btree_not_null")
    outcome = fields.Char(readonly=True, help="ANSWERED / RECEIVED / REJECTED, a fault code, or a transport error.")
    http_status = fields.Integer(readonly=True)
    request_sha256 = fields.Char(string="Request SHA-256", readonly=True)
    response_sha256 = fields.Char(string="Answer SHA-256", readonly=True)
    duration_ms = fields.Integer(string="Duration (ms)", readonly=True)

    @api.model
    def _miz_log(self, vals):
        """Append one row. A plain INSERT: the log is written for every envelope, in the caller's transaction, and
        nothing ever computes on it (no defaults but the time, no rules on write, no chatter); through ``create`` it
        cost a fifth of an answered ``SubmitInquiry``. Unknown keys are an error, as with ``create``."""
        unknown = set(vals) - set(self._fields) - {"create_date"}
        if unknown:
            raise ValueError(f"miz.inquiry.message has no field {sorted(unknown)}")
        row = {"create_date": fields.Datetime.now(), **vals}
        self.env.cr.execute(
            SQL(
                "INSERT INTO miz_inquiry_message (%s) VALUES %s RETURNING id",
                SQL(", ").join(SQL.identifier(name) for name in row),
                tuple(None if value is False else value for value in row.values()),
            )
        )
        (record_id,) = self.env.cr.fetchone()
        # the one2many of the inquiry the row belongs to, if it was already read in this transaction
        self.env["miz.inquiry.inbound"].invalidate_model(["message_log_ids"])
        self.env["miz.inquiry.request"].invalidate_model(["message_log_ids"])
        return self.sudo().browse(record_id)

    @api.model
    def _cron_purge(self):
        days = int(self.env["ir.config_parameter"].sudo().get_param("miz_inquiry.message_retention_days", 365))
        limit = fields.Datetime.now() - datetime.timedelta(days=max(days, 1))
        self.env.cr.execute("DELETE FROM miz_inquiry_message WHERE create_date < %s", [limit])
        # remembered nonces are useless once their Created is outside the window
        self.env["miz.inquiry.nonce"]._purge()
        return True


class MizInquiryNonce(models.Model):
    """Nonces of authenticated WS-Security tokens, kept for twice the Created window, so a captured message is
    refused when replayed. A row is written only after the caller's secret was verified, in the same
    transaction as the answer: a refused call (replay included) writes nothing."""

    _name = "miz.inquiry.nonce"
    _description = "Used WS-Security Nonce"
    _log_access = False

    partner_id = fields.Many2one("miz.inquiry.partner", required=True, ondelete="cascade")
    nonce_sha256 = fields.Char(required=True)
    created_at = fields.Datetime(required=True, index=True)

    _sql_constraints = [("nonce_uniq", "unique(partner_id, nonce_sha256)", "A nonce is accepted once.")]

    @api.model
    def _miz_claim(self, partner, nonce_sha256, request_id):
        """In one statement: remember the nonce, count the partner's accepted calls of the last minute (its rate)
        and find its inquiry with ``request_id``: ``(claimed, recent, inquiry id or None)``; ``claimed`` is false if
        this partner already used the nonce (a concurrent claim waits for the first). The count is read from the
        envelope log, shared by every worker of every server on the database."""
        self.env["miz.inquiry.inbound"].flush_model(["partner_id", "request_id"])
        self.env.cr.execute(
            """WITH claim AS (
                   INSERT INTO miz_inquiry_nonce (partner_id, nonce_sha256, created_at)
                   VALUES (%s, %s, (now() AT TIME ZONE 'UTC'))
                   ON CONFLICT (partner_id, nonce_sha256) DO NOTHING RETURNING id)
               SELECT EXISTS (SELECT 1 FROM claim),
                      (SELECT count(*) FROM miz_inquiry_message
                        WHERE partner_id = %s AND direction = 'in'
                          AND create_date > (now() AT TIME ZONE 'UTC') - interval '1 minute'),
                      (SELECT id FROM miz_inquiry_inbound WHERE partner_id = %s AND request_id = %s)""",
            [partner.id, nonce_sha256, partner.id, partner.id, request_id],
        )
        return self.env.cr.fetchone()

    @api.model
    def _purge(self):
        self.env.cr.execute(
            "DELETE FROM miz_inquiry_nonce WHERE created_at < (now() AT TIME ZONE 'UTC') - interval '15 minutes'"
        )
