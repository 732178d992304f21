from odoo import http
from odoo.http import request

from odoo.addons.miz_base.tools import digits, jalali


class MizLetterVerification(http.Controller):
    @http.route("/miz/letter/verify/<string:token>", type="http", auth="public", methods=["GET"], sitemap=False)
    def verify_letter(self, token, **kwargs):
        """Public check that a registered letter exists: number, date and a short hash of its subject only.

        The letter is looked up only by its unguessable access token, and only among registered letters; nothing
        else of the letter (subject, body, parties) is shown, whatever its confidentiality.
        """
        if not token or len(token) < 16:
            raise request.not_found()
        letter = (
            request.env["miz.secretariat.letter"]
            .sudo()
            .search([("access_token", "=", token), ("state", "in", ("registered", "sent"))], limit=1)
        )
        if not letter:
            raise request.not_found()
        values = {
            "number": digits.to_persian_digits(letter.name),
            "date": jalali.format_datetime(letter.registration_date),
            "subject_hash": letter._subject_hash(),
            "agency": letter.agency_id.name,
        }
        return request.render("miz_secretariat.letter_verification_page", values)
