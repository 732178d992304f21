from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

TOKEN = "test-token-of-agency-a-0123456789"
NATIONAL_CODE = "0012345679"


class MizInquiryCommon(BaseCommon):
    """Our agency (which both asks and answers, on this very server), its partner agency and an inquiry user.

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
            groups="miz_inquiry.group_miz_inquiry_user",
            lang="fa_IR",
            name="پاسخگوی استعلام",
        )
        # the inquiry users work in a unit of our agency: the record rules show them its inquiries only
        cls.unit = cls.env["miz.org.unit"].create(
            {
                "name": "واحد استعلام (آزمون)",
                "agency_id": cls.agency.id,
                "member_ids": [(6, 0, (cls.inquiry_user | cls.answerer).ids)],
            }
        )
        cls.person = cls.env["res.partner"].create({"name": "علی رضایی", "miz_national_code": NATIONAL_CODE})
        Type = cls.env["miz.inquiry.type"]
        cls.type_person = Type.create(
            {
                "name": "Person by national code",
                "code": "person.ncode",
                "direction": "both",
                "agency_id": cls.agency.id,
                "provider_agency_id": cls.agency.id,
                "answer_kind": "person_national_code",
                "wsdl_url": "http://127.0.0.1:9/miz/inquiry/soap?wsdl",
                "requester_code": "AGENCY-A",
                "timeout": 10,
                "outbound_token": TOKEN,
            }
        )
        cls.type_manual = Type.create(
            {
                "name": "Educational certificate",
                "code": "edu.certificate",
                "direction": "inbound",
                "agency_id": cls.agency.id,
                "answer_kind": "manual",
                "manual_user_id": cls.answerer.id,
            }
        )
        cls.caller = cls.env["miz.inquiry.partner"].create(
            {
                "agency_id": cls.other_agency.id,
                "agency_code": "AGENCY-A",
                "new_token": TOKEN,
                "type_ids": [(6, 0, (cls.type_person | cls.type_manual).ids)],
            }
        )

    @classmethod
    def _fa(cls, record):
        return record.with_context(lang="fa_IR")
