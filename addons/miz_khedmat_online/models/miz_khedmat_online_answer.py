from odoo import fields, models


class MizKhedmatOnlineAnswer(models.Model):
    """The answer to one extra question of an online request (copied text: later edits of the form change nothing)."""

    _name = "miz.khedmat.online.answer"
    _description = "Online Form Answer"
    _order = "request_id, sequence, id"

    sequence = fields.Integer(default=10)
    request_id = fields.Many2one("miz.khedmat.request", required=True, ondelete="cascade", index=True, readonly=True)
    question = fields.Char(required=True, readonly=True)
    value = fields.Text(readonly=True)
