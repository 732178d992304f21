"""Benchmark: ``read_group`` by Jalali month against Odoo's Gregorian month grouping of the same rows.

Usage::

    PYTHONPATH=/opt/odoo18 python bench/bench_jalali_group.py --conf .miz/odoo.conf --db <db> [--rows 1000000]

Inside one transaction that is rolled back at the end (nothing stays in the database), 1,000,000 rows are
inserted with one SQL statement each into two tables of models miz_base depends on, spread over ~6 years:

- ``resource.calendar.leaves`` (``date_from``, a datetime: grouped in the user's time zone, Asia/Tehran);
- ``miz.holiday`` (``date``, a date).

Then ``read_group([], ["__count"], ["<field>:month"])`` runs through the ORM for

- ours: a Persian user's context (``lang=fa_IR``): Jalali months, ``miz_jalali_trunc('month', …)`` in SQL;
- Odoo: the same call with ``miz_calendar=gregorian``: Odoo's ``date_trunc('month', …)``.

Each side is timed with ``time.perf_counter``, alternating, best of 3; the ratio ours/Odoo is printed against the
target ``≤ 1.5×`` with PASS/FAIL. Cross-checks: both sides count every row, and each Jalali group's count is
what its ``__domain`` finds. Exit status is 0 either way: a bench reports, it does not gate.
"""

import argparse
import sys
import time

from benchlib import import_odoo, report

TARGET = 1.5
TZ = "Asia/Tehran"
START = "2021-01-01"
DAYS = 6 * 365


def _fill(cr, rows):
    """Insert ``rows`` leaves and holidays in bulk (same instants), return the seconds it took."""
    start = time.perf_counter()
    cr.execute(
        """
        INSERT INTO resource_calendar_leaves (name, date_from, date_to, time_type, create_date, write_date)
        SELECT 'bench', t, t + interval '1 hour', 'leave', now(), now()
          FROM (SELECT %s::timestamp + (i * (%s * 86400.0 / %s)) * interval '1 second' AS t
                  FROM generate_series(1, %s) AS i) s
        """,
        [START, DAYS, rows, rows],
    )
    cr.execute(
        """
        INSERT INTO miz_holiday (name, date, kind, create_date, write_date)
        SELECT 'bench ' || i, (%s::timestamp + (i * (%s * 86400.0 / %s)) * interval '1 second')::date, 'solar',
               now(), now()
          FROM generate_series(1, %s) AS i
        """,
        [START, DAYS, rows, rows],
    )
    cr.execute("ANALYZE resource_calendar_leaves")
    cr.execute("ANALYZE miz_holiday")
    return time.perf_counter() - start


def _time(env, model, groupby, repeat=3):
    times = []
    groups = None
    for _ in range(repeat):
        env.invalidate_all()
        start = time.perf_counter()
        groups = env[model].read_group([], ["__count"], [groupby], lazy=False)
        times.append(time.perf_counter() - start)
    return times, groups


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conf", required=True, help="odoo configuration file")
    parser.add_argument("--db", required=True, help="database with miz_base installed")
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args(argv)

    odoo = import_odoo()
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-c", args.conf, "-d", args.db, "--log-level=warn"])
    registry = Registry(args.db)
    results = []
    with registry.cursor() as cr:
        try:
            base_env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            base_env["res.lang"]._activate_lang("fa_IR")
            before = {model: base_env[model].search_count([]) for model in ("resource.calendar.leaves", "miz.holiday")}
            fill_seconds = _fill(cr, args.rows)
            report(f"bench_jalali_group: {args.rows:,} rows per table inserted in {fill_seconds:.1f} s (rolled back)")
            jalali_env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "fa_IR", "tz": TZ})
            gregorian_env = odoo.api.Environment(
                cr, odoo.SUPERUSER_ID, {"lang": "fa_IR", "tz": TZ, "miz_calendar": "gregorian"}
            )
            for model, field in (("resource.calendar.leaves", "date_from"), ("miz.holiday", "date")):
                groupby = f"{field}:month"
                ours_times, odoo_times = [], []
                ours_groups = odoo_groups = None
                for _ in range(3):  # alternate, so a busy moment of the machine hits both sides
                    times, odoo_groups = _time(gregorian_env, model, groupby, repeat=1)
                    odoo_times += times
                    times, ours_groups = _time(jalali_env, model, groupby, repeat=1)
                    ours_times += times
                total = before[model] + args.rows
                counted = (sum(g["__count"] for g in ours_groups), sum(g["__count"] for g in odoo_groups))
                sample = ours_groups[len(ours_groups) // 2]
                found = jalali_env[model].search_count(sample["__domain"])
                ours_best, odoo_best = min(ours_times), min(odoo_times)
                ratio = ours_best / odoo_best
                results.append(ratio)
                checks_ok = counted == (total, total) and found == sample["__count"]
                report(f"  {model}.{field} ({'datetime, ' + TZ if field == 'date_from' else 'date'}):")
                report(
                    f"    ours  Jalali month    : {ours_best:.3f} s (runs {', '.join(f'{t:.3f}' for t in ours_times)})"
                    f"  {len(ours_groups)} groups, e.g. {sample[groupby]} = {sample['__count']:,}"
                )
                report(
                    f"    odoo  Gregorian month : {odoo_best:.3f} s (runs {', '.join(f'{t:.3f}' for t in odoo_times)})"
                    f"  {len(odoo_groups)} groups"
                )
                report(
                    f"    ratio ours/odoo = {ratio:.3f}  (target ≤ {TARGET}×) {'PASS' if ratio <= TARGET else 'FAIL'}"
                    f"; cross-check (every row counted, a group's domain finds its count): "
                    + ("OK" if checks_ok else f"MISMATCH counted={counted} total={total} found={found}")
                )
        finally:
            cr.rollback()
    worst = max(results) if results else float("nan")
    report(f"  worst ratio = {worst:.3f}  (target ≤ {TARGET}×) {'PASS' if worst <= TARGET else 'FAIL'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
