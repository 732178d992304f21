"""Fixture of the electronic desk's tests: the desk fixture of miz_khedmat, its service opened online, and helpers
that walk the public pages as a browser would (session cookie, CSRF token read from the page)."""

import re

from odoo import Command

from odoo.addons.miz_khedmat.tests.common import MOBILE, NATIONAL_CODE, MizKhedmatSetup

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64 + b"This program cannot be run in DOS"
)


def csrf(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


class MizKhedmatOnlineSetup(MizKhedmatSetup):
    @classmethod
    def _miz_online_setup(cls):
        cls._miz_setup()
        cls.env["ir.module.module"]._load_module_terms(["miz_khedmat_online"], ["fa_IR"], overwrite=True)
        # PDFs downloaded through the test server: wkhtmltopdf must not call back into it (the request being served
        # holds the test cursor), so it gets a closed port for the stylesheets and renders the text without them
        cls.env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")
        # every test starts with empty rate-limit windows for the loopback address (whatever ran on this database)
        cls.env["miz.khedmat.online.throttle"].sudo().search([]).unlink()
        cls.service.write(
            {
                "online_desk_unit_id": cls.desk_unit.id,
                "online_category": "شهرسازی",
                "online_question_ids": [
                    Command.create({"sequence": 1, "name": "پلاک ثبتی", "kind": "integer", "required": True}),
                    Command.create(
                        {
                            "sequence": 2,
                            "name": "کاربری",
                            "kind": "choice",
                            "options": "مسکونی\nتجاری",
                            "required": True,
                        }
                    ),
                ],
            }
        )
        cls.q_plate, cls.q_use = cls.service.online_question_ids

    # ------------------------------------------------------------------ walking the pages
    def _otp_sms(self, mobile=MOBILE):
        return self.env["sms.sms"].sudo().search([("number", "=", mobile), ("body", "ilike", "%")], order="id desc")

    def _code_of(self, sms):
        return re.search(r"\b(\d{6})\b", sms.body).group(1)

    def _identify(self, national_code=NATIONAL_CODE, mobile=MOBILE, name="مریم احمدی"):
        page = self.url_open(f"/miz/services/{self.service.id}/apply")
        self.assertEqual(page.status_code, 200)
        return self.url_open(
            "/miz/online/identify",
            data={
                "csrf_token": csrf(page.text),
                "service_id": self.service.id,
                "national_code": national_code,
                "mobile": mobile,
                "name": name,
            },
        )

    def _verify(self, code, page):
        return self.url_open(
            "/miz/online/verify", data={"csrf_token": csrf(page.text), "service_id": self.service.id, "code": code}
        )

    def _confirmed_form(self):
        sent = self._identify()
        self.assertEqual(sent.status_code, 200, sent.text)
        code = self._code_of(self._otp_sms()[:1])
        form = self._verify(code, sent)
        self.assertEqual(form.status_code, 200)
        self.assertIn('enctype="multipart/form-data"', form.text)
        return form

    def _submit(self, form, files, answers=None):
        answers = answers if answers is not None else {self.q_plate: "۱۲۳۴", self.q_use: "مسکونی"}
        data = {"csrf_token": csrf(form.text), "note": "درخواست آزمایشی"}
        data.update({q._miz_field_name(): value for q, value in answers.items()})
        return self.url_open(f"/miz/services/{self.service.id}/apply", data=data, files=files)

    def _documents(self, content=PDF, name="doc.pdf"):
        deed, plan, _photo = self.service.document_ids
        return [
            (f"doc_{deed.id}", ("سند.pdf", PDF, "application/pdf")),
            (f"doc_{plan.id}", (name, content, "application/pdf")),
        ]
