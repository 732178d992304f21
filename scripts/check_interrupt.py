"""Ctrl-C during `make test` leaves no test database and no process behind (run by CI, .ci/run).

Usage: ``.venv/bin/python scripts/check_interrupt.py [install|pytest ...]`` (default: both), after
``scripts/miz.sh setup``. For each phase it starts ``make test`` in a process group of its own, as a terminal runs
a foreground job, waits until the driver is in that phase — ``install``: Odoo has created the throwaway database
and is installing the addons; ``pytest``: pytest-odoo is running the Odoo tests on it — and sends SIGINT to the
whole group, as Ctrl-C does. It then checks that make exits non-zero within two minutes, that the database is
gone and that no process of the group is left. Exit status 0 when every phase passes.
"""

import configparser
import os
import pathlib
import re
import signal
import subprocess
import sys
import threading
import time

import psycopg2

REPO = pathlib.Path(__file__).resolve().parent.parent
CONF = pathlib.Path(os.environ.get("MIZ_HOME", REPO / ".miz")) / "odoo.conf"
DB_LINE = re.compile(r"installing \S+ on (miz_test_\d+)")
ODOO_TEST_FILE = re.compile(r"addons/\w+/tests/test_\w+\.py")


def connect():
    options = configparser.ConfigParser()
    options.read(CONF)
    opt = options["options"]
    return psycopg2.connect(dbname="postgres", host=opt["db_host"], port=int(opt["db_port"]), user=opt["db_user"])


def db_exists(name):
    with connect() as conn, conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return bool(cr.fetchone())


def group_alive(pgid):
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


class Run:
    """`make test` in its own process group; its output is kept (and echoed) line by line."""

    def __init__(self):
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            ["make", "--no-print-directory", "test"],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.output = ""
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for chunk in iter(lambda: self.proc.stdout.read1(4096), b""):
            text = chunk.decode(errors="replace")
            self.output += text
            sys.stdout.write(text)
            sys.stdout.flush()

    def wait_for(self, what, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = what()
            if found:
                return found
            if self.proc.poll() is not None:
                raise AssertionError(f"make test ended (status {self.proc.returncode}) before the expected phase")
            time.sleep(0.5)
        raise AssertionError(f"timeout after {timeout} s waiting for the expected phase")


def check(phase):
    run = Run()
    pgid = run.proc.pid
    try:
        db = run.wait_for(lambda: (m := DB_LINE.search(run.output)) and m.group(1), 300)
        if phase == "install":
            run.wait_for(lambda: db_exists(db), 300)
            time.sleep(1)
        else:
            run.wait_for(lambda: ODOO_TEST_FILE.search(run.output), 600)
            time.sleep(8)  # the registry is loaded and the first Odoo tests run
        print(f"\n[check_interrupt] {phase}: SIGINT to make test (process group {pgid}, database {db})", flush=True)
        os.killpg(pgid, signal.SIGINT)
        try:
            status = run.proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            raise AssertionError("make test still running two minutes after SIGINT") from None
        run.reader.join(timeout=10)
        problems = []
        if status == 0:
            problems.append("make test exited 0 after SIGINT")
        if db_exists(db):
            problems.append(f"database {db} is left behind")
        time.sleep(1)
        if group_alive(pgid):
            left = subprocess.run(["ps", "-o", "pid,args", "-g", str(pgid)], capture_output=True, text=True).stdout
            problems.append(f"processes left behind:\n{left}")
        return problems
    finally:
        if group_alive(pgid):
            os.killpg(pgid, signal.SIGKILL)


def main(phases):
    failed = False
    for phase in phases:
        problems = check(phase)
        verdict = "; ".join(problems) if problems else "no database and no process left behind"
        print(f"[check_interrupt] {phase}: {'FAIL' if problems else 'ok'}: {verdict}", flush=True)
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["install", "pytest"]))
