from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.miz_base.tools import digits, jalali

HANDOVER_KINDS = [
    ("desk_to_unit", "Desk to Unit"),
    ("unit_to_unit", "Unit to Unit"),
    ("unit_to_desk", "Unit to Desk"),
]


class MizKhedmatHandover(models.Model):
    """A hand-over of a request's file (تحویل پرونده): who handed what to whom, and when.

    Created only by the desk and the routing steps; the daily hand-over sheet of a unit lists them.
    """

    _name = "miz.khedmat.handover"
    _description = "File Hand-over"
    _order = "date desc, id desc"

    request_id = fields.Many2one("miz.khedmat.request", required=True, ondelete="cascade", index=True)
    agency_id = fields.Many2one(related="request_id.agency_id", store=True, index=True)
    step_id = fields.Many2one("miz.khedmat.request.step", ondelete="cascade")
    kind = fields.Selection(HANDOVER_KINDS, required=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    jdate = fields.Char(string="Date (Jalali)", compute="_compute_jdate")
    from_user_id = fields.Many2one("res.users", string="Handed By", required=True)
    from_unit_id = fields.Many2one("miz.org.unit", string="From Unit", help="Empty when handed by the desk.")
    to_user_id = fields.Many2one("res.users", string="Handed To")
    to_unit_id = fields.Many2one("miz.org.unit", string="To Unit", index=True)
    received_date = fields.Datetime()
    received_by_id = fields.Many2one("res.users", string="Received By")
    document_count = fields.Integer(string="Documents")
    note = fields.Text()
    referral_id = fields.Many2one("miz.secretariat.referral", string="Referral", ondelete="set null")
    batch_id = fields.Many2one("miz.khedmat.handover.batch", string="Batch", index=True, ondelete="set null")
    tracking_code = fields.Char(related="request_id.tracking_code")
    partner_id = fields.Many2one(related="request_id.partner_id", string="Applicant")
    service_title = fields.Char(related="request_id.service_title", string="Service")

    @api.depends("date")
    def _compute_jdate(self):
        for handover in self:
            handover.jdate = digits.to_persian_digits(jalali.format_datetime(handover.date)) if handover.date else ""

    @api.depends("request_id", "kind", "to_unit_id")
    def _compute_display_name(self):
        for handover in self:
            target = handover.to_unit_id.name or handover.to_user_id.name or ""
            handover.display_name = f"{handover.request_id.display_name} → {target}"

    @api.model_create_multi
    def create(self, vals_list):
        self._miz_check_internal()
        return super().create(vals_list)

    def write(self, vals):
        self._miz_check_internal()
        return super().write(vals)

    def unlink(self):
        self._miz_check_internal()
        return super().unlink()

    @api.model
    def _miz_check_internal(self):
        if not self.env.su:
            raise UserError(_("Hand-overs are recorded by the desk's and the units' actions only."))

    @api.model
    def _miz_record(self, step, kind, referral, from_unit=None, to_unit=None, note=None, batch=None):
        """Record that the caller handed ``step``'s file on (``kind``: desk_to_unit, unit_to_unit, unit_to_desk) to
        the recipient of ``referral``; the one place a hand-over is written."""
        request = step.request_id
        return self.sudo().create(
            {
                "request_id": request.id,
                "step_id": step.id,
                "kind": kind,
                "date": fields.Datetime.now(),
                "from_user_id": self.env.user.id,
                "from_unit_id": from_unit.id if from_unit else False,
                "to_user_id": referral.to_user_id.id,
                "to_unit_id": to_unit.id if to_unit else False,
                "document_count": len(request.document_ids.filtered("received")),
                "referral_id": referral.id,
                "note": note or False,
                "batch_id": batch.id if batch else False,
            }
        )
