import datetime

from odoo import api, fields, models

from ..tools import otp


class MizKhedmatOnlineThrottle(models.Model):
    """Server-side rate limits of the public pages: one row per (action, hashed mobile or IP) and time window.

    ``_miz_hit(action, value, limit, window)`` counts one attempt in one SQL statement (insert or update, so parallel
    requests of one client cannot slip past the limit) and tells whether it is within ``limit`` attempts per
    ``window`` seconds. The mobile number or IP address is stored as an HMAC digest keyed by the database secret,
    never in clear. Rows whose window ended are removed by a daily cron. Nothing here depends on the web server:
    behind nginx, also set ``limit_req`` on ``/miz/`` (see readme/CONFIGURE.md) and pass ``X-Forwarded-For``
    with ``proxy_mode`` on, so ``request.httprequest.remote_addr`` is the citizen's address.
    """

    _name = "miz.khedmat.online.throttle"
    _description = "Electronic Desk Rate Limit"
    _log_access = False

    key = fields.Char(required=True, index=True, readonly=True)
    window_start = fields.Datetime(required=True, readonly=True)
    count = fields.Integer(required=True, default=0, readonly=True)

    _sql_constraints = [("key_unique", "unique(key)", "One rate-limit row per key.")]

    @api.model
    def _miz_key(self, action, value):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret", "")
        return f"{action}:{otp.digest(secret, value or '-')[:40]}"

    @api.model
    def _miz_hit(self, action, value, limit, window):
        """Count one ``action`` by ``value`` (mobile, IP…); True while at most ``limit`` in ``window`` seconds."""
        now = fields.Datetime.now()
        cutoff = now - datetime.timedelta(seconds=window)
        self.env.cr.execute(
            """
            INSERT INTO miz_khedmat_online_throttle AS t (key, window_start, count)
                 VALUES (%(key)s, %(now)s, 1)
            ON CONFLICT (key) DO UPDATE
                    SET count = CASE WHEN t.window_start < %(cutoff)s THEN 1 ELSE t.count + 1 END,
                        window_start = CASE WHEN t.window_start < %(cutoff)s THEN %(now)s ELSE t.window_start END
              RETURNING count
            """,
            {"key": self._miz_key(action, value), "now": now, "cutoff": cutoff},
        )
        return self.env.cr.fetchone()[0] <= limit

    @api.model
    def _miz_count(self, action, value, window):
        """Attempts of ``action`` by ``value`` in the running window (0 if none), without counting one."""
        cutoff = fields.Datetime.now() - datetime.timedelta(seconds=window)
        row = self.sudo().search([("key", "=", self._miz_key(action, value)), ("window_start", ">=", cutoff)], limit=1)
        return row.count

    @api.model
    def _miz_gc(self):
        """Cron: forget the windows that ended more than a day ago."""
        self.sudo().search([("window_start", "<", fields.Datetime.now() - datetime.timedelta(days=1))]).unlink()
