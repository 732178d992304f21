#!/usr/bin/env bash
# miz — one script behind `make run`, `make test`, `make lint`, `make bench`.
#
# It prepares everything the project needs on a Debian 12 / Ubuntu 24.04 machine:
#   .venv with our pinned requirements, Odoo 18 from $ODOO_SRC (or the official archive),
#   node tools (rtlcss), and a private PostgreSQL cluster under the repo unless PG* points elsewhere.
# Run twice, it reuses what exists.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"

ODOO_SRC=${ODOO_SRC:-/opt/odoo18}
ODOO_ARCHIVE_URL=${ODOO_ARCHIVE_URL:-https://github.com/odoo/odoo/archive/refs/heads/18.0.tar.gz}
MIZ_HOME=${MIZ_HOME:-$REPO/.miz}
VENV=${VENV:-$REPO/.venv}
PY=${PYTHON:-python3}
HTTP_PORT=${MIZ_HTTP_PORT:-8069}
DB_NAME=${MIZ_DB:-miz}
ADDONS="miz_base,miz_secretariat,miz_khedmat,miz_inquiry"
PG_BIN=${PG_BIN:-}
PG_PORT_DEFAULT=54329

say() { printf '\033[1;34m[miz]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[miz] error:\033[0m %s\n' "$*" >&2; exit 2; }
is_root() { [ "$(id -u)" = 0 ]; }

# ---------------------------------------------------------------- system packages
system_packages() {
    local missing=()
    command -v wkhtmltopdf >/dev/null || missing+=(wkhtmltopdf)
    command -v pdftotext >/dev/null || missing+=(poppler-utils)
    command -v node >/dev/null || missing+=(nodejs npm)
    command -v chromium >/dev/null || command -v google-chrome >/dev/null \
        || command -v chromium-browser >/dev/null || missing+=(chromium)
    find_pg_bin >/dev/null 2>&1 || [ -n "${PGHOST:-}" ] || missing+=(postgresql)
    [ ${#missing[@]} -eq 0 ] && return 0
    if is_root && command -v apt-get >/dev/null; then
        say "installing system packages: ${missing[*]}"
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        say "missing system packages: ${missing[*]} — install them (apt-get install ${missing[*]}) and run again"
        for p in "${missing[@]}"; do
            case $p in postgresql) die "PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin). Install 'postgresql' or set PGHOST/PGPORT/PGUSER to a server.";; esac
        done
    fi
}

find_pg_bin() {
    if [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ]; then echo "$PG_BIN"; return 0; fi
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$d/initdb" ] && { echo "$d"; return 0; }
    done
    command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return 0; }
    return 1
}

# ---------------------------------------------------------------- python
venv() {
    if [ ! -x "$VENV/bin/python" ]; then
        local v
        v=$($PY -c 'import sys; print("%d.%d" % sys.version_info[:2])')
        case $v in 3.10|3.11|3.12) ;; *) die "Python $v found; miz needs Python 3.10–3.12 (set PYTHON=python3.11).";; esac
        say "creating $VENV (Python $v)"
        $PY -m venv "$VENV"
    fi
    local stamp="$VENV/.miz-req"
    local want
    want=$(cat requirements.txt requirements-dev.txt | sha1sum | cut -c1-16)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        say "installing Python requirements (pinned)"
        "$VENV/bin/pip" install -q --upgrade pip wheel "setuptools<70" >/dev/null
        "$VENV/bin/pip" install -q -r requirements.txt -r requirements-dev.txt
        echo "$want" > "$stamp"
    fi
}

# ---------------------------------------------------------------- odoo
odoo_src() {
    if [ -x "$ODOO_SRC/odoo-bin" ]; then return 0; fi
    local dest="$MIZ_HOME/odoo18"
    if [ -x "$dest/odoo-bin" ]; then ODOO_SRC=$dest; return 0; fi
    say "no Odoo 18 in ODOO_SRC=$ODOO_SRC; downloading the official 18.0 source archive"
    mkdir -p "$dest"
    if ! curl -fsSL --max-time 900 "$ODOO_ARCHIVE_URL" | tar -xz -C "$dest" --strip-components=1 2>/dev/null \
        || [ ! -x "$dest/odoo-bin" ]; then
        rm -rf "$dest"
        die "Odoo 18 source not found. Put an Odoo 18.0 tree at /opt/odoo18 or set ODOO_SRC=/path/to/odoo (the folder holding odoo-bin); downloading $ODOO_ARCHIVE_URL failed (no network?)."
    fi
    ODOO_SRC=$dest
}

node_tools() {
    local bin="$MIZ_HOME/node/node_modules/.bin"
    if [ ! -x "$bin/rtlcss" ]; then
        say "installing rtlcss (npm)"
        mkdir -p "$MIZ_HOME/node"
        (cd "$MIZ_HOME/node" && npm install --silent --no-audit --no-fund --no-package-lock rtlcss@4 >/dev/null) \
            || die "npm could not install rtlcss; Odoo needs it for right-to-left (Persian) stylesheets."
    fi
    export PATH="$bin:$PATH"
}

# ---------------------------------------------------------------- postgresql
pg_setup() {
    if [ -n "${PGHOST:-}" ]; then
        DB_HOST=$PGHOST; DB_PORT=${PGPORT:-5432}; DB_USER=${PGUSER:-$(id -un)}; DB_PASSWORD=${PGPASSWORD:-False}
        say "using PostgreSQL at $DB_HOST:$DB_PORT as $DB_USER (from PG* settings)"
        return 0
    fi
    local bin
    bin=$(find_pg_bin) || die "PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin). Install 'postgresql' or set PGHOST/PGPORT/PGUSER to a server."
    DB_PORT=${MIZ_PG_PORT:-$PG_PORT_DEFAULT}
    DB_USER=miz; DB_PASSWORD=False
    local pgdir="$REPO/.pg"
    local runas=()
    if is_root; then
        runas=(runuser -u postgres --)
        # the cluster runs as postgres: it must be able to reach the repo, else use /var/tmp
        if ! runuser -u postgres -- test -x "$REPO" 2>/dev/null; then
            pgdir="/var/tmp/miz-pg-$(echo "$REPO" | sha1sum | cut -c1-8)"
            say "postgres cannot enter $REPO; keeping the cluster in $pgdir"
        fi
    fi
    PGDATA_DIR="$pgdir/data"; DB_HOST="$pgdir/run"
    mkdir -p "$pgdir/run"
    if is_root; then chown postgres "$pgdir" "$pgdir/run"; fi
    if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
        say "creating a private PostgreSQL cluster in $PGDATA_DIR"
        "${runas[@]}" "$bin/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! "${runas[@]}" "$bin/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
        if port_busy "$DB_PORT"; then
            die "port $DB_PORT is busy; set MIZ_PG_PORT to a free port for miz's PostgreSQL."
        fi
        "${runas[@]}" "$bin/pg_ctl" -D "$PGDATA_DIR" -l "$pgdir/postgres.log" -w \
            -o "-p $DB_PORT -k $DB_HOST -c listen_addresses='' -c fsync=off -c max_connections=200" start >/dev/null \
            || die "PostgreSQL did not start; see $pgdir/postgres.log"
    fi
    local psql=("$bin/psql" -h "$DB_HOST" -p "$DB_PORT" -U postgres -d postgres -qtA)
    if [ "$("${psql[@]}" -c "select 1 from pg_roles where rolname='miz'")" != 1 ]; then
        "${psql[@]}" -c "create role miz login createdb" >/dev/null
    fi
    PG_BIN_DIR=$bin
}

port_busy() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0 || return 1
}

odoo_conf() {
    mkdir -p "$MIZ_HOME"
    CONF="$MIZ_HOME/odoo.conf"
    cat > "$CONF" <<EOF
[options]
addons_path = $ODOO_SRC/odoo/addons,$ODOO_SRC/addons,$REPO/addons
data_dir = $MIZ_HOME/data
db_host = $DB_HOST
db_port = $DB_PORT
db_user = $DB_USER
db_password = $DB_PASSWORD
http_port = $HTTP_PORT
admin_passwd = ${MIZ_MASTER_PASSWORD:-miz-local-master}
without_demo = False
EOF
}

setup() {
    system_packages
    venv
    odoo_src
    node_tools
    pg_setup
    odoo_conf
    export ODOO_SRC CONF
    export PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}"
}

odoo() { "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$CONF" "$@"; }

db_exists() {
    "$VENV/bin/python" - "$1" <<EOF
import sys, psycopg2
kw = dict(dbname="postgres", host="$DB_HOST", port=$DB_PORT, user="$DB_USER")
try:
    c = psycopg2.connect(**kw)
except Exception as e:
    sys.exit(3)
cur = c.cursor(); cur.execute("select 1 from pg_database where datname=%s", (sys.argv[1],))
sys.exit(0 if cur.fetchone() else 1)
EOF
}

drop_db() { "$VENV/bin/python" "$REPO/scripts/dbtool.py" drop "$1"; }

# ---------------------------------------------------------------- commands
cmd_run() {
    setup
    if port_busy "$HTTP_PORT"; then die "port $HTTP_PORT is busy; stop what listens there or set MIZ_HTTP_PORT."; fi
    if ! db_exists "$DB_NAME"; then
        say "creating database '$DB_NAME' with the four addons, demo data and Persian"
        odoo -d "$DB_NAME" -i "$ADDONS" --load-language=fa_IR --stop-after-init --log-level=warn
        "$VENV/bin/python" "$REPO/scripts/dbtool.py" persian "$DB_NAME"
    else
        say "database '$DB_NAME' exists; updating the addons"
        odoo -d "$DB_NAME" -u "$ADDONS" --stop-after-init --log-level=warn
    fi
    "$VENV/bin/python" "$REPO/scripts/dbtool.py" logins "$DB_NAME" "http://localhost:$HTTP_PORT"
    exec "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$DB_NAME" --db-filter="^$DB_NAME\$" --log-level=info
}

cmd_test() {
    setup
    local log="$MIZ_HOME/test.log"
    local pure_pass=0 pure_fail=0 pure_skip=0
    say "plain pytest: pure modules (no database)"
    set +e
    local pure_dirs
    pure_dirs=$(ls -d addons/*/tests/pure tests/pure 2>/dev/null || true)
    if [ -n "$pure_dirs" ]; then
        # shellcheck disable=SC2086
        # without Odoo on the path: the pure modules must not need it (and pytest must not import the addons)
        env -u PYTHONPATH "$VENV/bin/python" -m pytest -q -p no:cacheprovider --junitxml="$MIZ_HOME/pytest.xml" $pure_dirs 2>&1 | tail -n 30
    else
        printf '<testsuite tests="0"/>' > "$MIZ_HOME/pytest.xml"
    fi
    set -e
    read -r pure_pass pure_fail pure_skip < <("$VENV/bin/python" "$REPO/scripts/counts.py" junit "$MIZ_HOME/pytest.xml")
    local db="miz_test_$$"
    say "Odoo tests: database $db, addons $ADDONS (HttpCase/tours with Chromium)"
    set +e
    odoo -d "$db" -i "$ADDONS" --test-enable --test-tags "${MIZ_TEST_TAGS:-/miz_base,/miz_secretariat,/miz_khedmat,/miz_inquiry}" \
        --stop-after-init --log-level=test --http-port="${MIZ_TEST_HTTP_PORT:-8169}" --without-demo=all --load-language=fa_IR \
        > "$log" 2>&1
    local rc=$?
    set -e
    grep -E "(ERROR|FAIL|CRITICAL)" "$log" | grep -v "odoo.tests.result:.* 0 failed, 0 error" | head -n 60 >&2 || true
    read -r odoo_pass odoo_fail odoo_skip < <("$VENV/bin/python" "$REPO/scripts/counts.py" odoo "$log" "$rc")
    if [ -z "${MIZ_KEEP_DB:-}" ]; then drop_db "$db" || true; fi
    local passed=$((pure_pass + odoo_pass)) failed=$((pure_fail + odoo_fail)) skipped=$((pure_skip + odoo_skip))
    say "pure: $pure_pass passed, $pure_fail failed; odoo: $odoo_pass passed, $odoo_fail failed (log: $log)"
    echo "$passed passed, $failed failed, $skipped skipped"
    [ "$failed" -eq 0 ] && [ "$odoo_pass" -gt 0 ]
}

# install_check LABEL MODULES ODOO-ARGS…: install on a throwaway database; fail on any ERROR/CRITICAL line and on
# demo data that Odoo skipped (it only warns "demo data failed to install")
install_check() {
    local label=$1 modules=$2; shift 2
    local db="miz_install_${label}_$$" log="$MIZ_HOME/install_$label.log" rc=0
    if odoo -d "$db" -i "$modules" --stop-after-init --log-level=warn "$@" > "$log" 2>&1 \
        && ! grep -q " ERROR \| CRITICAL \|demo data failed" "$log"; then
        say "  $label: installed"
    else
        say "  $label: FAILED (see $log)"; grep -A12 " ERROR \| CRITICAL \|demo data failed" "$log" | head -30 >&2; rc=1
    fi
    drop_db "$db" >/dev/null 2>&1 || true
    return $rc
}

cmd_test_install() {
    # each addon alone, with its dependencies, on an empty database; then all of them with demo data and Persian
    setup
    local a rc=0
    for a in ${ADDONS//,/ }; do
        say "installing $a alone on an empty database"
        install_check "$a" "$a" --without-demo=all || rc=1
    done
    say "installing all addons with demo data and Persian, as make run does"
    install_check demo "$ADDONS" --load-language=fa_IR || rc=1
    return $rc
}

cmd_lint() {
    venv
    "$VENV/bin/ruff" check addons scripts bench tests
    "$VENV/bin/ruff" format --check addons scripts bench tests
    "$VENV/bin/pylint" --rcfile=.pylintrc-mandatory addons/miz_base addons/miz_secretariat addons/miz_khedmat addons/miz_inquiry
}

cmd_bench() {
    setup
    local db="miz_bench" port=${MIZ_BENCH_HTTP_PORT:-8179}
    if ! db_exists "$db"; then
        odoo -d "$db" -i "$ADDONS" --stop-after-init --log-level=warn --without-demo=all
    else
        odoo -d "$db" -u "$ADDONS" --stop-after-init --log-level=warn
    fi
    # a server for the bench database, so that wkhtmltopdf loads the report stylesheets as in production
    if port_busy "$port"; then die "port $port is busy; set MIZ_BENCH_HTTP_PORT to a free port."; fi
    "$VENV/bin/python" "$REPO/scripts/dbtool.py" set_param "$db" report.url "http://127.0.0.1:$port"
    odoo -d "$db" --db-filter="^$db\$" --http-port="$port" --max-cron-threads=0 --log-level=warn \
        > "$MIZ_HOME/bench_server.log" 2>&1 &
    local server=$!
    # shellcheck disable=SC2064
    trap "kill $server 2>/dev/null" EXIT
    local waited=0
    until port_busy "$port"; do
        waited=$((waited + 1))
        [ $waited -le 120 ] || die "the bench server did not start; see $MIZ_HOME/bench_server.log"
        sleep 1
    done
    local f
    for f in "$REPO"/bench/bench_*.py; do
        say "bench: $(basename "$f")"
        "$VENV/bin/python" "$f" --conf "$CONF" --db "$db"
    done
}

cmd_shell() { setup; odoo shell -d "${1:-$DB_NAME}"; }

# `scripts/miz.sh odoo ARGS…` runs odoo-bin with our configuration (used by developers and helpers)
cmd_odoo() { setup; odoo "$@"; }

case ${1:-} in
    run) cmd_run ;;
    test) cmd_test ;;
    test-install) cmd_test_install ;;
    lint) cmd_lint ;;
    bench) cmd_bench ;;
    setup) setup; say "ready: Odoo $ODOO_SRC, PostgreSQL $DB_HOST:$DB_PORT, config $CONF" ;;
    shell) shift; cmd_shell "$@" ;;
    odoo) shift; cmd_odoo "$@" ;;
    *) echo "usage: $0 run|test|test-install|lint|bench|setup|shell [db]|odoo ARGS" >&2; exit 2 ;;
esac
