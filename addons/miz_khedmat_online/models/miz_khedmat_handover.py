from odoo import api, models


class MizKhedmatHandover(models.Model):
    _inherit = "miz.khedmat.handover"

    @api.model
    def _miz_record(self, step, kind, referral, *args, **kwargs):
        """Also tell the applicant by SMS when the file reaches a new unit, if the service asks for it."""
        handover = super()._miz_record(step, kind, referral, *args, **kwargs)
        request = step.request_id.sudo()
        if kind == "unit_to_unit" and request.service_id.online_sms_handover and handover.to_unit_id:
            request._miz_online_sms("handover", unit=handover.to_unit_id.name)
        return handover
