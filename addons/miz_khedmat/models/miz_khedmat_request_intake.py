import json

from markupsafe import Markup

from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.miz_base.tools import jalali

from ..tools import tracking

_TRACKING_ATTEMPTS = 8


class MizKhedmatRequest(models.Model):
    """Intake and registration: deficiency notice, or one transaction giving the tracking code, the promised date,
    the secretariat letter, the routing steps with the first referral, the first hand-over and the SMS."""

    _inherit = "miz.khedmat.request"

    # ------------------------------------------------------------------ actions: intake
    def action_intake(self):
        """The desk's main button: deficient (notice) if a required document is missing, else register (receipt)."""
        self.ensure_one()
        if self.missing_count:
            return self.action_mark_deficient()
        return self.action_register()

    def action_mark_deficient(self):
        self._miz_check_desk()
        self._miz_check_state(("draft", "deficient"), _("be marked deficient"))
        for request in self:
            if not request.missing_count:
                raise UserError(_("All required documents of %s are received: register it.", request.display_name))
        now = fields.Datetime.now()
        self.sudo().write({"state": "deficient", "deficiency_date": now})
        for request in self:
            request.message_post(
                body=_("Deficient documents: %s", request.missing_document_names.replace("\n", "، ")),
                subtype_xmlid="mail.mt_note",
            )
            request._miz_notify("deficient")
        return self.env.ref("miz_khedmat.action_report_deficiency_notice").report_action(self)

    def action_register(self):
        """Register complete requests in one transaction; return the receipt to print."""
        self._miz_register()
        return self.env.ref("miz_khedmat.action_report_receipt").report_action(self)

    def _miz_register(self):
        self._miz_check_desk()
        return self._miz_register_checked()

    def _miz_register_one(self):
        self.ensure_one()
        service = self.service_id
        now = fields.Datetime.now()
        today = jalali.to_local(now).date()
        agency = service.agency_id
        terms = service._miz_terms()
        code = self._miz_new_tracking_code()
        promised = agency.add_working_days(today, service.duration_promised_days)
        # the incoming letter carries the documents and goes to the first unit of the routing
        first = service.step_ids[0]
        first_deadline = agency.add_working_days(today, first.days)
        attachments = self.document_ids.attachment_ids
        letter = self.env["miz.secretariat.letter"]._miz_register_incoming(
            {
                "subject": _(
                    "Desk request %(code)s: %(service)s", code=tracking.format_code(code), service=service.name
                ),
                "agency_id": agency.id,
                "sender_partner_id": self.partner_id.id,
                "body": self._miz_letter_body(code, promised),
                "attachment_ids": [fields.Command.set(attachments.ids)],
                "origin_ref": f"{self._name},{self.id}",
            },
            [
                {
                    "to_unit_id": first.unit_id.id,
                    "instruction": first.name or service.name,
                    "purpose": "action",
                    "deadline": first_deadline,
                }
            ],
        )
        referral = letter.referral_ids[:1]
        step_vals = [
            {
                "request_id": self.id,
                "sequence": index,
                "name": step.name,
                "unit_id": step.unit_id.id,
                "days": step.days,
            }
            for index, step in enumerate(service.step_ids, start=1)
        ]
        steps = self.env["miz.khedmat.request.step"].sudo().create(step_vals)
        steps[0].sudo().write(
            {"state": "active", "start_date": now, "deadline": first_deadline, "referral_id": referral.id}
        )
        self.env["miz.khedmat.handover"]._miz_record(
            steps[0], "desk_to_unit", referral, from_unit=self.desk_unit_id, to_unit=first.unit_id
        )
        self.sudo().write(
            {
                "state": "registered",
                "tracking_code": code,
                "registration_date": now,
                "promised_date": promised,
                "promised_days": terms["promised_days"],
                "objection_window_days": terms["objection_window_days"],
                "service_code": terms["code"],
                "service_title": terms["title"],
                "terms_version": terms["version"],
                "terms_snapshot": json.dumps(terms, ensure_ascii=False, sort_keys=True),
                "letter_id": letter.id,
            }
        )
        self._miz_notify("registered")

    def _miz_new_tracking_code(self):
        for _attempt in range(_TRACKING_ATTEMPTS):
            code = tracking.generate()
            if not self.sudo().search_count([("tracking_code", "=", code)], limit=1):
                return code
        raise UserError(_("Could not create a unique tracking code; try again."))

    def _miz_letter_body(self, code, promised):
        self.ensure_one()
        lines = [
            _("Applicant: %s", self.partner_id.name),
            _("Service: %s", self.service_id.display_name),
            _("Tracking code: %s", tracking.format_code(code)),
            _("Promised date: %s", jalali.format_date(promised)),
            _("Documents received: %s", "، ".join(self.document_ids.filtered("received").mapped("name"))),
        ]
        return Markup("").join(Markup("<p>%s</p>") % line for line in lines)

    # ------------------------------------------------------------------ actions: routing (current step)
    def action_receive(self):
        for request in self:
            if not request.current_step_id:
                raise UserError(_("Request %s is not at a unit.", request.display_name))
            request.current_step_id.action_receive()
        return True

    def action_hand_over(self):
        for request in self:
            if not request.current_step_id:
                raise UserError(_("Request %s is not at a unit.", request.display_name))
        return self.current_step_id.action_hand_over()

    # ------------------------------------------------------------------ hooks of the electronic desk
    def _miz_register_checked(self):
        """The registration itself, without the desk-clerk check of :meth:`_miz_register`: for the electronic desk
        (miz_khedmat_online), which identifies the applicant itself (one-time code) and calls it through sudo()."""
        for request in self:
            if request.state not in ("draft", "deficient"):
                raise UserError(_("Request %s is already registered.", request.display_name))
            if request.missing_count:
                raise UserError(
                    _(
                        "These required documents are missing: %s. Print the deficiency notice instead.",
                        request.missing_document_names.replace("\n", "، "),
                    )
                )
            request.service_id._miz_check_offered(request.channel)
            request._miz_register_one()
        return True
