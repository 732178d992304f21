from odoo import api, fields, models

KINDS = ("incoming", "outgoing", "internal")


class MizAgency(models.Model):
    _inherit = "miz.agency"

    miz_secretariat_numbering_ids = fields.One2many("miz.secretariat.numbering", "agency_id", string="Letter Numbering")

    @api.model_create_multi
    def create(self, vals_list):
        agencies = super().create(vals_list)
        agencies._miz_secretariat_ensure_numbering()
        return agencies

    def _miz_secretariat_ensure_numbering(self):
        """Create the three numberings (incoming, outgoing, internal) of agencies that lack them."""
        Numbering = self.env["miz.secretariat.numbering"].sudo()
        for agency in self:
            existing = set(agency.sudo().miz_secretariat_numbering_ids.mapped("kind"))
            missing = [k for k in KINDS if k not in existing]
            if missing:
                Numbering.create([{"agency_id": agency.id, "kind": k} for k in missing])
