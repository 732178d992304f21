"""Holes of issue 8 in miz_base, driven as an RPC client would: ``with_user(...)`` plus the public method a
JSON-RPC/XML-RPC call reaches, with the context keys a client can send. Each call must be refused and the record,
read back as the superuser, must be unchanged."""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon

NATIONAL_CODE = "0499370899"
NATIONAL_ID = "10380284790"
MOBILE = "09123456789"
IDENTITY = ["miz_national_code", "miz_national_id", "mobile"]
FORGED = {"miz_khedmat_internal": True, "miz_letter_registering": True, "active_test": False}

# the roles that work with citizens' files, when their addons are installed (each implies miz_base's user group)
DESK_AND_SECRETARIAT_GROUPS = [
    "miz_base.group_miz_base_user",
    "miz_secretariat.group_miz_secretariat_staff",
    "miz_secretariat.group_miz_secretariat_clerk",
    "miz_khedmat.group_miz_khedmat_unit_staff",
    "miz_khedmat.group_miz_khedmat_unit_rep",
    "miz_khedmat.group_miz_khedmat_clerk",
    "miz_khedmat.group_miz_khedmat_evaluator",
]


@tagged("post_install", "-at_install")
class TestBaseSecurityRpc(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # an ordinary internal user as Odoo makes them: "Contact Creation" included (may create and edit contacts)
        cls.plain = new_test_user(
            cls.env, login="miz_plain_internal", groups="base.group_user,base.group_partner_manager"
        )
        cls.citizen = cls.env["res.partner"].create(
            {"name": "شهروند", "miz_national_code": NATIONAL_CODE, "mobile": MOBILE}
        )
        cls.company = cls.env["res.partner"].create(
            {"name": "شرکت", "is_company": True, "miz_national_id": NATIONAL_ID}
        )

    def _identity(self, partner):
        partner.invalidate_recordset()
        return partner.sudo().read(IDENTITY)[0]

    def test_plain_internal_user_neither_reads_nor_searches_identity_or_mobile(self):
        citizen = self.citizen.with_user(self.plain).with_context(**FORGED)
        for fname in IDENTITY:
            with self.subTest(field=fname), self.assertRaises(AccessError):
                citizen.read([fname])
        with self.assertRaises(AccessError):
            citizen.search_read([("id", "=", self.citizen.id)], ["miz_national_code"])
        # searching by the code would tell whether a person is known: refused too
        Partner = self.env["res.partner"].with_user(self.plain).with_context(**FORGED)
        for domain in (
            [("miz_national_code", "=", NATIONAL_CODE)],
            [("miz_national_id", "=", NATIONAL_ID)],
            [("mobile", "=", MOBILE)],
        ):
            with self.subTest(domain=domain), self.assertRaises(AccessError):
                Partner.search(domain)
        with self.assertRaises(AccessError):
            Partner.miz_find_or_create_person(NATIONAL_CODE, {"name": "کنجکاو"})
        # the web client does not even learn of the fields (forms and lists drop them)
        self.assertFalse(set(IDENTITY) & set(Partner.fields_get()))
        # the plain user still reads the contact itself
        self.assertEqual(citizen.read(["name"])[0]["name"], "شهروند")

    def test_plain_internal_user_cannot_rewrite_identity_or_mobile(self):
        before = self._identity(self.citizen)
        citizen = self.citizen.with_user(self.plain).with_context(**FORGED)
        for vals in ({"miz_national_code": "0084575948"}, {"mobile": "09350000000"}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                citizen.write(vals)
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.plain).create({"name": "X", "miz_national_code": "0084575948"})
        # nor through the defaults of the call's context
        created = (
            self.env["res.partner"]
            .with_user(self.plain)
            .with_context(default_miz_national_code="0084575948", default_mobile="09350000000")
            .create({"name": "Y"})
        )
        self.assertEqual(self._identity(created), {"id": created.id, **dict.fromkeys(IDENTITY, False)})
        self.assertEqual(self._identity(self.citizen), before)
        self.assertFalse(self.env["res.partner"].sudo().search([("miz_national_code", "=", "0084575948")]))

    def test_desk_and_secretariat_roles_read_identity_and_mobile(self):
        groups = [xmlid for xmlid in DESK_AND_SECRETARIAT_GROUPS if self.env.ref(xmlid, raise_if_not_found=False)]
        self.assertIn("miz_base.group_miz_base_user", groups)
        for index, xmlid in enumerate(groups):
            with self.subTest(group=xmlid):
                user = new_test_user(self.env, login=f"miz_identity_reader_{index}", groups=xmlid)
                citizen = self.citizen.with_user(user)
                self.assertEqual(
                    citizen.read(IDENTITY)[0],
                    {
                        "id": self.citizen.id,
                        "miz_national_code": NATIONAL_CODE,
                        "miz_national_id": False,
                        "mobile": MOBILE,
                    },
                )
                self.assertEqual(
                    self.company.with_user(user).read(["miz_national_id"])[0]["miz_national_id"], NATIONAL_ID
                )
                # the intake: find the person by national code, or create them
                Partner = self.env["res.partner"].with_user(user)
                self.assertEqual(Partner.miz_find_or_create_person("۰۴۹۹۳۷۰۸۹۹"), self.citizen)
                self.assertEqual(Partner.search([("mobile", "=", MOBILE)]), self.citizen)
