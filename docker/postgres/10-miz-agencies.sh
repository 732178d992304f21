#!/bin/bash
# One PostgreSQL role per agency, owning only its agency's database (issue 8 §8).
#
# Run by the postgres image on the first start of an empty cluster (mounted in /docker-entrypoint-initdb.d/),
# and idempotent, so it is also the upgrade step of an existing cluster:
#   docker compose exec db bash /docker-entrypoint-initdb.d/10-miz-agencies.sh
#
#   MIZ_AGENCIES               agency databases, space-separated (default "miz_a miz_b"); the role has the
#                              database's name
#   <DB>_DB_PASSWORD           password of each role, the name upper-cased: MIZ_A_DB_PASSWORD, MIZ_B_DB_PASSWORD
#   POSTGRES_USER / PGHOST…    how psql connects as the cluster's superuser (the image sets them)
#
# For each agency: the role is LOGIN, NOSUPERUSER, NOCREATEDB, NOCREATEROLE, NOREPLICATION and its password is
# (re)set; the database exists and is owned by it; PUBLIC loses CONNECT/TEMP on it, so another agency's role
# cannot even connect; pg_trgm is created (Odoo's trigram indexes; creating extensions needs the superuser).
# A database that was owned by another, non-superuser role (the former shared "odoo" role) is handed over with
# its objects (REASSIGN OWNED, run inside that database only once every agency database has its new owner).
set -euo pipefail

agencies=${MIZ_AGENCIES:-miz_a miz_b}
psql_admin=(psql -v ON_ERROR_STOP=1 -X -q --username "${POSTGRES_USER:-postgres}")

declare -A previous_owner
for name in $agencies; do
    if ! [[ $name =~ ^[a-z_][a-z0-9_]{0,62}$ ]]; then
        echo "miz: '$name' is not a plain lower-case identifier" >&2
        exit 1
    fi
    password_var="${name^^}_DB_PASSWORD"
    password="${!password_var:-}"
    if [ -z "$password" ]; then
        echo "miz: set $password_var (password of the role $name)" >&2
        exit 1
    fi
    previous_owner[$name]=$("${psql_admin[@]}" -d postgres -tA -v db="$name" <<'SQL'
SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = :'db';
SQL
)
    "${psql_admin[@]}" -d postgres -v role="$name" -v password="$password" <<'SQL'
SELECT format('CREATE ROLE %I', :'role') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS '
              'INHERIT CONNECTION LIMIT 64 PASSWORD %L', :'role', :'password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0', :'role', :'role', 'UTF8')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'role') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'role', :'role') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'role') \gexec
SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', :'role', :'role') \gexec
SQL
    echo "miz: role $name owns database $name"
done

for name in $agencies; do
    "${psql_admin[@]}" -d "$name" -v role="$name" -v old="${previous_owner[$name]}" <<'SQL'
CREATE EXTENSION IF NOT EXISTS pg_trgm;
SELECT format('ALTER SCHEMA public OWNER TO %I', :'role') \gexec
SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = :'old' AND NOT rolsuper AND rolname <> :'role') AS hand_over,
       EXISTS (SELECT FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba WHERE r.rolname = :'old') AS owns_more
\gset
\if :hand_over
\if :owns_more
SELECT format('DO $w$ BEGIN RAISE WARNING %L; END $w$',
              format('%s still owns other databases: reassign the objects of %s to %s by hand', :'old', :'role', :'role'))
\gexec
\else
SELECT format('REASSIGN OWNED BY %I TO %I', :'old', :'role') \gexec
\endif
\endif
SQL
done
