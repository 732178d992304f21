"""Concurrency check of letter registration: N parallel clients register M incoming letters each.

Usage::

    PYTHONPATH=/opt/odoo18 python bench/bench_secretariat_concurrency.py --conf .miz/odoo.conf --db <db> \
        [--clients 8] [--letters 200]

Each client is a thread with its own registry cursor and one transaction per letter (like one RPC call per
letter), calling ``miz.secretariat.letter.register_incoming`` as the administrator for a fresh agency created
for this run. Serialization failures are retried the way Odoo's RPC layer does (at most 5 tries); any error left
after that is counted as "surfaced to a user".

It then checks that the agency has exactly clients × letters registered letters whose counters are 1…N without
gap or duplicate, prints PASS/FAIL and exits with status 1 on FAIL.
"""

import argparse
import random
import sys
import threading
import time

from benchlib import import_odoo as _import_odoo
from benchlib import make_clerk_of as _make_clerk_of
from benchlib import report

MAX_TRIES = 5  # odoo.service.model.MAX_TRIES_ON_CONCURRENCY_FAILURE


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conf", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--letters", type=int, default=200)
    args = parser.parse_args()

    odoo = _import_odoo()
    from psycopg2 import errorcodes
    from psycopg2 import errors as pg_errors

    from odoo import api
    from odoo.tools import config

    config.parse_config(["-c", args.conf, "-d", args.db, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.db)
    retryable = {errorcodes.SERIALIZATION_FAILURE, errorcodes.DEADLOCK_DETECTED, errorcodes.LOCK_NOT_AVAILABLE}

    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        admin = env.ref("base.user_admin")
        agency = env["miz.agency"].create({"name": f"Bench agency {time.time():.0f}"})
        _make_clerk_of(env, admin, agency)
        agency_id, uid = agency.id, admin.id

    stats = {"ok": 0, "retries": 0, "errors": []}
    lock = threading.Lock()

    def client(index):
        threading.current_thread().dbname = args.db
        for n in range(args.letters):
            for attempt in range(1, MAX_TRIES + 1):
                try:
                    with registry.cursor() as cr:
                        env = api.Environment(cr, uid, {})
                        env["miz.secretariat.letter"].register_incoming(
                            {"agency_id": agency_id, "subject": f"Bench {index}-{n}", "sender_number": f"B-{n}"}
                        )
                    with lock:
                        stats["ok"] += 1
                    break
                except pg_errors.Error as exc:
                    if exc.pgcode in retryable and attempt < MAX_TRIES:
                        with lock:
                            stats["retries"] += 1
                        time.sleep(random.uniform(0.0, 2**attempt) / 10)
                        continue
                    with lock:
                        stats["errors"].append(f"client {index}: {exc.pgcode} {exc}")
                    break
                except Exception as exc:  # anything else also reaches the user
                    with lock:
                        stats["errors"].append(f"client {index}: {type(exc).__name__}: {exc}")
                    break

    threads = [threading.Thread(target=client, args=(i,), name=f"client-{i}") for i in range(args.clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start

    expected = args.clients * args.letters
    with registry.cursor() as cr:
        cr.execute(
            "SELECT name, number_seq FROM miz_secretariat_letter WHERE agency_id = %s AND kind = 'incoming'",
            [agency_id],
        )
        rows = cr.fetchall()
    names = {row[0] for row in rows}
    counters = sorted(row[1] for row in rows)
    consecutive = counters == list(range(1, expected + 1))
    ok = not stats["errors"] and len(rows) == expected and len(names) == expected and consecutive
    report(
        f"secretariat concurrency: {args.clients} clients × {args.letters} letters in {elapsed:.1f}s "
        f"({expected / elapsed:.0f} letters/s); registered {len(rows)}, distinct numbers {len(names)}, "
        f"counters 1..{counters[-1] if counters else 0} consecutive={consecutive}, "
        f"retried serialization failures {stats['retries']}, errors surfaced {len(stats['errors'])} "
        f"→ {'PASS' if ok else 'FAIL'}"
    )
    for line in stats["errors"][:10]:
        report("  error:", line)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
