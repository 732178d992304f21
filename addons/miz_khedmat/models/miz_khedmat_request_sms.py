import logging

from odoo import _, api, models

from odoo.addons.miz_base.tools import jalali, validation

_logger = logging.getLogger(__name__)

# stage -> xml id of its sms.template (data/miz_khedmat_sms_data.xml); managers edit the bodies
SMS_TEMPLATES = {
    "registered": "miz_khedmat.sms_template_miz_khedmat_request_registered",
    "deficient": "miz_khedmat.sms_template_miz_khedmat_request_deficient",
    "ready": "miz_khedmat.sms_template_miz_khedmat_request_ready",
    "response": "miz_khedmat.sms_template_miz_khedmat_request_response",
    "survey": "miz_khedmat.sms_template_miz_khedmat_request_survey",
}


class MizKhedmatRequest(models.Model):
    """SMS to the citizen at every stage, through Odoo's SMS queue (sent by miz_base's providers)."""

    _inherit = "miz.khedmat.request"

    @api.model
    def _miz_sms_template(self, stage):
        xmlid = SMS_TEMPLATES.get(stage)
        return self.env.ref(xmlid, raise_if_not_found=False) if xmlid else None

    def _miz_sms_number(self):
        """The citizen's mobile as ``09xxxxxxxxx`` (mobile first, then phone), or False."""
        self.ensure_one()
        partner = self.partner_id
        for value in (partner.mobile, partner.phone):
            if value and validation.is_valid_mobile(value):
                return validation.normalize_mobile(value)
        return False

    def _miz_notify(self, stage):
        """Queue the SMS of ``stage`` (registered, deficient, ready, response, survey) to the citizen.

        The message is posted in the chatter (type SMS) and an ``sms.sms`` is queued; without a mobile
        number a note says so. Stages without a template fall back to the core behaviour.
        """
        template = self._miz_sms_template(stage)
        if not template:
            return super()._miz_notify(stage)
        for request in self:
            number = request._miz_sms_number()
            if not number:
                request.message_post(
                    body=_("No valid mobile number for the citizen: the SMS “%(name)s” was not sent.", name=template.name),
                    subtype_xmlid="mail.mt_note",
                )
                continue
            partner = request.partner_id
            request._message_sms_with_template(
                template=template,
                partner_ids=partner.ids,
                sms_pid_to_number={partner.id: number},
            )
        return True

    # ------------------------------------------------------------------ template helpers
    def _miz_sms_jdate(self, value):
        """Jalali date in Persian digits for SMS bodies (``'۱۴۰۵/۰۱/۱۵'``), empty when no value."""
        return jalali.format_date(value) if value else ""
