"""Benchmark: Jalali ``format_datetime`` of miz_base against Odoo's Gregorian ``format_datetime``.

Usage::

    PYTHONPATH=/opt/odoo18 python bench/bench_jalali.py --conf .miz/odoo.conf --db <db> [--count 100000]

Formats the same 100,000 datetimes (spread over ~7 years, so thousands of distinct days) in ``Asia/Tehran`` with

- ours: ``miz_base.tools.jalali.format_datetime(value, tz)`` → ``'۱۴۰۵/۰۱/۱۵ ۱۰:۳۰'`` (aware datetimes);
- Odoo: ``odoo.tools.misc.format_datetime(env, value, tz=..., dt_format="yyyy/MM/dd HH:mm")`` (Odoo wants the
  naive UTC equivalent of the same instants; the conversion happens before timing).

Each side is timed with ``time.perf_counter`` (best of 3; the first, cold run is printed too), then the ratio
ours/Odoo is printed against the target ``≤ 1.5×`` with PASS/FAIL. A sample is cross-checked: our Jalali date
parsed back must be Odoo's local Gregorian date and the times must agree. Exit status is 0 either way: a bench
reports, it does not gate.
"""

import argparse
import datetime as dt
import importlib.util
import pathlib
import sys
import time

from benchlib import import_odoo as _import_odoo

REPO = pathlib.Path(__file__).resolve().parent.parent
TARGET = 1.5
TZ = "Asia/Tehran"
ODOO_PATTERN = "yyyy/MM/dd HH:mm"


def _load_tools():
    """Load ``addons/miz_base/tools`` as ``miz_base_tools`` (it has no Odoo import), like the root conftest."""
    init = REPO / "addons" / "miz_base" / "tools" / "__init__.py"
    spec = importlib.util.spec_from_file_location("miz_base_tools", init, submodule_search_locations=[str(init.parent)])
    module = importlib.util.module_from_spec(spec)
    sys.modules["miz_base_tools"] = module
    spec.loader.exec_module(module)
    return module


def _best_of(func, values, repeat=3):
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func(values)
        times.append(time.perf_counter() - start)
    return times, result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conf", required=True, help="odoo configuration file")
    parser.add_argument("--db", required=True, help="database to open an environment on")
    parser.add_argument("--count", type=int, default=100_000)
    args = parser.parse_args(argv)

    tools = _load_tools()
    jalali, to_latin = tools.jalali, tools.digits.to_latin_digits
    odoo = _import_odoo()
    from odoo.modules.registry import Registry
    from odoo.tools.misc import format_datetime as odoo_format_datetime

    odoo.tools.config.parse_config(["-c", args.conf, "-d", args.db, "--log-level=warn"])

    base = dt.datetime(2023, 1, 1, tzinfo=dt.timezone.utc)
    step = dt.timedelta(minutes=37, seconds=13)
    aware = [base + i * step for i in range(args.count)]
    naive_utc = [value.replace(tzinfo=None) for value in aware]

    with Registry(args.db).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US", "tz": TZ})

        def ours(values):
            fmt = jalali.format_datetime
            return [fmt(value, TZ) for value in values]

        def theirs(values):
            fmt = odoo_format_datetime
            return [fmt(env, value, tz=TZ, dt_format=ODOO_PATTERN, lang_code="en_US") for value in values]

        ours_times, ours_out = _best_of(ours, aware)
        odoo_times, odoo_out = _best_of(theirs, naive_utc)

    # cross-check a sample: same local day and time on both sides
    mismatches = 0
    for i in range(0, args.count, max(1, args.count // 1000)):
        our_date, our_time = to_latin(ours_out[i]).split(" ")
        odoo_date, odoo_time = odoo_out[i].split(" ")
        if jalali.parse(our_date).isoformat().replace("-", "/") != odoo_date or our_time != odoo_time:
            mismatches += 1

    ours_best, odoo_best = min(ours_times), min(odoo_times)
    ratio = ours_best / odoo_best
    verdict = "PASS" if ratio <= TARGET else "FAIL"
    lines = [
        f"bench_jalali: {args.count:,} datetimes formatted in {TZ} (best of 3, time.perf_counter)",
        f"  ours  miz_base.tools.jalali.format_datetime : {ours_best:.3f} s (cold {ours_times[0]:.3f} s)"
        f"  e.g. {ours_out[-1]}",
        f"  odoo  odoo.tools.misc.format_datetime       : {odoo_best:.3f} s (cold {odoo_times[0]:.3f} s)"
        f"  e.g. {odoo_out[-1]}",
        f"  ratio ours/odoo = {ratio:.3f}  (target ≤ {TARGET}×) {verdict}",
        f"  cross-check on a sample of {len(range(0, args.count, max(1, args.count // 1000)))} values: "
        + ("OK" if not mismatches else f"{mismatches} MISMATCHES"),
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
