from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.base.tests.common import BaseCommon


@tagged("at_install")
class TestPartnerIdentity(BaseCommon):
    def test_national_code_validated_and_normalised(self):
        partner = self.env["res.partner"].create({"name": "Citizen", "miz_national_code": "۰۴۹۹۳۷۰۸۹۹"})
        self.assertEqual(partner.miz_national_code, "0499370899")
        with self.assertRaisesRegex(ValidationError, "0499370898"):
            self.env["res.partner"].create({"name": "Bad", "miz_national_code": "0499370898"})
        with self.assertRaises(ValidationError):
            self.env["res.partner"].create({"name": "Same digits", "miz_national_code": "1111111111"})

    def test_national_code_unique(self):
        self.env["res.partner"].create({"name": "One", "miz_national_code": "0499370899"})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["res.partner"].create({"name": "Two", "miz_national_code": "0499370899"})

    def test_national_id_only_companies(self):
        company = self.env["res.partner"].create({"name": "Co", "is_company": True, "miz_national_id": "10380284790"})
        self.assertEqual(company.miz_national_id, "10380284790")
        with self.assertRaises(ValidationError) as caught:
            self.env["res.partner"].create({"name": "Person", "miz_national_id": "10380284700"})
        # a valid ID on a person: the "only companies" rule fired, not the checksum one (which names the ID)
        self.assertNotIn("10380284700", str(caught.exception))
        with self.assertRaises(ValidationError):
            self.env["res.partner"].create({"name": "Co2", "is_company": True, "miz_national_id": "10380284791"})

    def test_mobile_normalised(self):
        partner = self.env["res.partner"].create({"name": "M", "mobile": "+98 912 345 6789"})
        self.assertEqual(partner.mobile, "09123456789")
        partner.mobile = "۰۰۹۸۹۱۲۰۰۰۰۰۰۰"
        self.assertEqual(partner.mobile, "09120000000")
        with self.assertRaises(ValidationError):
            partner.mobile = "021-1234"

    def test_find_or_create_no_duplicates(self):
        Partner = self.env["res.partner"]
        first = Partner.miz_find_or_create_person("0499370899", {"name": "Ali"})
        again = Partner.miz_find_or_create_person("۰۴۹۹۳۷۰۸۹۹", {"name": "Ali again"})
        self.assertEqual(first, again)
        self.assertEqual(Partner.search_count([("miz_national_code", "=", "0499370899")]), 1)
        with self.assertRaises(ValidationError):
            Partner.miz_find_or_create_person("123", {"name": "x"})
        company = Partner.miz_find_or_create_company("10380284790", {"name": "Co"})
        self.assertTrue(company.is_company)

    def test_iranian_postal_code(self):
        iran = self.env.ref("base.ir")
        partner = self.env["res.partner"].create({"name": "P", "country_id": iran.id, "zip": "1345678901"})
        self.assertEqual(partner.zip, "1345678901")
        with self.assertRaises(ValidationError):
            partner.zip = "0123456789"
