"""Concurrency check of desk registration: N desk clerks register M requests each in parallel.

Usage::

    PYTHONPATH=/opt/odoo18 python bench/bench_khedmat_concurrency.py --conf .miz/odoo.conf --db <db> \
        [--clerks 8] [--requests 50]

For a fresh agency created for this run (a desk with ``--clerks`` clerks, a unit and a service routed through
it), each clerk is a thread with its own registry cursor and one transaction per request, as one RPC call per
request would be: create the request (applicant by national code, documents ticked) and ``action_register`` it
(tracking code, promised date, incoming letter numbered by the secretariat, routing step, referral, hand-over,
SMS queued). Serialization failures are retried the way Odoo's RPC layer does (at most 5 tries); an error left
after that is counted as "surfaced to a user".

The reference is the same number of registrations made one after another by one clerk of a second fresh agency
(same service terms), in the same run. Printed: both times and their ratio (parallel / sequential), then the
checks — every request registered, 0 errors, the agency's letter counters 1…N without gap or duplicate, distinct
letter numbers and tracking codes — and PASS/FAIL (exit status 1 on FAIL).
"""

import argparse
import random
import sys
import threading
import time

from benchlib import import_odoo as _import_odoo
from benchlib import national_codes, report

MAX_TRIES = 5  # odoo.service.model.MAX_TRIES_ON_CONCURRENCY_FAILURE


def _desk(env, tag, clerks):
    """A fresh agency with a desk of ``clerks`` clerks, one unit and one desk service; returns ids."""
    agency = env["miz.agency"].create({"name": f"Bench desk agency {tag}", "code": f"BENCH-KC-{tag}"})
    group = env.ref("miz_khedmat.group_miz_khedmat_clerk")
    users = env["res.users"].with_context(no_reset_password=True)
    clerk_users = users.create(
        [
            {
                "name": f"Bench clerk {tag}-{i}",
                "login": f"bench_kc_{tag}_{i}",
                "email": f"bench_kc_{tag}_{i}@bench.invalid",
                "groups_id": [(6, 0, group.ids)],
                "tz": "Asia/Tehran",
            }
            for i in range(clerks)
        ]
    )
    rep = users.create(
        {
            "name": f"Bench representative {tag}",
            "login": f"bench_kc_{tag}_rep",
            "email": f"bench_kc_{tag}_rep@bench.invalid",
            "groups_id": [(6, 0, env.ref("miz_khedmat.group_miz_khedmat_unit_rep").ids)],
        }
    )
    Unit = env["miz.org.unit"]
    desk = Unit.create({"name": f"Bench desk {tag}", "agency_id": agency.id, "member_ids": [(6, 0, clerk_users.ids)]})
    unit = Unit.create({"name": f"Bench unit {tag}", "agency_id": agency.id, "representative_id": rep.id})
    service = env["miz.khedmat.service"].create(
        {
            "name": f"Bench service {tag}",
            "code": f"BENCH-KC-{tag}",
            "agency_id": agency.id,
            "delivery_channel": "combined",
            "duration_promised_days": 5,
            "document_ids": [(0, 0, {"name": "Deed", "required": True}), (0, 0, {"name": "Plan", "required": True})],
            "step_ids": [(0, 0, {"unit_id": unit.id, "days": 2})],
        }
    )
    return {"agency": agency.id, "desk": desk.id, "service": service.id, "clerks": clerk_users.ids}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conf", required=True, help="odoo configuration file")
    parser.add_argument("--db", required=True, help="database where miz_khedmat is installed")
    parser.add_argument("--clerks", type=int, default=8)
    parser.add_argument("--requests", type=int, default=50, help="registrations per clerk")
    args = parser.parse_args(argv)

    odoo = _import_odoo()
    from psycopg2 import errorcodes
    from psycopg2 import errors as pg_errors

    from odoo import api
    from odoo.tools import config

    config.parse_config(["-c", args.conf, "-d", args.db, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.db)
    retryable = {errorcodes.SERIALIZATION_FAILURE, errorcodes.DEADLOCK_DETECTED, errorcodes.LOCK_NOT_AVAILABLE}
    total = args.clerks * args.requests
    tag = f"{time.time():.0f}"
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        parallel_desk = _desk(env, f"{tag}P", args.clerks)
        sequential_desk = _desk(env, f"{tag}S", 1)
    codes = national_codes("986", total)  # applicants of the parallel run
    reference_codes = national_codes("985", total)  # new applicants for the reference too: the same work

    stats = {"ok": 0, "retries": 0, "errors": []}
    lock = threading.Lock()

    def register(uid, desk, code, label):
        for attempt in range(1, MAX_TRIES + 1):
            try:
                with registry.cursor() as cr:
                    env = api.Environment(cr, uid, {"tz": "Asia/Tehran"})
                    request = env["miz.khedmat.request"].create(
                        {
                            "applicant_code": code,
                            "applicant_name": f"Bench applicant {code}",
                            "applicant_mobile": "09121234567",
                            "service_id": desk["service"],
                            "desk_unit_id": desk["desk"],
                        }
                    )
                    request.document_ids.write({"received": True})
                    request.action_register()
                with lock:
                    stats["ok"] += 1
                return
            except pg_errors.Error as exc:
                if exc.pgcode in retryable and attempt < MAX_TRIES:
                    with lock:
                        stats["retries"] += 1
                    time.sleep(random.uniform(0.0, 2**attempt) / 10)
                    continue
                with lock:
                    stats["errors"].append(f"{label}: {exc.pgcode} {exc}")
                return
            except Exception as exc:  # anything else also reaches the user
                with lock:
                    stats["errors"].append(f"{label}: {type(exc).__name__}: {exc}")
                return

    def clerk(index):
        threading.current_thread().dbname = args.db
        uid = parallel_desk["clerks"][index]
        for n in range(args.requests):
            register(uid, parallel_desk, codes[index * args.requests + n], f"clerk {index}")

    threads = [threading.Thread(target=clerk, args=(i,), name=f"clerk-{i}") for i in range(args.clerks)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    parallel = time.perf_counter() - start
    parallel_errors = list(stats["errors"])

    # reference: the same registrations one after another, by one clerk of the second agency
    threading.current_thread().dbname = args.db
    start = time.perf_counter()
    for n, code in enumerate(reference_codes):
        register(sequential_desk["clerks"][0], sequential_desk, code, f"sequential {n}")
    sequential = time.perf_counter() - start

    checks = {}
    with registry.cursor() as cr:
        for name, desk in (("parallel", parallel_desk), ("sequential", sequential_desk)):
            cr.execute(
                "SELECT name, number_seq FROM miz_secretariat_letter WHERE agency_id = %s AND kind = 'incoming'",
                [desk["agency"]],
            )
            rows = cr.fetchall()
            cr.execute(
                "SELECT count(*), count(DISTINCT tracking_code) FROM miz_khedmat_request "
                "WHERE agency_id = %s AND state = 'registered' AND tracking_code IS NOT NULL",
                [desk["agency"]],
            )
            registered, codes_distinct = cr.fetchone()
            counters = sorted(row[1] for row in rows)
            checks[name] = {
                "registered": registered,
                "letters": len(rows),
                "numbers": len({row[0] for row in rows}),
                "gapless": counters == list(range(1, total + 1)),
                "codes": codes_distinct,
            }
        cr.execute("SELECT count(*) - count(DISTINCT tracking_code) FROM miz_khedmat_request WHERE tracking_code <> ''")
        duplicate_codes = cr.fetchone()[0]

    def good(check):
        return all(check[key] == total for key in ("registered", "letters", "numbers", "codes")) and check["gapless"]

    ok = not stats["errors"] and good(checks["parallel"]) and good(checks["sequential"]) and not duplicate_codes
    p = checks["parallel"]
    report(
        f"desk concurrency: {args.clerks} clerks × {args.requests} registrations in {parallel:.1f}s "
        f"({total / parallel:.1f}/s); {total} sequential registrations in {sequential:.1f}s ({total / sequential:.1f}/s); "
        f"ratio parallel/sequential {parallel / sequential:.2f}x"
    )
    report(
        f"desk concurrency checks: registered {p['registered']}/{total}, letters {p['letters']}, distinct numbers "
        f"{p['numbers']}, counters 1..{total} gapless={p['gapless']}, distinct tracking codes {p['codes']}, "
        f"duplicate tracking codes in the database {duplicate_codes}, retried serialization failures "
        f"{stats['retries']}, errors surfaced {len(parallel_errors)} (sequential "
        f"{len(stats['errors']) - len(parallel_errors)}) → {'PASS' if ok else 'FAIL'}"
    )
    for line in stats["errors"][:10]:
        report("  error:", line)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
