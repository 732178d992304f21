"""Benchmark: registering incoming letters against plain creation of mail.thread records, same run.

Usage::

    PYTHONPATH=/opt/odoo18 python bench/bench_secretariat.py --conf .miz/odoo.conf --db <db> [--count 300]

One transaction per record (as one RPC call per record), as the administrator, best of 3 rounds, timed with
``time.perf_counter``:

- ours: ``miz.secretariat.letter.register_incoming(vals)`` — creates the letter (chatter, tracking), locks the
  agency's numbering, allocates the gapless Jalali-year number and registers it;
- reference 1: ``miz.secretariat.letter.create`` of the same values as an internal draft — the same mail.thread
  model, without numbering;
- reference 2: ``res.partner.create`` — Odoo's everyday mail.thread record.

Prints both ratios ours/reference against the target ``≤ 2×`` (reference 1 is the one the target applies to).
Exit status is 0 either way: a bench reports, it does not gate.
"""

import argparse
import time

from benchlib import import_odoo as _import_odoo
from benchlib import make_clerk_of as _make_clerk_of
from benchlib import report

TARGET = 2.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conf", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    odoo = _import_odoo()
    from odoo import api
    from odoo.tools import config

    config.parse_config(["-c", args.conf, "-d", args.db, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.db)

    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        admin = env.ref("base.user_admin")
        agency = env["miz.agency"].create({"name": f"Bench throughput {time.time():.0f}"})
        _make_clerk_of(env, admin, agency)
        uid, agency_id = admin.id, agency.id

    def vals(i):
        return {
            "agency_id": agency_id,
            "subject": f"Bench letter {i}",
            "sender_number": f"T-{i}",
            "body": "<p>Request for a permit.</p>",
        }

    def run_register(round_no):
        for i in range(args.count):
            with registry.cursor() as cr:
                api.Environment(cr, uid, {})["miz.secretariat.letter"].register_incoming(vals(i))

    def run_draft(round_no):
        for i in range(args.count):
            with registry.cursor() as cr:
                api.Environment(cr, uid, {})["miz.secretariat.letter"].create(dict(vals(i), kind="internal"))

    def run_partner(round_no):
        for i in range(args.count):
            with registry.cursor() as cr:
                api.Environment(cr, uid, {})["res.partner"].create({"name": f"Bench partner {round_no}-{i}"})

    def best(func):
        times = []
        for round_no in range(args.rounds):
            start = time.perf_counter()
            func(round_no)
            times.append(time.perf_counter() - start)
        return min(times)

    t_reg = best(run_register)
    t_draft = best(run_draft)
    t_partner = best(run_partner)

    with registry.cursor() as cr:
        cr.execute(
            "SELECT count(*), count(DISTINCT name), max(number_seq) FROM miz_secretariat_letter "
            "WHERE agency_id = %s AND kind = 'incoming'",
            [agency_id],
        )
        total, distinct, last = cr.fetchone()

    ratio_draft = t_reg / t_draft
    ratio_partner = t_reg / t_partner
    report(
        f"secretariat registration: {args.count} incoming letters in {t_reg:.2f}s "
        f"({args.count / t_reg:.0f}/s, best of {args.rounds}); "
        f"draft letters {t_draft:.2f}s → ratio {ratio_draft:.2f}× (target ≤ {TARGET:.0f}×: "
        f"{'PASS' if ratio_draft <= TARGET else 'FAIL'}); "
        f"res.partner {t_partner:.2f}s → ratio {ratio_partner:.2f}×; "
        f"numbers: {total} registered, {distinct} distinct, last counter {last}"
    )


if __name__ == "__main__":
    main()
