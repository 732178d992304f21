"""Benchmark: SubmitInquiry answered automatically under concurrent clients, against the trivial JSON route.

Usage::

    PYTHONPATH=/opt/odoo18 python bench/bench_inquiry.py --conf .miz/odoo.conf --db <db> \
        [--clients 20] [--requests 10] [--port 0]

On a database where ``miz_inquiry`` is installed (otherwise SKIP, exit 0), it commits a bench agency, a registered
letter, an inbound inquiry type ``letter_verify`` and a partner agency allowed to ask it (its rate limit raised
for the bench), then talks to an Odoo server on loopback: the one ``make bench`` serves (its address is the
database's ``report.url`` parameter, set by ``scripts/miz.sh cmd_bench``) when it answers ``/miz/inquiry/ping``,
else one it starts itself on a free port (threaded, no cron). ``--clients`` threads, each on a keep-alive
connection, send ``--requests`` calls, one target after the other, the two alternating ``--rounds`` times (3):

1. ``POST /miz/inquiry/ping`` — the trivial JSON route of the same controller (the reference);
2. ``POST /miz/inquiry/soap`` ``SubmitInquiry`` — a full WS-Security envelope (fresh nonce, new requestId each
   call), answered ``VALID`` at once from the letter: parse, authenticate, nonce claim, rate count, inquiry row,
   answer, envelope log, all committed. The envelopes are built before the timing and every answer is parsed and
   checked (``ANSWERED``/``VALID``) after it, so the clients' own XML work does not take the server's cores.

Printed: p50, p95 (ms), throughput (requests/s) and errors per target, then ``soap_rps / ping_rps`` and
``ping_p95 / soap_p95`` ("higher is better"; the target, ≥ 0.6, is on throughput). Every call has a 60 s
timeout and each round of a target stops after ``--budget`` seconds; the bench's rows (inquiries, envelopes, nonces, partner, type) are deleted at the end (the
agency and its registered letter stay: a registered letter is never deleted). Exit status 0 unless a call failed.
"""

import argparse
import subprocess
import sys
import threading
import time
import uuid

from benchlib import free_port as _free_port
from benchlib import import_odoo as _import_odoo
from benchlib import latency_figures as _figures
from benchlib import report
from benchlib import start_server as _start_server

TARGET = 0.6
SECRET = "bench-inquiry-secret-0123456789abcdef"


def _setup(odoo, args, tag):
    """Commit the bench's agency, letter, type and partner; ``None`` if miz_inquiry is not installed."""
    from odoo import api
    from odoo.modules.registry import Registry

    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        if "miz.inquiry.type" not in env:
            return None
        from odoo.addons.miz_base.tools import jalali

        agency = env["miz.agency"].create({"name": f"Bench inquiry agency {tag}", "code": f"BENCH-INQ-{tag}"})
        caller_agency = env["miz.agency"].create({"name": f"Bench caller {tag}", "code": f"BENCH-CALLER-{tag}"})
        letter = env["miz.secretariat.letter"]._miz_register_incoming(
            {"agency_id": agency.id, "subject": "Bench letter", "sender_agency_id": caller_agency.id}
        )
        inquiry_type = env["miz.inquiry.type"].create(
            {
                "name": "Bench letter verification",
                "code": f"bench.letter.{tag}",
                "direction": "inbound",
                "agency_id": agency.id,
                "answer_kind": "letter_verify",
                "param_ids": [(0, 0, {"name": "letterNumber"}), (0, 0, {"name": "letterDate"})],
            }
        )
        partner = env["miz.inquiry.partner"].create(
            {
                "agency_id": caller_agency.id,
                "agency_code": f"BENCH-CALLER-{tag}",
                "new_token": SECRET,
                "rate_limit": 1000000,
                "type_ids": [(6, 0, inquiry_type.ids)],
            }
        )
        params = [
            ("letterNumber", letter.name),
            ("letterDate", jalali.format_date(letter.registration_date, latin_digits=True)),
        ]
        served = env["ir.config_parameter"].sudo().get_param("report.url") or ""
        ids = {"type": inquiry_type.id, "partner": partner.id}
        cr.commit()
    return params, served, ids


def _cleanup(odoo, args, ids):
    from odoo import api
    from odoo.modules.registry import Registry

    with Registry(args.db).cursor() as cr:
        cr.execute("DELETE FROM miz_inquiry_message WHERE partner_id = %s", [ids["partner"]])
        cr.execute("DELETE FROM miz_inquiry_inbound WHERE partner_id = %s", [ids["partner"]])
        cr.execute("DELETE FROM miz_inquiry_nonce WHERE partner_id = %s", [ids["partner"]])
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        env["miz.inquiry.partner"].browse(ids["partner"]).unlink()
        env["miz.inquiry.type"].browse(ids["type"]).unlink()
        cr.commit()


def _answers_ping(requests, base):
    try:
        response = requests.post(f"{base}/miz/inquiry/ping", json={"jsonrpc": "2.0", "params": {}}, timeout=5)
        return response.status_code == 200 and "miz-inquiry" in response.text
    except Exception:  # not served here: the bench starts its own server
        return False


def _run(sessions, call, count, budget):
    """``len(sessions)`` threads, each making ``count`` calls ``call(session, index)`` (True when answered right),
    stopping at ``budget`` seconds; returns (latencies, seconds, errors)."""
    latencies, errors = [], []
    lock = threading.Lock()
    barrier = threading.Barrier(len(sessions) + 1)
    stop_at = [0.0]

    def client(session, number):
        mine, failed = [], 0
        barrier.wait()
        for index in range(count):
            if time.perf_counter() > stop_at[0]:
                break
            start = time.perf_counter()
            try:
                ok = call(session, f"{number}-{index}")
            except Exception:  # any failure counts as an error
                ok = False
            mine.append(time.perf_counter() - start)
            failed += not ok
        with lock:
            latencies.extend(mine)
            errors.append(failed)

    threads = [threading.Thread(target=client, args=(s, n)) for n, s in enumerate(sessions)]
    for thread in threads:
        thread.start()
    stop_at[0] = time.perf_counter() + budget
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
    parser.add_argument("--requests", type=int, default=10, help="calls per client and target")
    parser.add_argument("--port", type=int, default=0, help="loopback port of an own server (0: a free one)")
    parser.add_argument("--budget", type=float, default=120, help="seconds at most per target and round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the two targets, alternating")
    args = parser.parse_args()
    args.clients = max(1, min(args.clients, 50))
    args.requests = max(1, min(args.requests, 200))
    odoo = _import_odoo()
    import requests

    from odoo.tools import config

    config.parse_config(["-c", args.conf, "-d", args.db, "--log-level=warn"])
    odoo.modules.module.initialize_sys_path()
    tag = uuid.uuid4().hex[:8].upper()
    setup = _setup(odoo, args, tag)
    if setup is None:
        report("bench_inquiry: SKIP (miz_inquiry is not installed in", args.db + ")")
        return 0
    params, served, ids = setup
    from odoo.addons.miz_inquiry.tools import soap

    caller = f"BENCH-CALLER-{tag}"
    server = None
    try:
        base = served.rstrip("/") if served.startswith("http://127.0.0.1") else ""
        if not base or not _answers_ping(requests, base):
            base = f"http://127.0.0.1:{args.port or _free_port()}"
            server = _start_server(args, int(base.rsplit(":", 1)[1]))
        report(f"bench_inquiry: server {base} ({'started by the bench' if server else 'served by make bench'})")

        def ping(session, _key):
            response = session.post(
                f"{base}/miz/inquiry/ping", json={"jsonrpc": "2.0", "method": "call", "params": {}}, timeout=60
            )
            return response.status_code == 200 and "miz-inquiry" in response.text

        def envelope(key):
            return soap.build_submit(
                {
                    "requestId": f"bench-{tag}-{key}-{uuid.uuid4().hex[:8]}",
                    "requesterAgencyCode": caller,
                    "inquiryType": f"bench.letter.{tag}",
                    "purposeRef": f"BENCH-{key}",
                },
                params,
                soap.build_security(caller, SECRET),
            )

        # the envelopes (each with its own nonce and requestId) are built before the clock starts and the answers
        # parsed after it stops: the 20 client threads share the server's two cores, and what is measured is the
        # server's work, as for the ping (whose client only encodes a tiny JSON body)
        envelopes = {}
        answers = []

        def submit(session, key):
            response = session.post(
                f"{base}/miz/inquiry/soap",
                data=envelopes.pop(key) if key in envelopes else envelope(key),
                headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": soap.SOAP_ACTIONS["SubmitInquiry"]},
                timeout=60,
            )
            answers.append(response.content)
            return response.status_code == 200

        sessions = [requests.Session() for _i in range(args.clients)]
        # warm-up, and a check of the setup
        if not (ping(sessions[0], "warm") and submit(sessions[0], "warm")):
            raise SystemExit("bench_inquiry: the warm-up SubmitInquiry failed")
        warm = soap.parse_response(answers.pop())
        if (warm["status"], (warm["result"] or {}).get("code")) != ("ANSWERED", "VALID"):
            raise SystemExit("bench_inquiry: the warm-up SubmitInquiry was not answered VALID")
        # the two targets alternate, ``--rounds`` times (a drift of the machine then weighs on both sides); the
        # figures are over all rounds: every latency, total calls over total seconds
        measured = {"ping (JSON)": ([], 0.0), "SubmitInquiry": ([], 0.0)}
        failures = 0
        for round_ in range(args.rounds):
            for name, call in (("ping (JSON)", ping), ("SubmitInquiry", submit)):
                if call is submit:
                    envelopes.update(
                        (key, envelope(key))
                        for key in (f"{round_}.{n}-{i}" for n in range(args.clients) for i in range(args.requests))
                    )
                prefixed = call if call is ping else (lambda session, key, r=round_: submit(session, f"{r}.{key}"))
                latencies, seconds, errors = _run(sessions, prefixed, args.requests, args.budget)
                failures += errors
                measured[name] = (measured[name][0] + latencies, measured[name][1] + seconds)
        results = {}
        for name, (latencies, seconds) in measured.items():
            results[name] = _figures(latencies, seconds)
            p50, p95, rps = results[name]
            report(f"{name:14s} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  {rps:8.1f} req/s  calls {len(latencies)}")
        # every answer, parsed now: ANSWERED, VALID (a wrong one counts as a failed call)
        wrong = 0
        for content in answers:
            try:
                answer = soap.parse_response(content)
                wrong += not (answer["status"] == "ANSWERED" and answer["result"]["code"] == "VALID")
            except Exception:  # a fault or garbage
                wrong += 1
        if wrong:
            report(f"SubmitInquiry: {wrong} answers were not ANSWERED/VALID")
        failures += wrong
        ref50, ref95, ref_rps = results["ping (JSON)"]
        p50, p95, rps = results["SubmitInquiry"]
        throughput, tail = rps / ref_rps, ref95 / p95
        verdict = throughput >= TARGET  # the target is on throughput; the p95 ratio is reported beside it
        report(
            f"SubmitInquiry vs ping: throughput {throughput:.2f}x  p95 {tail:.2f}x  p50 {ref50 / p50:.2f}x  "
            f"(target >= {TARGET}x: {'PASS' if verdict else 'BELOW'})"
        )
        report(
            f"bench_inquiry: {args.clients} clients x {args.requests} calls per target x {args.rounds} rounds, "
            f"{'PASS' if verdict else 'BELOW TARGET'}, {failures} failed calls"
        )
        return 1 if failures else 0
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        _cleanup(odoo, args, ids)


if __name__ == "__main__":
    sys.exit(main())
