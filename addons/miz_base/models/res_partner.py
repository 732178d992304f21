from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import validation

# A citizen's identity and mobile are read by the people of the desk and the secretariat (every role of
# miz_secretariat / miz_khedmat implies this group), not by every internal user of the database.
IDENTITY_GROUPS = "miz_base.group_miz_base_user"
IDENTITY_FIELDS = ("miz_national_code", "miz_national_id", "mobile")


class ResPartner(models.Model):
    _inherit = "res.partner"

    miz_national_code = fields.Char(
        string="National Code",
        index="btree_not_null",
        copy=False,
        groups=IDENTITY_GROUPS,
        help="Ten-digit national code (کد ملی) of a person.",
    )
    miz_national_id = fields.Char(
        string="National ID",
        index="btree_not_null",
        copy=False,
        groups=IDENTITY_GROUPS,
        help="Eleven-digit national ID (شناسه ملی) of a legal entity.",
    )
    mobile = fields.Char(groups=IDENTITY_GROUPS)

    _sql_constraints = [
        ("miz_national_code_unique", "unique(miz_national_code)", "Another contact already has this national code."),
        ("miz_national_id_unique", "unique(miz_national_id)", "Another contact already has this national ID."),
    ]

    @api.model
    def _miz_normalize_vals(self, vals):
        for fname in ("miz_national_code", "miz_national_id", "zip"):
            if vals.get(fname):
                vals[fname] = validation.clean_digits(vals[fname]).strip()
        if vals.get("mobile"):
            try:
                vals["mobile"] = validation.normalize_mobile(vals["mobile"])
            except ValueError:
                raise ValidationError(
                    _("%(mobile)s is not a valid Iranian mobile number (09xxxxxxxxx).", mobile=vals["mobile"])
                ) from None
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self.env.user.has_group(IDENTITY_GROUPS):
            # Odoo checks field groups on read and write, not on create: a person who may not read a code does
            # not set one either (nor probe the uniqueness constraint with it), not even through a default_ key
            given = {name for vals in vals_list for name in IDENTITY_FIELDS if vals.get(name)}
            if given:
                self.check_field_access_rights("write", sorted(given))
            defaults = {f"default_{name}" for name in IDENTITY_FIELDS} & set(self.env.context)
            if defaults:
                self = self.with_env(self.env(context={k: v for k, v in self.env.context.items() if k not in defaults}))
        return super().create([self._miz_normalize_vals(dict(vals)) for vals in vals_list])

    def write(self, vals):
        return super().write(self._miz_normalize_vals(dict(vals)))

    @api.constrains("miz_national_code", "is_company")
    def _check_miz_national_code(self):
        for partner in self.filtered("miz_national_code"):
            if partner.is_company:
                raise ValidationError(_("A company has a national ID, not a national code."))
            if not validation.is_valid_national_code(partner.miz_national_code):
                raise ValidationError(_("National code %(code)s is not valid.", code=partner.miz_national_code))

    @api.constrains("miz_national_id", "is_company")
    def _check_miz_national_id(self):
        for partner in self.filtered("miz_national_id"):
            if not partner.is_company:
                raise ValidationError(_("Only a company (legal entity) has a national ID."))
            if not validation.is_valid_national_id(partner.miz_national_id):
                raise ValidationError(_("National ID %(code)s is not valid.", code=partner.miz_national_id))

    @api.constrains("zip", "country_id")
    def _check_miz_postal_code(self):
        iran = self.env.ref("base.ir", raise_if_not_found=False)
        for partner in self.filtered(lambda p: p.zip and iran and p.country_id == iran):
            if not validation.is_valid_postal_code(partner.zip):
                raise ValidationError(_("Postal code %(zip)s is not a valid Iranian postal code.", zip=partner.zip))

    @api.model
    def miz_find_or_create_person(self, national_code, vals=None):
        """The person with this national code, created from ``vals`` when there is none (no duplicates)."""
        code = validation.clean_digits(national_code or "").strip()
        if not validation.is_valid_national_code(code):
            raise ValidationError(_("National code %(code)s is not valid.", code=national_code))
        partner = self.with_context(active_test=False).search([("miz_national_code", "=", code)], limit=1)
        if not partner:
            partner = self.create(dict(vals or {}, miz_national_code=code, is_company=False))
        return partner

    @api.model
    def miz_find_or_create_company(self, national_id, vals=None):
        """The legal entity with this national ID, created from ``vals`` when there is none (no duplicates)."""
        code = validation.clean_digits(national_id or "").strip()
        if not validation.is_valid_national_id(code):
            raise ValidationError(_("National ID %(code)s is not valid.", code=national_id))
        partner = self.with_context(active_test=False).search([("miz_national_id", "=", code)], limit=1)
        if not partner:
            partner = self.create(dict(vals or {}, miz_national_id=code, is_company=True))
        return partner
