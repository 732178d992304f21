from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.miz_base.tools import jalali

from .miz_khedmat_request import OPEN_STATES, STATES
from .miz_khedmat_service import DELIVERY_CHANNELS, RECIPIENT_TYPES


class MizKhedmatReportRequest(models.Model):
    """One row per service-desk request, with the measures managers read on the dashboard.

    - ``on_time_rate``: 100 when the response was notified on or before the promised date, 0 when late; empty
      (so left out of the average) while no response was notified.
    - ``duration_days``: working days of the agency's calendar from registration to the response notice (counted
      like the promise it is compared with: ``miz_duration_working_days`` of the request), notified requests only.
    - ``overdue_count``: 1 for an open request past its promised date (by current unit: "overdue by unit").

    Overdue follows the rule of the request (``is_overdue``): an open request whose promised date is before
    today's date in Tehran. The rows are a query (``_table_query``) rather than a stored view so that "today" is
    computed in Python at each read — the same day as the request's, and the one ``freeze_time`` moves in tests —
    instead of PostgreSQL's ``CURRENT_DATE`` (the server's day, in UTC on most servers: from 00:00 to 03:30 in
    Tehran the view called yesterday's promises "not overdue").
    """

    _name = "report.miz.khedmat.request"
    _description = "Service Desk Request Analysis"
    _auto = False
    _rec_name = "request_id"
    _order = "registration_date desc, id desc"

    request_id = fields.Many2one("miz.khedmat.request", string="Request", readonly=True)
    tracking_code = fields.Char(readonly=True)
    partner_id = fields.Many2one("res.partner", string="Applicant", readonly=True)
    service_id = fields.Many2one("miz.khedmat.service", string="Service", readonly=True)
    agency_id = fields.Many2one("miz.agency", string="Agency", readonly=True)
    channel = fields.Selection(
        [("in_person", "In-person desk"), ("electronic", "Electronic desk")], string="Channel", readonly=True
    )
    delivery_channel = fields.Selection(DELIVERY_CHANNELS, string="Service Delivery Channel", readonly=True)
    recipient_type = fields.Selection(RECIPIENT_TYPES, string="Recipient Type", readonly=True)
    state = fields.Selection(STATES, readonly=True)
    current_unit_id = fields.Many2one("miz.org.unit", string="Current Unit", readonly=True)
    clerk_id = fields.Many2one("res.users", string="Desk Clerk", readonly=True)
    date = fields.Datetime("Intake Date", readonly=True)
    registration_date = fields.Datetime(readonly=True)
    promised_date = fields.Date(readonly=True)
    notice_date = fields.Datetime("Response Notice Date", readonly=True)
    is_overdue = fields.Boolean("Past Promised Date", readonly=True)
    is_on_time = fields.Boolean("Answered On Time", readonly=True)
    nbr = fields.Integer("Requests", readonly=True, aggregator="sum")
    on_time_rate = fields.Float("On-time Rate (%)", readonly=True, aggregator="avg", digits=(5, 1))
    duration_days = fields.Float("Average Duration (working days)", readonly=True, aggregator="avg", digits=(6, 1))
    overdue_count = fields.Integer("Overdue", readonly=True, aggregator="sum")

    @property
    def _table_query(self):
        # today in Tehran, as the request's is_overdue counts it
        return self._query(jalali.to_local(fields.Datetime.now()).date())

    def _query(self, today):
        """The rows, with ``today`` (a date: today in Tehran) deciding which open requests are overdue."""
        overdue = SQL("(req.state IN %s AND req.promised_date < %s)", OPEN_STATES, today)
        return SQL(
            """
            SELECT req.id AS id,
                   req.id AS request_id,
                   req.tracking_code AS tracking_code,
                   req.partner_id AS partner_id,
                   req.service_id AS service_id,
                   req.agency_id AS agency_id,
                   req.channel AS channel,
                   service.delivery_channel AS delivery_channel,
                   service.recipient_type AS recipient_type,
                   req.state AS state,
                   req.current_unit_id AS current_unit_id,
                   req.clerk_id AS clerk_id,
                   req.create_date AS date,
                   req.registration_date AS registration_date,
                   req.promised_date AS promised_date,
                   req.notice_date AS notice_date,
                   COALESCE(%(overdue)s, FALSE) AS is_overdue,
                   (req.notice_date IS NOT NULL AND req.on_time IS TRUE) AS is_on_time,
                   1 AS nbr,
                   CASE WHEN req.notice_date IS NULL THEN NULL
                        WHEN req.on_time THEN 100.0 ELSE 0.0 END AS on_time_rate,
                   CASE WHEN req.notice_date IS NULL THEN NULL
                        ELSE req.miz_duration_working_days END AS duration_days,
                   CASE WHEN %(overdue)s THEN 1 ELSE 0 END AS overdue_count
              FROM miz_khedmat_request req
              JOIN miz_khedmat_service service ON service.id = req.service_id
            """,
            overdue=overdue,
        )

    def init(self):
        # the rows were a stored view before they became a query (``_table_query``): drop it on upgrade
        tools.drop_view_if_exists(self.env.cr, self._table)
