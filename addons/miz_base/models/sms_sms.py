"""Odoo's SMS queue sent through miz's providers instead of Odoo IAP.

- ``send()`` called from business code (chatter SMS, templates, ``_message_sms``) only queues: the messages
  stay ``outgoing`` and the queue cron is triggered, so a slow or failing provider never blocks or rolls back
  the caller's transaction.
- The cron (``sms.ir_cron_sms_scheduler_action`` → ``_process_queue``) first puts back in the queue the
  messages that failed with a temporary error and have attempts left, then sends the queue.
- ``_send()`` (the method that called IAP) asks the message's provider (or the default one); the outcome keeps
  Odoo's states: ``pending`` (accepted by the provider, shown "Sent") or ``error`` with ``failure_type`` and a
  readable reason in ``miz_error`` (also the failure reason of the chatter notification, so the record shows the
  SMS as not delivered); ``miz_attempts`` counts the tries. The log-only provider reports ``error``/``sms_acc``:
  nothing was delivered.
"""

import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import validation

_logger = logging.getLogger(__name__)

QUEUE_CONTEXT_KEY = "miz_sms_from_queue"


class SmsSms(models.Model):
    _inherit = "sms.sms"

    miz_provider_id = fields.Many2one("miz.sms.provider", "Provider", index="btree_not_null", readonly=True)
    miz_error = fields.Text("Error reason", readonly=True, copy=False)
    miz_attempts = fields.Integer("Attempts", readonly=True, copy=False, default=0)
    miz_retry = fields.Boolean("Will be retried", readonly=True, copy=False)
    miz_last_try = fields.Datetime("Last try", readonly=True, copy=False)

    # ------------------------------------------------------------------ actions
    def action_miz_retry(self):
        """Put failed or cancelled messages back in the queue (manual retry) and wake the queue cron up."""
        to_retry = self.filtered(lambda sms: sms.state in ("error", "canceled"))
        if not to_retry:
            raise UserError(_("Only messages in error or cancelled can be retried."))
        to_retry.write({"miz_attempts": 0, "miz_retry": False})
        to_retry.action_set_outgoing()
        to_retry._miz_trigger_queue()
        return True

    def resend_failed(self):
        # Odoo's "Resend" sends synchronously; in miz it queues like every other send.
        to_retry = self.filtered(lambda sms: sms.state == "error" and not sms.to_delete)
        if to_retry:
            to_retry.action_miz_retry()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("SMS queue"),
                "message": _("%(count)s messages are back in the queue.", count=len(to_retry)),
                "type": "success" if to_retry else "warning",
            },
        }

    # ------------------------------------------------------------------ queue
    def _miz_trigger_queue(self):
        cron = self.env.ref("sms.ir_cron_sms_scheduler_action", raise_if_not_found=False)
        if cron:
            cron.sudo()._trigger()

    def send(self, unlink_failed=False, unlink_sent=True, auto_commit=False, raise_exception=False):
        if not self.env.context.get(QUEUE_CONTEXT_KEY):
            # never send inside the caller's transaction: the cron sends once this transaction is committed
            self._miz_trigger_queue()
            return None
        return super().send(
            unlink_failed=unlink_failed,
            unlink_sent=unlink_sent,
            auto_commit=auto_commit,
            raise_exception=raise_exception,
        )

    @api.model
    def _miz_requeue_failed(self):
        """Put back in the queue the messages whose last failure is temporary and that have attempts left."""
        to_requeue = self.sudo().search(
            [("state", "=", "error"), ("miz_retry", "=", True), ("to_delete", "!=", True)], limit=10000
        )
        if to_requeue:
            to_requeue.write({"state": "outgoing"})
        return to_requeue

    @api.model
    def _process_queue(self, ids=None):
        self._miz_requeue_failed()
        self = self.with_context(**{QUEUE_CONTEXT_KEY: True})  # super() sends with this context
        return super()._process_queue(ids=ids)

    def _send(self, unlink_failed=False, unlink_sent=True, raise_exception=False):
        """Send through the miz provider of each message (no IAP call); record the outcome per message."""
        default = self.env["miz.sms.provider"]._get_default()
        now = fields.Datetime.now()
        all_sms_sudo = self.sudo().with_context(sms_skip_msg_notification=True)
        for sms in all_sms_sudo:
            provider = sms.miz_provider_id or default
            vals = {"miz_attempts": sms.miz_attempts + 1, "miz_last_try": now, "miz_provider_id": provider.id}
            if not provider:
                result = (False, "sms_acc", _("No SMS provider is configured."), False)
            elif not sms.number:
                result = (False, "sms_number_missing", _("The message has no phone number."), False)
            else:
                try:
                    number = validation.normalize_mobile(sms.number)
                except ValueError:
                    result = (
                        False,
                        "sms_number_format",
                        _("%(number)s is not an Iranian mobile number (09xxxxxxxxx).", number=sms.number),
                        False,
                    )
                else:
                    result = tuple(provider._miz_send(number, sms.body))
            ok, failure_type, error, retry = result
            if ok:
                sms.sms_tracker_id._action_update_from_sms_state("pending")
                vals.update(state="pending", failure_type=False, miz_error=False, miz_retry=False)
                if unlink_sent:
                    vals["to_delete"] = True
                _logger.info("SMS %s sent through %s", sms.id, provider.name)
            else:
                sms.sms_tracker_id._action_update_from_sms_state(
                    "error", failure_type=failure_type, failure_reason=error
                )
                attempts_left = vals["miz_attempts"] < ((provider.max_attempts or 1) if provider else 1)
                vals.update(
                    state="error", failure_type=failure_type, miz_error=error, miz_retry=retry and attempts_left
                )
                if unlink_failed and not retry:
                    vals["to_delete"] = True
                _logger.info("SMS %s not sent through %s: %s", sms.id, provider.name, error)
            sms.write(vals)
        all_sms_sudo.mail_message_id._notify_message_notification_update()
