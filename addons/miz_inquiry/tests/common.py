from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

TOKEN = "test-secret-of-agency-a-0123456789abcdef"
NATIONAL_CODE = "0012345679"


class MizInquiryCommon(BaseCommon):
    """Our agency (which both asks and answers, on this very server), the partner agency that calls us, an inquiry
    officer and the person who answers manual inquiries, and a registered letter to verify.

    Persian is activated so that the messages users and callers read are checked in Persian.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        Agency = cls.env["miz.agency"]
        cls.agency = Agency.create({"name": "اداره کل ثبت احوال (آزمون)"})
        cls.other_agency = Agency.create({"name": "اداره کل آموزش فنی و حرفه‌ای (آزمون)"})
        cls.inquiry_user = new_test_user(
            cls.env,
            login="miz_inq_user",
            groups="miz_inquiry.group_miz_inquiry_user",
            lang="fa_IR",
            name="کاربر استعلام",
        )
        cls.answerer = new_test_user(
            cls.env,
            login="miz_inq_answerer",
            groups="miz_inquiry.group_miz_inquiry_user,miz_secretariat.group_miz_secretariat_clerk",
            lang="fa_IR",
            name="پاسخگوی استعلام",
        )
        cls.answerer.miz_secretariat_agency_ids = cls.agency
        cls.unit = cls.env["miz.org.unit"].create(
            {
                "name": "واحد استعلام (آزمون)",
                "agency_id": cls.agency.id,
                "member_ids": [Command.set((cls.inquiry_user | cls.answerer).ids)],
            }
        )
        cls.person = cls.env["res.partner"].create({"name": "علی رضایی", "miz_national_code": NATIONAL_CODE})
        cls.letter = cls.env["miz.secretariat.letter"]._miz_register_incoming(
            {"agency_id": cls.agency.id, "subject": "نامهٔ آزمون", "sender_agency_id": cls.other_agency.id}
        )
        Type = cls.env["miz.inquiry.type"]
        cls.type_letter = Type.create(
            {
                "name": "Verify a letter",
                "code": "letter.verify",
                "direction": "both",
                "agency_id": cls.agency.id,
                "provider_agency_id": cls.agency.id,
                "answer_kind": "letter_verify",
                "endpoint_url": "http://127.0.0.1:9/miz/inquiry/soap",
                "requester_code": "AGENCY-A",
                "timeout": 10,
                "sla_days": 2,
                "outbound_secret": TOKEN,
                "param_ids": [
                    Command.create({"name": "letterNumber", "label": "Number"}),
                    Command.create({"name": "letterDate", "label": "Date"}),
                ],
            }
        )
        cls.type_manual = Type.create(
            {
                "name": "Educational certificate",
                "code": "edu.certificate",
                "direction": "inbound",
                "agency_id": cls.agency.id,
                "answer_kind": "manual",
                "subject_required": True,
                "manual_user_id": cls.answerer.id,
            }
        )
        cls.type_person = Type.create(
            {
                "name": "Person",
                "code": "person.ncode",
                "direction": "inbound",
                "answer_kind": "person_national_code",
                "subject_required": True,
            }
        )
        cls.caller = cls.env["miz.inquiry.partner"].create(
            {
                "agency_id": cls.other_agency.id,
                "agency_code": "AGENCY-A",
                "new_token": TOKEN,
                "type_ids": [Command.set((cls.type_letter | cls.type_manual).ids)],
            }
        )

    def _letter_params(self, letter=None):
        letter = letter or self.letter
        from odoo.addons.miz_base.tools import jalali

        return [
            ("letterNumber", letter.name),
            ("letterDate", jalali.format_date(letter.registration_date, latin_digits=True)),
        ]

    def _counts(self):
        """Rows of every table the service writes (a refused call must leave them unchanged)."""
        self.env.flush_all()
        counts = {}
        for model in ("miz.inquiry.inbound", "miz.inquiry.message", "miz.inquiry.nonce", "miz.secretariat.letter"):
            counts[model] = self.env[model].sudo().with_context(active_test=False).search_count([])
        return counts
