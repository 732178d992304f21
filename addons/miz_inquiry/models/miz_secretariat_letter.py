from odoo import models


class MizSecretariatLetter(models.Model):
    _inherit = "miz.secretariat.letter"

    def _miz_register(self):
        result = super()._miz_register()
        self._miz_inquiry_reply_registered()
        return result

    def _miz_create_registered(self, vals):
        letter = super()._miz_create_registered(vals)
        letter._miz_inquiry_reply_registered()
        return letter

    def _miz_inquiry_reply_registered(self):
        """A registered reply letter answers the inquiry its letter belongs to: our outgoing reply to the incoming
        letter of a manual inbound inquiry, or the incoming reply to the letter of a paper outbound inquiry."""
        for letter in self.sudo().filtered("reply_to_id"):
            if letter.kind == "outgoing":
                for inbound in (
                    self.env["miz.inquiry.inbound"]
                    .sudo()
                    .search([("letter_id", "=", letter.reply_to_id.id), ("state", "=", "received")])
                ):
                    inbound._miz_complete_from_reply(letter)
            elif letter.kind == "incoming":
                for request in (
                    self.env["miz.inquiry.request"]
                    .sudo()
                    .search([("letter_id", "=", letter.reply_to_id.id), ("state", "=", "paper")])
                ):
                    request._miz_complete_from_reply(letter)
