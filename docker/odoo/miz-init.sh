#!/bin/bash
# One-shot initialisation of one agency database (the init_a / init_b services run it at every
# `docker compose up`; it is idempotent).
#   1. If the miz addons are not all installed in $MIZ_DB: create the database and install them,
#      Persian loaded, no demo data, then set the password of the `admin` user to $MIZ_ADMIN_PASSWORD.
#   The database and its owner role ($USER, named like the database) are created beforehand by
#   docker/postgres/10-miz-agencies.sh; this script refuses to run Odoo with a superuser role.
#   2. Always: set web.base.url to $MIZ_BASE_URL and freeze it (Odoo would otherwise rewrite it
#      from the Host of the first admin login), admin user in Persian / Asia/Tehran.
set -euo pipefail
: "${MIZ_DB:?MIZ_DB is required}"
: "${MIZ_BASE_URL:?MIZ_BASE_URL is required}"
: "${PASSWORD:?PASSWORD (database password) is required}"
export HOST="${HOST:-db}" PORT="${PORT:-5432}" USER="${USER:-$MIZ_DB}"
export MIZ_MODULES="${MIZ_MODULES:-miz_base,miz_secretariat,miz_khedmat,miz_inquiry}"
ONESHOT=(--workers=0 --max-cron-threads=0 --no-http)

IFS=',' read -r -a wanted <<< "$MIZ_MODULES"
privileged=$(PGPASSWORD="$PASSWORD" psql -h "$HOST" -p "$PORT" -U "$USER" -d "$MIZ_DB" -v ON_ERROR_STOP=1 -tA \
    -c "SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = current_user") || {
    echo "miz-init: cannot connect to $MIZ_DB as $USER (run docker/postgres/10-miz-agencies.sh first)" >&2
    exit 1
}
if [ "$privileged" != "f" ]; then
    echo "miz-init: the role $USER may create roles or databases; give each agency a plain role" >&2
    exit 1
fi
installed=$(PGPASSWORD="$PASSWORD" psql -h "$HOST" -p "$PORT" -U "$USER" -d "$MIZ_DB" \
    -v ON_ERROR_STOP=1 -v mods="$MIZ_MODULES" -tA 2>/dev/null <<'SQL' || echo 0
SELECT count(*) FROM ir_module_module
 WHERE state = 'installed' AND name = ANY (string_to_array(:'mods', ','));
SQL
)

export MIZ_NEW_DB=0
if [ "$installed" != "${#wanted[@]}" ]; then
    echo "miz-init: installing $MIZ_MODULES into $MIZ_DB"
    /entrypoint.sh odoo -d "$MIZ_DB" -i "$MIZ_MODULES" --load-language=fa_IR --without-demo=all \
        --stop-after-init "${ONESHOT[@]}"
    MIZ_NEW_DB=1
else
    echo "miz-init: $MIZ_DB already has $MIZ_MODULES installed"
fi

/entrypoint.sh odoo shell -d "$MIZ_DB" "${ONESHOT[@]}" <<'PY'
import os

icp = env["ir.config_parameter"].sudo()
icp.set_param("web.base.url", os.environ["MIZ_BASE_URL"].rstrip("/"))
icp.set_param("web.base.url.freeze", "True")
admin = env.ref("base.user_admin")
vals = {"lang": "fa_IR", "tz": "Asia/Tehran"}
if os.environ["MIZ_NEW_DB"] == "1" and os.environ.get("MIZ_ADMIN_PASSWORD"):
    vals["password"] = os.environ["MIZ_ADMIN_PASSWORD"]
admin.write(vals)
env.cr.commit()
print("miz-init: %s web.base.url = %s" % (env.cr.dbname, icp.get_param("web.base.url")))
PY
