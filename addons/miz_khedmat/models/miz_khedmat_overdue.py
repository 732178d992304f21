import logging

from odoo import _, api, fields, models

from odoo.addons.miz_base.tools import jalali

from .miz_khedmat_request import OPEN_STATES

_logger = logging.getLogger(__name__)


class MizKhedmatOverdue(models.Model):
    """The memory of the daily overdue alert: one row per file (or routing step) and person told.

    The cron :meth:`_miz_cron_alert_overdue` runs every day. For each open request past its promised date it
    schedules one to-do activity on the request for its desk manager(s) — the users of the desk-manager group who
    represent the request's agency or its desk unit — and for each routing step past its deadline one for the
    representative of the unit holding the file. A row here is written with each activity, so a file or a step is
    never announced twice to the same person, even after the activity was marked done and deleted.

    Written by the cron only (through ``sudo()``); people read the activities, not these rows.
    """

    _name = "miz.khedmat.overdue"
    _description = "Overdue Alert of a Desk Request"
    _order = "id desc"

    key = fields.Char(required=True, readonly=True, help="request-<id> or step-<id>: what the alert is about.")
    request_id = fields.Many2one("miz.khedmat.request", required=True, readonly=True, ondelete="cascade", index=True)
    step_id = fields.Many2one("miz.khedmat.request.step", readonly=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", string="Informed", required=True, readonly=True, ondelete="cascade")
    date = fields.Date(string="Day Raised", required=True, readonly=True, help="The day in Tehran.")
    activity_id = fields.Many2one("mail.activity", readonly=True, ondelete="set null")

    _sql_constraints = [("key_user_unique", "unique(key, user_id)", "A file is announced once to each person.")]

    # ------------------------------------------------------------------ recipients
    @api.model
    def _miz_desk_managers(self, request):
        """Desk managers of ``request``: representatives of its agency or of its desk unit in the manager group."""
        group = self.env.ref("miz_khedmat.group_miz_khedmat_manager")
        users = request.agency_id.representative_id | request.desk_unit_id.representative_id
        return users.filtered(lambda user: user.active and group in user.groups_id)

    # ------------------------------------------------------------------ cron
    @api.model
    def _miz_cron_alert_overdue(self):
        """Raise the activities of the day; returns the new ``miz.khedmat.overdue`` rows."""
        today = jalali.to_local(fields.Datetime.now()).date()  # the request's rule: the day in Tehran
        Request = self.env["miz.khedmat.request"].sudo()
        Step = self.env["miz.khedmat.request.step"].sudo()
        requests = Request.search([("state", "in", OPEN_STATES), ("promised_date", "<", today)], order="id")
        steps = Step.search(
            [("state", "=", "active"), ("deadline", "<", today), ("request_id.state", "in", OPEN_STATES)],
            order="id",
        )
        wanted = []  # (key, request, step, user)
        for request in requests:
            for user in self._miz_desk_managers(request):
                wanted.append((f"request-{request.id}", request, Step, user))
        for step in steps:
            if step.unit_id.representative_id.active:
                wanted.append((f"step-{step.id}", step.request_id, step, step.unit_id.representative_id))
        if not wanted:
            return self.browse()
        done = {
            (alert.key, alert.user_id.id)
            for alert in self.sudo().search([("key", "in", list({key for key, *_rest in wanted}))])
        }
        todo = self.env.ref("mail.mail_activity_data_todo")
        values = []
        for key, request, step, user in wanted:
            if (key, user.id) in done:
                continue
            done.add((key, user.id))
            if not request.with_user(user).has_access("read"):
                _logger.warning("Overdue %s: %s cannot read request %s; not informed.", key, user.login, request.id)
                continue
            texts = self.with_context(lang=user.lang or self.env.lang)  # in the language of the person told
            activity = request.activity_schedule(
                activity_type_id=todo.id,
                summary=texts._miz_summary(request, step),
                note=texts._miz_note(request, step),
                user_id=user.id,
                date_deadline=today,
            )
            values.append(
                {
                    "key": key,
                    "request_id": request.id,
                    "step_id": step.id,
                    "user_id": user.id,
                    "date": today,
                    "activity_id": activity.id,
                }
            )
        return self.sudo().create(values)

    @api.model
    def _miz_summary(self, request, step):
        code = request.tracking_code_display
        if step:
            return _("Overdue at %(unit)s: %(code)s", unit=step.unit_id.name, code=code)
        return _("Past its promised date: %(code)s", code=code)

    @api.model
    def _miz_note(self, request, step):
        if step:
            return _(
                "The file of request %(request)s has been at unit %(unit)s since %(start)s; its deadline was "
                "%(deadline)s. Hand it on or record the result.",
                request=request.display_name,
                unit=step.unit_id.name,
                start=jalali.format_date(step.start_date),
                deadline=jalali.format_date(step.deadline),
            )
        return _(
            "Request %(request)s (%(service)s) was promised for %(promised)s and is not answered yet; it is at "
            "%(holder)s.",
            request=request.display_name,
            service=request.service_title or request.service_id.name,
            promised=jalali.format_date(request.promised_date),
            holder=request.current_unit_id.name or _("the desk"),
        )
