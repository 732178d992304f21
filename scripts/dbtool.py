"""Small database chores for scripts/miz.sh, run with Odoo on the path and ODOO_SRC/CONF set."""

import os
import sys

import odoo
from odoo.tools import config

# login -> role shown to the person who starts the server
ROLES = [
    ("admin", "Administrator"),
    ("clerk", "Desk clerk (کارشناس میز خدمت)"),
    ("secretariat", "Secretariat clerk (دبیرخانه)"),
    ("unitrep", "Unit representative (نماینده واحد)"),
    ("manager", "Desk manager / authorized representative (نماینده تام‌الاختیار)"),
    ("evaluator", "Evaluator (ارزیاب)"),
]


def _env(dbname):
    config.parse_config(["-c", os.environ["CONF"]])
    registry = odoo.modules.registry.Registry(dbname)
    return registry


def drop(dbname):
    config.parse_config(["-c", os.environ["CONF"]])
    odoo.service.db.exp_drop(dbname)


def persian(dbname):
    """Persian active and the default language of every internal user."""
    registry = _env(dbname)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env["res.lang"]._activate_lang("fa_IR")
        users = env["res.users"].with_context(active_test=False).search([("share", "=", False)])
        users.write({"lang": "fa_IR", "tz": "Asia/Tehran"})
        env["ir.default"].set("res.partner", "lang", "fa_IR")


def logins(dbname, url):
    registry = _env(dbname)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        lines = [f"miz is at {url}  (database {dbname})", "logins (password = login):"]
        for login, role in ROLES:
            if env["res.users"].search_count([("login", "=", login)]):
                lines.append(f"  {login:<12} {role}")
        sys.stdout.write("\n".join(lines) + "\n")


def set_param(dbname, key, value):
    registry = _env(dbname)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env["ir.config_parameter"].set_param(key, value)


if __name__ == "__main__":
    {"drop": drop, "persian": persian, "logins": logins, "set_param": set_param}[sys.argv[1]](*sys.argv[2:])
