from odoo import fields, models


class MizKhedmatServiceStep(models.Model):
    """One step of a service's routing: the unit that handles the file and the working days it has."""

    _name = "miz.khedmat.service.step"
    _description = "Routing Step of a Service"
    _order = "service_id, sequence, id"

    sequence = fields.Integer(default=10)
    service_id = fields.Many2one("miz.khedmat.service", required=True, ondelete="cascade", index=True)
    name = fields.Char(string="Task", help="What the unit does at this step.")
    unit_id = fields.Many2one("miz.org.unit", string="Unit", required=True, ondelete="restrict")
    representative_id = fields.Many2one(related="unit_id.representative_id", string="Unit Representative")
    days = fields.Integer(string="Working Days", default=1, required=True)

    _sql_constraints = [("days_positive", "check(days >= 0)", "The days of a routing step cannot be negative.")]
