"""Benchmark: the electronic desk's public pages under concurrent clients, against Odoo's own ``/web/login``.

Usage::

    PYTHONPATH=/opt/odoo18 python bench/bench_online.py --conf .miz/odoo.conf --db <db> \
        [--clients 20] [--requests 25] [--port 0]

On a database where ``miz_khedmat_online`` is installed (otherwise it prints SKIP and exits 0), it commits a fresh
agency with one electronic service and ``--clients`` requests registered through the desk's own registration (one
per client: each client proves its own tracking code + national code pair once, as a citizen would, which keeps
every client within the tracking limit of one IP address), starts an Odoo server of its own on a free loopback
port (threaded, no cron), warms every page up once, then runs, one target after the other, ``--clients`` threads
each sending ``--requests`` GET requests on a keep-alive connection:

1. ``/web/login`` — the reference, same server, same clients;
2. ``/miz/services`` — the public catalog;
3. ``/miz/track/<code>`` — the tracking status page of the client's request (its session proved the pair).

Printed per target: p50, p95 (ms), throughput (requests/s), errors; then each page's ratios to the reference as
"higher is better" figures — ``login_p50 / page_p50``, ``login_p95 / page_p95``, ``page_rps / login_rps`` — with
the target ≥ 0.8. The server is stopped at the end. Exit status 0 (a bench reports, it does not gate) unless a
request failed.
"""

import argparse
import re
import subprocess
import sys
import threading
import time
import uuid

from benchlib import free_port as _free_port
from benchlib import import_odoo as _import_odoo
from benchlib import latency_figures as _figures
from benchlib import national_codes, report
from benchlib import start_server as _start_server

TARGET = 0.8


def _setup(odoo, args):
    """Commit the bench's agency, service and ``clients`` registered requests; return [(code, national)]."""
    from odoo import api

    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        if not env["ir.module.module"].search_count([("name", "=", "miz_khedmat_online"), ("state", "=", "installed")]):
            return None
        tag = uuid.uuid4().hex[:6]
        agency = env["miz.agency"].create({"name": f"Bench online agency {tag}", "code": f"BENCH-ON-{tag}"})
        clerk = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": f"Bench online clerk {tag}",
                    "login": f"bench_on_{tag}",
                    "email": f"bench_on_{tag}@bench.invalid",
                    "groups_id": [(6, 0, env.ref("miz_khedmat.group_miz_khedmat_clerk").ids)],
                }
            )
        )
        Unit = env["miz.org.unit"]
        desk = Unit.create({"name": f"Bench desk {tag}", "agency_id": agency.id, "representative_id": clerk.id})
        unit = Unit.create({"name": f"Bench unit {tag}", "agency_id": agency.id, "representative_id": clerk.id})
        service = env["miz.khedmat.service"].create(
            {
                "name": f"Bench online service {tag}",
                "code": f"BENCH-ON-{tag}",
                "agency_id": agency.id,
                "delivery_channel": "electronic",
                "duration_promised_days": 5,
                "online_desk_unit_id": desk.id,
                "document_ids": [(0, 0, {"name": "Form", "required": True})],
                "step_ids": [(0, 0, {"unit_id": unit.id, "days": 2}), (0, 0, {"unit_id": unit.id, "days": 3})],
            }
        )
        pairs = []
        Request = env["miz.khedmat.request"].with_user(clerk)
        for national in national_codes(
            "0" + tag[:2].translate(str.maketrans("abcdef", "123456")), args.clients, start=200000
        ):
            request = Request.create(
                {
                    "applicant_code": national,
                    "applicant_name": f"Bench citizen {national}",
                    "applicant_mobile": "09120000000",
                    "service_id": service.id,
                    "channel": "electronic",
                    "desk_unit_id": desk.id,
                }
            )
            request.document_ids.write({"received": True})
            request._miz_register()
            pairs.append((request.tracking_code, national))
        # the loopback address of the bench's clients starts with empty rate-limit windows
        cr.execute("DELETE FROM miz_khedmat_online_throttle WHERE key LIKE 'track_%%'")
        cr.commit()
    return pairs


def _prove(session, base, code, national):
    form = session.get(f"{base}/miz/track", timeout=60)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    answer = session.post(
        f"{base}/miz/track", data={"csrf_token": token, "code": code, "national_code": national}, timeout=60
    )
    if 'id="miz_track_state"' not in answer.text:
        raise SystemExit(f"the tracking pair of {code} was not accepted (status {answer.status_code})")


def _run(sessions, urls, count):
    """``len(sessions)`` threads, each GETting its url ``count`` times; returns (latencies, seconds, errors)."""
    latencies, errors = [], []
    lock = threading.Lock()
    barrier = threading.Barrier(len(sessions) + 1)

    def client(session, url):
        mine, failed = [], 0
        barrier.wait()
        for _i in range(count):
            start = time.perf_counter()
            try:
                response = session.get(url, timeout=60)
                ok = response.status_code == 200
            except Exception:  # any failure counts as an error of the page
                ok = False
            mine.append(time.perf_counter() - start)
            failed += not ok
        with lock:
            latencies.extend(mine)
            errors.append(failed)

    threads = [threading.Thread(target=client, args=(s, u)) for s, u in zip(sessions, urls, strict=True)]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    return latencies, time.perf_counter() - start, sum(errors)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--conf", required=True, help="odoo configuration file")
    parser.add_argument("--db", required=True)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25, help="requests per client and page")
    parser.add_argument("--port", type=int, default=0, help="loopback port of the bench server (0: a free one)")
    args = parser.parse_args()
    args.clients = max(1, min(args.clients, 50))
    args.requests = max(1, min(args.requests, 200))
    odoo = _import_odoo()
    import requests

    from odoo.tools import config

    config.parse_config(["-c", args.conf, "-d", args.db, "--log-level=warn"])
    pairs = _setup(odoo, args)
    if pairs is None:
        report("bench_online: SKIP (miz_khedmat_online is not installed in", args.db + ")")
        return 0
    port = args.port or _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start_server(args, port)
    try:
        sessions = [requests.Session() for _i in range(args.clients)]
        for session, (code, national) in zip(sessions, pairs, strict=True):
            _prove(session, base, code, national)
        targets = {
            "/web/login": [f"{base}/web/login"] * args.clients,
            "/miz/services": [f"{base}/miz/services"] * args.clients,
            "/miz/track/<code>": [f"{base}/miz/track/{code}" for code, _n in pairs],
        }
        for urls in targets.values():  # warm-up: assets bundles, QWeb compilation, routing map
            sessions[0].get(urls[0], timeout=120)
        results, failures = {}, 0
        for name, urls in targets.items():
            latencies, seconds, errors = _run(sessions, urls, args.requests)
            failures += errors
            results[name] = _figures(latencies, seconds)
            p50, p95, rps = results[name]
            report(f"{name:20s} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  {rps:8.1f} req/s  errors {errors}")
        ref50, ref95, ref_rps = results["/web/login"]
        verdict = True
        for name in ("/miz/services", "/miz/track/<code>"):
            p50, p95, rps = results[name]
            ratios = (ref50 / p50, ref95 / p95, rps / ref_rps)
            ok = min(ratios) >= TARGET
            verdict &= ok
            report(
                f"{name:20s} vs /web/login: p50 {ratios[0]:.2f}x  p95 {ratios[1]:.2f}x  throughput {ratios[2]:.2f}x"
                f"  (target >= {TARGET}x: {'PASS' if ok else 'BELOW'})"
            )
        report(
            f"bench_online: {args.clients} clients x {args.requests} requests per page, "
            f"{'PASS' if verdict else 'BELOW TARGET'}, {failures} failed requests"
        )
        return 1 if failures else 0
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        _forget_windows(odoo, args)


def _forget_windows(odoo, args):
    """The bench's pair checks leave no rate-limit window behind for the loopback address."""
    with odoo.modules.registry.Registry(args.db).cursor() as cr:
        cr.execute("DELETE FROM miz_khedmat_online_throttle WHERE key LIKE 'track_%%'")


if __name__ == "__main__":
    sys.exit(main())
