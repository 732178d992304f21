from odoo import _, models
from odoo.exceptions import UserError


class MizSecretariatReferral(models.Model):
    """A desk file's referrals move with the desk: the unit hands the file on (or the desk delivers it) from the
    request, which finishes the referral; finishing or returning it from the cartable alone would leave the desk step
    and the secretariat referral in two different states."""

    _inherit = "miz.secretariat.referral"

    def _miz_desk_requests(self):
        """Desk requests whose routing (a step, or the file's return to the desk) runs on these referrals."""
        Handover = self.env["miz.khedmat.handover"].sudo()
        return Handover.search([("referral_id", "in", self.ids)]).request_id

    def _miz_check_not_desk(self):
        requests = self._miz_desk_requests()
        if requests:
            raise UserError(
                _(
                    "This referral carries the file of desk request %(request)s: hand the file on (or deliver the "
                    "response) from the request itself, so that the desk and the secretariat stay in step.",
                    request=requests[0].sudo().display_name,
                )
            )

    def action_done(self):
        self._miz_check_not_desk()
        return super().action_done()

    def action_return(self):
        self._miz_check_not_desk()
        return super().action_return()
