"""Record rules are ``noupdate``: bring the rewritten domains of 18.0.1.1.0 to existing databases.

Managers see the letters (and referrals) of their own secretariat agencies only, no longer every agency's;
signatories see the letters they sign.
"""

from odoo import SUPERUSER_ID, api

DOMAINS = {
    "miz_secretariat.miz_secretariat_letter_rule_staff": (
        "['|', '|', ('referral_user_ids', 'in', [user.id]), ('create_uid', '=', user.id), "
        "('signatory_id', '=', user.id)]"
    ),
    "miz_secretariat.miz_secretariat_letter_rule_manager": "[('agency_id', 'in', user.miz_secretariat_agency_ids.ids)]",
    "miz_secretariat.miz_secretariat_referral_rule_manager": (
        "[('letter_id.agency_id', 'in', user.miz_secretariat_agency_ids.ids)]"
    ),
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, domain in DOMAINS.items():
        rule = env.ref(xmlid, raise_if_not_found=False)
        if rule:
            rule.write({"domain_force": domain})
