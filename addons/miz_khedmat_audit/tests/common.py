"""The fixture of the audit bridge tests: one agency's catalog with known a, b, c, d and G2C/G2B, and helpers that
drive requests through the desk's real buttons (counter) or create them as the electronic desk would (online).

Catalog of ``agency`` (a = 5 desk services: b = 2 in person, c = 1 electronic, d = 1 combined, 1 outside the desk;
G2C = 3, G2B = 2), besides a supervision service, an archived service and another agency's service that never
count. Period: Saturday 9 May … Friday 15 May 2026 (19–25 Ordibehesht 1405); Monday 11 May is a holiday of the
agency, so the working days are the 9th, 10th, 12th and 13th.
"""

import base64
import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

NATIONAL_CODE = "0012345679"
MOBILE = "09121234567"
PERIOD_START = datetime.date(2026, 5, 9)
PERIOD_END = datetime.date(2026, 5, 15)
HOLIDAY = datetime.date(2026, 5, 11)
AFTER_PERIOD = datetime.datetime(2026, 5, 20, 6, 0)  # when the audit is prepared (UTC)


def tehran(day, hour=9, minute=0):
    """Naive UTC datetime (what freeze_time takes) of ``hour:minute`` in Tehran on ``day``."""
    return datetime.datetime.combine(day, datetime.time(hour, minute)) - datetime.timedelta(hours=3, minutes=30)


class MizKhedmatAuditCommon(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        Agency = env["miz.agency"]
        cls.agency = Agency.create({"name": "اداره کل آزمون ممیزی", "code": "T-KAUD-1"})
        cls.other_agency = Agency.create({"name": "اداره دیگر ممیزی", "code": "T-KAUD-2"})

        def user(login, group, name):
            return new_test_user(env, login=login, groups=group, name=name, tz="Asia/Tehran")

        cls.clerk = user("kaud_clerk", "miz_khedmat.group_miz_khedmat_clerk", "کارشناس میز")
        cls.rep_a = user("kaud_rep_a", "miz_khedmat.group_miz_khedmat_unit_rep", "نماینده واحد")
        cls.manager = user("kaud_manager", "miz_khedmat.group_miz_khedmat_manager", "نماینده تام‌الاختیار")
        cls.evaluator = user("kaud_evaluator", "miz_khedmat.group_miz_khedmat_evaluator", "ارزیاب")
        Unit = env["miz.org.unit"]
        cls.desk_unit = Unit.create(
            {
                "name": "میز خدمت",
                "agency_id": cls.agency.id,
                "member_ids": [Command.set(cls.clerk.ids)],
                "representative_id": cls.manager.id,
            }
        )
        cls.unit_a = Unit.create({"name": "واحد صدور", "agency_id": cls.agency.id, "representative_id": cls.rep_a.id})
        cls.other_clerk = user("kaud_other_clerk", "miz_khedmat.group_miz_khedmat_clerk", "کارشناس دستگاه دیگر")
        other_rep = user("kaud_other_rep", "miz_khedmat.group_miz_khedmat_unit_rep", "نماینده دستگاه دیگر")
        cls.other_desk_unit = Unit.create(
            {"name": "میز دیگر", "agency_id": cls.other_agency.id, "member_ids": [Command.set(cls.other_clerk.ids)]}
        )
        other_unit = Unit.create(
            {"name": "واحد دیگر", "agency_id": cls.other_agency.id, "representative_id": other_rep.id}
        )
        Service = env["miz.khedmat.service"]

        def service(code, name, channel, recipient="g2c", agency=cls.agency, unit=cls.unit_a, **vals):
            values = {
                "name": name,
                "code": code,
                "agency_id": agency.id,
                "recipient_type": recipient,
                "delivery_channel": channel,
                "duration_promised_days": 3,
                "document_ids": [Command.create({"name": "درخواست کتبی", "required": True})],
                "step_ids": [Command.create({"unit_id": unit.id, "days": 1, "name": "بررسی"})],
            }
            values.update(vals)
            return Service.create(values)

        cls.s_in = service(
            "KAUD-01",
            "صدور مجوز",
            "in_person",
            address="ساختمان مرکزی، طبقه همکف، میز ۳",
            url="https://example.gov.ir/services/kaud-01",
            miz_info_boards=True,
            miz_info_phone="۰۲۱-۱۲۳۴",
            workflow_description="<p>ثبت درخواست، بررسی، صدور</p>",
            laws="قانون مدیریت خدمات کشوری",
            fee_amount=500000,
            fee_legal_basis="تعرفه مصوب",
            fee_payment_place="درگاه پرداخت دستگاه",
            complaint_procedure="سامانه سامد",
            faq="<p>چه مدارکی لازم است؟ درخواست کتبی.</p>",
        )
        cls.s_in_g2b = service(
            "KAUD-02", "ثبت شرکت", "in_person", "g2b", document_ids=[], workflow_description="<p><br></p>"
        )
        cls.s_el = service("KAUD-03", "استعلام الکترونیکی", "electronic", url="https://example.gov.ir/e/kaud-03")
        cls.s_comb = service("KAUD-04", "تمدید پروانه", "combined", "g2b", address="ساختمان مرکزی")
        cls.s_out = service("KAUD-05", "بازدید میدانی", "outside")
        cls.supervision = service("KAUD-06", "بازرسی", "in_person", nature="supervision")
        cls.archived = service("KAUD-07", "خدمت منسوخ", "in_person", active=False)
        cls.foreign = service("KAUD-08", "خدمت دستگاه دیگر", "combined", agency=cls.other_agency, unit=other_unit)
        holiday = datetime.datetime.combine(HOLIDAY, datetime.time.min) - datetime.timedelta(hours=3, minutes=30)
        env["resource.calendar.leaves"].create(
            {
                "name": "تعطیل آزمون",
                "calendar_id": cls.agency.calendar_id.id,
                "date_from": holiday,
                "date_to": holiday + datetime.timedelta(hours=23, minutes=59),
            }
        )
        cls.Collector = env["miz.khedmat.audit.collector"]

    # ------------------------------------------------------------------ helpers
    def _snapshot(self, agency=None):
        with freeze_time(AFTER_PERIOD):
            return self.Collector._miz_khedmat_audit_snapshot(agency or self.agency, PERIOD_START, PERIOD_END)

    def _line(self, snap, service):
        lines = [line for line in snap["services"] if line["code"] == service.code]
        self.assertEqual(len(lines), 1, f"{service.code} should be listed once")
        return lines[0]

    def _attachment(self, name="scan.pdf"):
        return self.env["ir.attachment"].create({"name": name, "datas": base64.b64encode(b"%PDF-1.4 scan")})

    def _counter_request(self, service, at, attach=False):
        """A request typed in at the counter and registered by the clerk (of its agency) at ``at`` (UTC)."""
        own = service.agency_id == self.agency
        clerk, desk = (self.clerk, self.desk_unit) if own else (self.other_clerk, self.other_desk_unit)
        with freeze_time(at):
            request = (
                self.env["miz.khedmat.request"]
                .with_user(clerk)
                .create(
                    {
                        "applicant_code": NATIONAL_CODE,
                        "applicant_name": "مریم احمدی",
                        "applicant_mobile": MOBILE,
                        "service_id": service.id,
                        "channel": "in_person",
                        "desk_unit_id": desk.id,
                    }
                )
            )
            request.document_ids.write({"received": True})
            if attach:
                request.document_ids.write({"attachment_ids": [Command.set(self._attachment().ids)]})
            request.action_register()
        return request

    def _online_request(self, service, at, attach=True, register=True):
        """A request sent through the electronic desk (origin online, written as that desk would, with sudo)."""
        with freeze_time(at):
            request = (
                self.env["miz.khedmat.request"]
                .sudo()
                .create(
                    {
                        "applicant_code": NATIONAL_CODE,
                        "applicant_name": "مریم احمدی",
                        "applicant_mobile": MOBILE,
                        "service_id": service.id,
                        "channel": "electronic",
                        "origin": "online",
                        "desk_unit_id": self.desk_unit.id,
                        "clerk_id": self.clerk.id,
                    }
                )
            )
            request.document_ids.write({"received": True})
            if attach:
                request.document_ids.write({"attachment_ids": [Command.set(self._attachment().ids)]})
            if register:
                request.with_user(self.clerk)._miz_register()
            else:
                # the test transaction's clock (create_date) is not frozen: set it as it would have been
                request.flush_recordset()
                self.env.cr.execute("UPDATE miz_khedmat_request SET create_date = %s WHERE id = %s", [at, request.id])
                request.invalidate_recordset(["create_date"])
        return request.with_user(self.clerk)

    def _deliver(self, request, at, deliverable=False):
        """The unit hands the result back (with a deliverable file or not); the desk notifies and delivers."""
        clerk = request.clerk_id
        with freeze_time(at):
            for step in request.step_ids.sorted("sequence"):
                rep = step.unit_id.representative_id
                step.with_user(rep).action_receive()
                vals = {"result": "approved", "result_note": "صادر شد"}
                if deliverable:
                    vals["deliverable_attachment_ids"] = [Command.set(self._attachment("result.pdf").ids)]
                request.with_user(rep).write(vals)
                step.with_user(rep).action_hand_over()
            request.with_user(clerk).action_notify_response()
            request.with_user(clerk).action_deliver()
        return request.with_user(clerk)

    def _sms_of(self, request):
        return (
            self.env["sms.sms"]
            .sudo()
            .search([("mail_message_id.model", "=", request._name), ("mail_message_id.res_id", "=", request.id)])
        )
