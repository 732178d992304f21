"""Shared by the benchmarks: find Odoo (PYTHONPATH, else $ODOO_SRC) the way scripts/miz.sh provides it."""

import os
import sys


def import_odoo():
    try:
        import odoo
    except ImportError:
        sys.path.insert(0, os.environ.get("ODOO_SRC", "/opt/odoo18"))
        import odoo
    return odoo


def report(*parts):
    """Write one line of a benchmark's result to standard output."""
    sys.stdout.write(" ".join(str(part) for part in parts) + "\n")
    sys.stdout.flush()


def make_clerk_of(env, user, agency):
    """Make ``user`` a secretariat clerk of ``agency``: only they may register its letters."""
    from odoo import Command

    user.write(
        {
            "groups_id": [Command.link(env.ref("miz_secretariat.group_miz_secretariat_clerk").id)],
            "miz_secretariat_agency_ids": [Command.link(agency.id)],
        }
    )
