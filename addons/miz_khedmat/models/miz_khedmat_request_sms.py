import logging

from odoo import _, api, models

from odoo.addons.miz_base.tools import jalali, validation

_logger = logging.getLogger(__name__)

# stage -> xml id of its sms.template (data/miz_khedmat_sms_data.xml); managers edit the bodies.
# "delivered" closes the request and offers the satisfaction survey: its SMS is the survey link.
SMS_TEMPLATES = {
    "registered": "miz_khedmat.sms_template_miz_khedmat_request_registered",
    "deficient": "miz_khedmat.sms_template_miz_khedmat_request_deficient",
    "ready": "miz_khedmat.sms_template_miz_khedmat_request_ready",
    "response": "miz_khedmat.sms_template_miz_khedmat_request_response",
    "survey": "miz_khedmat.sms_template_miz_khedmat_request_survey",
    "delivered": "miz_khedmat.sms_template_miz_khedmat_request_survey",
}


class MizKhedmatRequest(models.Model):
    """SMS to the citizen at every stage, through Odoo's SMS queue (sent by miz_base's providers)."""

    _inherit = "miz.khedmat.request"

    @api.model
    def _miz_sms_template(self, stage):
        xmlid = SMS_TEMPLATES.get(stage)
        return self.env.ref(xmlid, raise_if_not_found=False) if xmlid else None

    def _miz_sms_number(self):
        """The applicant's mobile as ``09xxxxxxxxx`` (mobile, phone, then the mobile typed at intake), or False."""
        self.ensure_one()
        partner = self.partner_id
        for value in (partner.mobile, partner.phone, self.applicant_mobile):
            if value and validation.is_valid_mobile(value):
                return validation.normalize_mobile(value)
        return False

    def _miz_notify(self, stage):
        """Queue the SMS of ``stage`` to the applicant from the desk's editable template.

        Stages: ``registered`` (tracking code), ``deficient``, ``ready``, ``response``, ``delivered``/``survey``
        (survey link). The SMS is posted in the chatter and an ``sms.sms`` is queued (Odoo's SMS queue, sent by
        miz_base's provider). Returns the queued ``sms.sms``; without a valid mobile number a note says so.
        A stage whose template was deleted sends nothing.
        """
        self.ensure_one()
        template = self._miz_sms_template(stage)
        Sms = self.env["sms.sms"].sudo()
        if not template:
            return Sms
        if stage in ("delivered", "survey") and not self.env["survey.user_input"]._miz_satisfaction_survey():
            return Sms
        number = self._miz_sms_number()
        partner = self.partner_id
        if not number or not partner:
            self.message_post(
                body=_(
                    "No valid mobile number for the applicant: the SMS “%(name)s” was not sent.", name=template.name
                ),
                subtype_xmlid="mail.mt_note",
            )
            return Sms
        # desk SMS are Persian whatever the applicant's or the clerk's language (the templates carry no lang, so
        # they render in the context language); without Persian installed they render their source text
        lang = "fa_IR" if self.env["res.lang"]._lang_get("fa_IR") else self.env.lang
        message = self.with_context(lang=lang)._message_sms_with_template(
            template=template.with_context(lang=lang),
            partner_ids=partner.ids,
            sms_pid_to_number={partner.id: number},
            put_in_queue=True,
        )
        return Sms.search([("mail_message_id", "=", message.id)])

    # ------------------------------------------------------------------ template helpers
    def _miz_sms_jdate(self, value):
        """Jalali date in Persian digits for SMS bodies (``'۱۴۰۵/۰۱/۱۵'``), empty when no value."""
        return jalali.format_date(value) if value else ""

    def _miz_sms_missing_documents(self):
        self.ensure_one()
        return "، ".join((self.missing_document_names or "").splitlines())

    def _miz_sms_result(self):
        self.ensure_one()
        texts = {"approved": _("approved"), "rejected": _("rejected")}
        return texts.get(self.result, "")
