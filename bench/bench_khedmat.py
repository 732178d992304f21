"""Benchmark: desk registration and receipt printing of miz_khedmat, each as a ratio to an Odoo reference.

Usage::

    PYTHONPATH=/opt/odoo18 python bench/bench_khedmat.py --conf .miz/odoo.conf --db <db> [--count 20] [--pdf 3]

In one transaction (rolled back at the end, the database is left as it was) on a database where miz_khedmat is
installed, it builds an agency with a desk and two units, a desk clerk and a service routed through both units,
then measures with ``time.perf_counter``:

1. **registration** — the median time of ``_miz_register()`` on ``--count`` complete requests (tracking code,
   promised date on the agency calendar, incoming letter numbered by the secretariat, routing steps, referral with
   its activity, hand-over, SMS queued), against the median time of creating one bare ``mail.thread`` record
   (``miz.org.unit``: a name, an agency and the chatter's creation message) — ratio registration / bare create;
2. **receipt PDF** — the median time to render the service receipt (``miz_khedmat.action_report_receipt``, with its
   QR code) against Odoo's ``base.report_irmodulereference`` for one module (``miz_khedmat``), ``--pdf`` renders
   each through wkhtmltopdf — ratio receipt / module reference.

Both sides of each ratio run in the same process and transaction, so the ratios compare like with like on any
machine. Without a running Odoo server wkhtmltopdf cannot fetch the report stylesheets for either report, which
affects both sides alike. Exit status is 0: a bench reports, it does not gate.
"""

import argparse
import statistics
import sys
import time

from benchlib import import_odoo as _import_odoo
from benchlib import national_codes, report


def _timed(func):
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conf", required=True, help="odoo configuration file")
    parser.add_argument("--db", required=True, help="database where miz_khedmat is installed")
    parser.add_argument("--count", type=int, default=20, help="registrations (and bare creates) to time")
    parser.add_argument("--pdf", type=int, default=3, help="renders of each PDF to time")
    args = parser.parse_args(argv)

    odoo = _import_odoo()
    odoo.tools.config.parse_config(["-c", args.conf, "-d", args.db, "--log-level=warn"])
    from odoo import api
    from odoo.modules.registry import Registry

    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"tz": "Asia/Tehran"})
        try:
            # Persian as on a real desk (the SMS templates are Persian); rolled back with the rest
            env["res.lang"]._activate_lang("fa_IR")

            def new_user(login, group):
                return env["res.users"].create(
                    {
                        "name": login,
                        "login": login,
                        "email": f"{login}@bench.invalid",
                        "groups_id": [(6, 0, [env.ref(group).id])],
                        "tz": "Asia/Tehran",
                    }
                )

            agency = env["miz.agency"].create({"name": "Bench agency", "code": "BENCH-KHEDMAT"})
            clerk = new_user("bench_khedmat_clerk", "miz_khedmat.group_miz_khedmat_clerk")
            rep_a = new_user("bench_khedmat_rep_a", "miz_khedmat.group_miz_khedmat_unit_rep")
            rep_b = new_user("bench_khedmat_rep_b", "miz_khedmat.group_miz_khedmat_unit_rep")
            Unit = env["miz.org.unit"]
            desk = Unit.create({"name": "Bench desk", "agency_id": agency.id, "member_ids": [(6, 0, clerk.ids)]})
            unit_a = Unit.create({"name": "Bench unit A", "agency_id": agency.id, "representative_id": rep_a.id})
            unit_b = Unit.create({"name": "Bench unit B", "agency_id": agency.id, "representative_id": rep_b.id})
            service = env["miz.khedmat.service"].create(
                {
                    "name": "Bench service",
                    "code": "BENCH-1",
                    "agency_id": agency.id,
                    "delivery_channel": "combined",
                    "duration_promised_days": 5,
                    "document_ids": [(0, 0, {"name": "Deed"}), (0, 0, {"name": "Plan"})],
                    "step_ids": [(0, 0, {"unit_id": unit_a.id, "days": 2}), (0, 0, {"unit_id": unit_b.id, "days": 2})],
                }
            )
            Request = env["miz.khedmat.request"].with_user(clerk)
            requests = Request.browse()
            for index, code in enumerate(national_codes("987", args.count + 1, start=700000)):
                request = Request.create(
                    {
                        "applicant_code": code,
                        "applicant_name": f"Bench applicant {index}",
                        "applicant_mobile": "09121234567",
                        "service_id": service.id,
                        "desk_unit_id": desk.id,
                    }
                )
                request.document_ids.write({"received": True})
                requests |= request
            env.flush_all()
            # warm-up (first letter number of the year, caches), not timed
            requests[0]._miz_register()
            env.flush_all()
            register_times, bare_times = [], []
            for request in requests[1:]:
                env.invalidate_all()
                register_times.append(_timed(lambda r=request: (r._miz_register(), env.flush_all())))
            for index in range(args.count):
                env.invalidate_all()
                bare_times.append(
                    _timed(
                        lambda i=index: (
                            Unit.with_user(clerk).sudo().create({"name": f"Bench bare {i}", "agency_id": agency.id}),
                            env.flush_all(),
                        )
                    )
                )
            register, bare = statistics.median(register_times), statistics.median(bare_times)

            Report = env["ir.actions.report"].with_user(clerk).with_context(lang="fa_IR")
            module = env["ir.module.module"].search([("name", "=", "miz_khedmat")], limit=1)
            receipt_times, reference_times = [], []
            target = requests[1]
            for _i in range(args.pdf):
                receipt_times.append(
                    _timed(lambda: Report._render_qweb_pdf("miz_khedmat.action_report_receipt", target.ids))
                )
                reference_times.append(
                    _timed(
                        lambda: env["ir.actions.report"]._render_qweb_pdf("base.report_irmodulereference", module.ids)
                    )
                )
            receipt, reference = statistics.median(receipt_times), statistics.median(reference_times)
        finally:
            cr.rollback()

    report(
        f"registration (median of {args.count}): {register * 1000:.1f} ms; "
        f"bare mail.thread create (miz.org.unit): {bare * 1000:.2f} ms; ratio {register / bare:.1f}x"
    )
    report(
        f"receipt PDF (median of {args.pdf}): {receipt * 1000:.0f} ms; "
        f"base.report_irmodulereference (miz_khedmat): {reference * 1000:.0f} ms; ratio {receipt / reference:.2f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
