"""Shared by the benchmarks: find Odoo (PYTHONPATH, else $ODOO_SRC) the way scripts/miz.sh provides it."""

import os
import socket
import statistics
import subprocess
import sys
import time


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


def free_port():
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def latency_figures(latencies, seconds):
    """(p50 ms, p95 ms, requests per second) of ``latencies`` (seconds) measured over ``seconds``."""
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered) * 1000, p95 * 1000, len(ordered) / seconds


def start_server(args, port):
    """Serve ``args.db`` with ``args.conf`` on loopback ``port`` (threaded, no cron); return the process once it
    accepts connections (at most two minutes)."""
    odoo_bin = os.path.join(os.environ.get("ODOO_SRC", "/opt/odoo18"), "odoo-bin")
    command = [
        sys.executable,
        odoo_bin,
        "-c",
        args.conf,
        "-d",
        args.db,
        f"--db-filter=^{args.db}$",
        f"--http-port={port}",
        "--http-interface=127.0.0.1",
        "--max-cron-threads=0",
        "--workers=0",
        "--log-level=warn",
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.5)
    server.kill()
    raise SystemExit("the bench server did not start")


def national_codes(prefix, count, start=100000):
    """``count`` valid national codes (10 digits, mod-11 check digit) starting with the 3 digits ``prefix`` — codes
    a bench can use for new applicants (digits 4..9 from ``start``: all zero would not be valid)."""
    codes, serial = [], start
    while len(codes) < count:
        body = f"{prefix}{serial:06d}"
        total = sum(int(body[i]) * (10 - i) for i in range(9))
        rest = total % 11
        codes.append(body + str(rest if rest < 2 else 11 - rest))
        serial += 1
    return codes
