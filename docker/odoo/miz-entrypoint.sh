#!/bin/bash
# Entrypoint of the miz image: render the agency's Odoo config, then hand over to the official
# odoo:18.0 entrypoint (/entrypoint.sh), which waits for PostgreSQL and passes the database
# host/port/user/password from $HOST/$PORT/$USER/$PASSWORD to odoo.
#   MIZ_CONF           the agency's config file (mounted read-only), copied to $ODOO_RC
#   ODOO_ADMIN_PASSWD  master password, appended as admin_passwd (kept out of the repository)
set -euo pipefail

if [ -n "${MIZ_CONF:-}" ]; then
    # drop any admin_passwd line of the template: a duplicate key would make Odoo refuse the file
    grep -v -E '^[[:space:]]*admin_passwd[[:space:]]*=' "$MIZ_CONF" > "$ODOO_RC" || true
    if [ -n "${ODOO_ADMIN_PASSWD:-}" ]; then
        printf '\nadmin_passwd = %s\n' "$ODOO_ADMIN_PASSWD" >> "$ODOO_RC"
    fi
fi

exec /entrypoint.sh "$@"
