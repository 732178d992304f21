#!/usr/bin/env bash
# miz — one script behind `make run|test|test-install|lint|bench|shell`.
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
# The addons: every installable addon under addons/, dependencies first. This is the one list: install, tests,
# test-install and lint all derive from it (a new addon needs no edit here).
addon_list() {
    "${PYTHON:-python3}" - "$REPO/addons" <<'EOF'
import ast, pathlib, sys
found = {}
for manifest in sorted(pathlib.Path(sys.argv[1]).glob("*/__manifest__.py")):
    data = ast.literal_eval(manifest.read_text(encoding="utf-8"))
    if data.get("installable", True):
        found[manifest.parent.name] = data.get("depends", [])
done = []
def visit(name):
    if name in found and name not in done:
        for dep in found[name]:
            visit(dep)
        done.append(name)
for name in found:
    visit(name)
print(" ".join(done))
EOF
}
read -r -a ADDON_LIST <<< "$(addon_list)"
[ ${#ADDON_LIST[@]} -gt 0 ] || { echo "[miz] error: no installable addon under $REPO/addons" >&2; exit 2; }
ADDONS=$(IFS=,; echo "${ADDON_LIST[*]}")
PG_BIN=${PG_BIN:-}
PG_PORT_DEFAULT=54329

say() { printf '\033[1;34m[miz]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[miz] error:\033[0m %s\n' "$*" >&2; exit 2; }
is_root() { [ "$(id -u)" = 0 ]; }

# ---------------------------------------------------------------- cleanup
# Every server started in the background and every throwaway database created by this script is recorded here;
# on exit — normal, error, Ctrl-C (INT), TERM or HUP — the servers are stopped and the databases dropped.
CHILDREN=()
THROWAWAY_DBS=()

cleanup() {
    local rc=$?
    trap '' INT TERM HUP
    local pid db
    for pid in "${CHILDREN[@]}"; do stop_pid "$pid"; done
    for db in "${THROWAWAY_DBS[@]}"; do
        drop_db "$db" >/dev/null 2>&1 || printf '[miz] could not drop the test database %s\n' "$db" >&2
    done
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# stop_pid PID: TERM, then KILL after 20 s; returns when the process is gone
stop_pid() {
    kill -0 "$1" 2>/dev/null || return 0
    kill -TERM "$1" 2>/dev/null || true
    local i
    for i in $(seq 1 100); do
        kill -0 "$1" 2>/dev/null || break
        sleep 0.2
    done
    kill -KILL "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}

# throwaway_db NAME: a database this run creates and drops on exit (it is dropped first if a previous run left it)
throwaway_db() {
    THROWAWAY_DBS+=("$1")
    if db_exists "$1"; then drop_db "$1" >/dev/null; fi
}

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

# Odoo importable from the venv (a .pth file): `.venv/bin/pytest` and `.venv/bin/python` need no PYTHONPATH
odoo_on_venv_path() {
    local site
    site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_path("purelib"))')
    if [ "$(cat "$site/miz-odoo.pth" 2>/dev/null)" != "$ODOO_SRC" ]; then
        echo "$ODOO_SRC" > "$site/miz-odoo.pth"
    fi
}

setup() {
    system_packages
    venv
    odoo_src
    odoo_on_venv_path
    node_tools
    pg_setup
    pg_check
    odoo_conf
    export ODOO_SRC CONF MIZ_HOME
    export PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}"
}

# odoo-bin with our configuration. Odoo reads a subcommand only in its first argument: `odoo shell -d x` runs
# `odoo-bin shell -c <conf> -d x`; subcommands that take no configuration (scaffold, help…) get none.
odoo_cmd() {
    local bin=("$VENV/bin/python" "$ODOO_SRC/odoo-bin")
    case ${1:-} in
        server | shell | start | populate | neutralize | obfuscate | cloc | db) ODOO_CMD=("${bin[@]}" "$1" -c "$CONF" "${@:2}") ;;
        -* | "") ODOO_CMD=("${bin[@]}" -c "$CONF" "$@") ;;
        *) ODOO_CMD=("${bin[@]}" "$@") ;;
    esac
}
odoo() { odoo_cmd "$@"; "${ODOO_CMD[@]}"; }

# PostgreSQL: 0 = database exists, 1 = it does not; a failed connection stops the script with PostgreSQL's error
pg_query() {
    "$VENV/bin/python" - "$@" <<EOF
import sys, psycopg2
try:
    conn = psycopg2.connect(dbname="postgres", host="$DB_HOST", port=$DB_PORT, user="$DB_USER", connect_timeout=10)
except psycopg2.Error as e:
    sys.stderr.write(str(e).strip() + "\n")
    sys.exit(3)
if len(sys.argv) > 1:
    cur = conn.cursor()
    cur.execute("select 1 from pg_database where datname=%s", (sys.argv[1],))
    sys.exit(0 if cur.fetchone() else 1)
EOF
}

pg_fail() { die "cannot connect to PostgreSQL at $DB_HOST:$DB_PORT as $DB_USER: $1"; }

pg_check() {
    local err
    err=$(pg_query 2>&1) || pg_fail "$err"
}

db_exists() {
    local err rc=0
    err=$(pg_query "$1" 2>&1) || rc=$?
    case $rc in 0) return 0 ;; 1) return 1 ;; *) pg_fail "$err" ;; esac
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

# The addons' test folders (pure tests included), unless the arguments name test paths themselves
test_paths() {
    local arg a
    for arg in "$@"; do
        case $arg in -*) continue ;; esac
        [ -e "${arg%%::*}" ] && return 0
    done
    for a in "${ADDON_LIST[@]}"; do [ -d "addons/$a/tests" ] && echo "addons/$a/tests"; done
    [ -d tests ] && echo tests  # cross-addon: two agencies on two servers (tests/test_two_agencies.py)
    return 0
}

# make test [ARGS="pytest arguments"]: install the addons on a throwaway database, then ONE pytest run of the pure
# tests and the Odoo tests (pytest-odoo, with an HTTP server for HttpCase and tours). pytest's summary line is
# the last line; exit status is pytest's (non-zero on any failure, and when no test ran).
cmd_test() {
    setup
    local db="miz_test_$$"
    if [ -n "${MIZ_KEEP_DB:-}" ]; then
        db=miz_test
        if db_exists "$db"; then drop_db "$db" >/dev/null; fi
        say "database $db is kept after the run: MIZ_TEST_DB=$db .venv/bin/pytest addons/<addon>/tests -k <words>"
    else
        throwaway_db "$db"
    fi
    local log="$MIZ_HOME/test_install.log"
    say "installing $ADDONS on $db (Persian loaded; log: $log)"
    if ! odoo -d "$db" -i "$ADDONS" --stop-after-init --without-demo=all --load-language=fa_IR --log-level=warn \
        --max-cron-threads=0 > "$log" 2>&1; then
        grep -A12 " ERROR \| CRITICAL " "$log" | head -40 >&2 || tail -n 20 "$log" >&2
        die "installing the addons on $db failed (see $log)"
    fi
    local paths
    mapfile -t paths < <(test_paths "$@")
    say "pytest: pure and Odoo tests on $db (Odoo log: $MIZ_HOME/test.log)"
    local rc=0
    # no selection: the Odoo tests must be there (conftest.py fails the run otherwise)
    [ $# -gt 0 ] || export MIZ_REQUIRE_ODOO_TESTS=1
    "$VENV/bin/python" -m pytest -p no:cacheprovider --odoo-config="$CONF" --odoo-database="$db" --odoo-http \
        --odoo-log-level="${MIZ_TEST_LOG_LEVEL:-info}" --odoo-extra=logfile="$MIZ_HOME/test.log" \
        "${paths[@]}" "$@" || rc=$?
    return $rc
}

# install_check LABEL MODULES ODOO-ARGS…: install on a throwaway database; fail on a non-zero exit, any
# ERROR/CRITICAL line (failed tests included) and on demo data that Odoo skipped (it only warns "demo data failed
# to install")
install_check() {
    local label=$1 modules=$2; shift 2
    local db="miz_install_${label}_$$" log="$MIZ_HOME/install_$label.log" rc=0
    throwaway_db "$db"
    if odoo -d "$db" -i "$modules" --stop-after-init --log-level=warn --max-cron-threads=0 "$@" > "$log" 2>&1 \
        && ! grep -q " ERROR \| CRITICAL \|demo data failed" "$log"; then
        say "  $label: installed"
    else
        say "  $label: FAILED (see $log)"; grep -A12 " ERROR \| CRITICAL \|demo data failed" "$log" | head -30 >&2; rc=1
    fi
    drop_db "$db" >/dev/null 2>&1 || true
    return $rc
}

cmd_test_install() {
    # each addon alone, with its dependencies, on an empty database in Persian (as every agency runs it), its own
    # tests run by Odoo's runner at the point of install (--test-enable: at_install right after the addon,
    # post_install after all, and without the addons above it); then all of them with demo data, as make run does
    setup
    local a rc=0
    for a in "${ADDON_LIST[@]}"; do
        say "installing $a alone on an empty database, with its tests (Odoo's runner)"
        install_check "$a" "$a" --without-demo=all --load-language=fa_IR --test-enable --test-tags "/$a" \
            --http-port="${MIZ_TEST_HTTP_PORT:-8169}" || rc=1
    done
    say "installing all addons with demo data and Persian, as make run does"
    install_check demo "$ADDONS" --load-language=fa_IR || rc=1
    return $rc
}

cmd_lint() {
    venv
    # all three checks run; the exit status says whether any failed
    local failed=()
    "$VENV/bin/ruff" check addons scripts bench conftest.py || failed+=("ruff check")
    "$VENV/bin/ruff" format --check addons scripts bench conftest.py || failed+=("ruff format")
    "$VENV/bin/pylint" --rcfile=.pylintrc-mandatory "${ADDON_LIST[@]/#/addons/}" || failed+=(pylint-odoo)
    [ ${#failed[@]} -eq 0 ] || die "lint failed: ${failed[*]}"
}

cmd_bench() {
    setup
    local db="miz_bench" port=${MIZ_BENCH_HTTP_PORT:-8179}
    if ! db_exists "$db"; then
        odoo -d "$db" -i "$ADDONS" --stop-after-init --log-level=warn --without-demo=all
    else
        odoo -d "$db" -u "$ADDONS" --stop-after-init --log-level=warn
    fi
    # a server for the bench database, so that wkhtmltopdf loads the report stylesheets as in production; it is
    # odoo-bin itself that runs in the background (its pid is the one the exit trap stops)
    if port_busy "$port"; then die "port $port is busy; set MIZ_BENCH_HTTP_PORT to a free port."; fi
    "$VENV/bin/python" "$REPO/scripts/dbtool.py" set_param "$db" report.url "http://127.0.0.1:$port"
    odoo_cmd -d "$db" --db-filter="^$db\$" --http-port="$port" --max-cron-threads=0 --log-level=warn
    "${ODOO_CMD[@]}" > "$MIZ_HOME/bench_server.log" 2>&1 &
    local server=$!
    CHILDREN+=("$server")
    local waited=0
    until port_busy "$port"; do
        waited=$((waited + 1))
        kill -0 "$server" 2>/dev/null && [ $waited -le 120 ] \
            || die "the bench server did not start; see $MIZ_HOME/bench_server.log"
        sleep 1
    done
    local f failed=()
    for f in "$REPO"/bench/bench_*.py; do
        say "bench: $(basename "$f")"
        "$VENV/bin/python" "$f" --conf "$CONF" --db "$db" || failed+=("$(basename "$f")")
    done
    [ ${#failed[@]} -eq 0 ] || die "benchmarks that failed: ${failed[*]}"
}

cmd_shell() {
    setup
    local db=${1:-$DB_NAME}
    db_exists "$db" || die "no database '$db' to open a shell on: create it with 'make run' (or give another: scripts/miz.sh shell <db>)."
    odoo shell -d "$db" "${@:2}"
}

# `scripts/miz.sh odoo [SUBCOMMAND] ARGS…` runs odoo-bin with our configuration (used by developers and helpers)
cmd_odoo() { setup; odoo "$@"; }

case ${1:-} in
    run) cmd_run ;;
    test) shift; cmd_test "$@" ;;
    test-install) cmd_test_install ;;
    lint) cmd_lint ;;
    bench) cmd_bench ;;
    setup) setup; say "ready: Odoo $ODOO_SRC, PostgreSQL $DB_HOST:$DB_PORT, config $CONF, addons $ADDONS" ;;
    shell) shift; cmd_shell "$@" ;;
    odoo) shift; cmd_odoo "$@" ;;
    *) echo "usage: $0 run|test [PYTEST ARGS]|test-install|lint|bench|setup|shell [db]|odoo [SUBCOMMAND] ARGS" >&2; exit 2 ;;
esac
