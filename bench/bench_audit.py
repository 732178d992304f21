"""Benchmark: the audit's Appendix-3 Table 1 and Section 6, each as a ratio to the equivalent single SQL GROUP BY.

Usage::

    PYTHONPATH=/opt/odoo18 python bench/bench_audit.py --conf .miz/odoo.conf --db <db> \
        [--agencies 40] [--services 300] [--answers 100000] [--repeat 5]

On a database where miz_khedmat_audit is installed, in one transaction rolled back at the end (the database is
left as it was), it builds with ORM batch creates (``create`` for the catalog, ``_create`` for the answers):

- a province with ``--agencies`` provincial units, each with ``--services`` catalog services spread over the
  channels (in person, electronic, combined, outside) and G2C/G2B, and each unit's audit of one bi-monthly period
  declared with the snapshot the desk collector returns (the collection is timed too, for information);
- ``--answers`` completed satisfaction questionnaires of the first unit's services in that period (16 rated each,
  gender and age on every answer, the job on a quarter, a suggestion on one in fifty).

Then it measures, as medians of ``--repeat`` runs of each side, the two sides alternating:

1. **Table 1** — the Appendix-3 table of the province as the audit builds it from the declared audits
   (``miz.audit.table.wizard._miz_table``), against one SQL ``GROUP BY agency`` counting the same services per
   channel and recipient on the catalog;
2. **Section 6** — the questionnaire summary of the collector (``_miz_audit_survey``: per question counts per level,
   means, respondents, demographics and suggestions), against one SQL ``GROUP BY question, level`` over the same
   answers.

The new rows are ANALYZEd first (as autovacuum would do), so the planner knows them on both sides. Both sides of
each ratio run in the same process and transaction (target: ≤ 3×). Exit status is 0: a bench
reports, it does not gate.
"""

import argparse
import datetime
import json
import statistics
import sys
import time
import uuid

from benchlib import import_odoo as _import_odoo
from benchlib import report

CHANNELS = ("in_person", "electronic", "combined", "outside")
PERIOD = (1405, 1)  # Farvardin–Ordibehesht 1405: 21 March – 21 May 2026
ANSWER_DAY = datetime.date(2026, 5, 10)
BATCH = 20000


def _paired(func, reference, repeat, env):
    """Medians of ``func`` and ``reference``, run alternately (so both see the same load) ``repeat`` times each."""
    times = ([], [])
    for _i in range(repeat):
        for side, call in enumerate((func, reference)):
            env.invalidate_all()
            start = time.perf_counter()
            call()
            times[side].append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1]), times


def _spread(times):
    return "/".join(f"{t * 1000:.0f}" for t in times)


def _protected(Model):
    """Stored computed fields of ``Model``: given by the bench, not recomputed after ``_create``."""
    return {field for field in Model._fields.values() if field.store and field.compute}


def _bulk_create(Model, rows):
    """``Model._create`` by batches (the cache is emptied between batches); returns the new ids."""
    protected = _protected(Model)
    # only the columns this version of the models has (stored period keys come and go)
    rows = [{name: value for name, value in row.items() if name in Model._fields} for row in rows]
    ids = []
    for index in range(0, len(rows), BATCH):
        chunk = rows[index : index + BATCH]
        records = Model._create(
            [{"stored": row, "inversed": {}, "inherited": {}, "protected": protected} for row in chunk]
        )
        ids += records.ids
        Model.env.flush_all()
        Model.env.invalidate_all()
    return ids


def _catalog(env, args):
    province = env["miz.province"].create({"name": "Bench province", "code": "BENCH-P"})
    Agency = env["miz.agency"].with_context(tracking_disable=True)
    parents = Agency.create([{"name": f"Bench main agency {i}", "code": f"BENCH-M{i}"} for i in range(args.agencies)])
    agencies = Agency.create(
        [
            {
                "name": f"Bench unit {i}",
                "code": f"BENCH-U{i}",
                "parent_id": parent.id,
                "level": "provincial",
                "province_id": province.id,
                "representative_id": env.uid,
            }
            for i, parent in enumerate(parents)
        ]
    )
    Service = env["miz.khedmat.service"].with_context(tracking_disable=True, mail_create_nolog=True)
    vals_list = []
    for agency in agencies:
        for n in range(args.services):
            vals_list.append(
                {
                    "name": f"Bench service {agency.id}-{n}",
                    "code": f"B{agency.id}-{n}",
                    "agency_id": agency.id,
                    "delivery_channel": CHANNELS[n % 4],
                    "recipient_type": "g2b" if n % 3 == 0 else "g2c",
                    "nature": "public" if n % 25 else "supervision",
                    "address": "Bench building",
                    "url": f"https://bench.invalid/{n}" if n % 2 else False,
                    "laws": "Bench law" if n % 5 else False,
                    "workflow_description": "<p>Bench steps</p>",
                }
            )
    Service.create(vals_list)
    env.flush_all()
    return province, agencies


def _answers(env, agency, count):
    """``count`` completed questionnaires of ``agency``'s services, through ``_create`` (no recompute)."""
    Input = env["survey.user_input"]
    survey = Input._miz_satisfaction_survey()
    rated = Input._miz_rated_questions(survey)
    levels = [q.suggested_answer_ids.sorted("answer_score").ids for q in rated]
    gender = env.ref("miz_khedmat.survey_miz_satisfaction_gender")
    age = env.ref("miz_khedmat.survey_miz_satisfaction_age")
    job = env.ref("miz_khedmat.survey_miz_satisfaction_job")
    comment = env.ref("miz_khedmat.survey_miz_satisfaction_comment")
    genders = gender.suggested_answer_ids.ids
    # spread over the unit's desk services, as a period's answers are
    services = env["miz.khedmat.service"].search([("agency_id", "=", agency.id), ("nature", "=", "public")]).ids
    year, index = PERIOD
    label = Input._miz_period_label(year, index)
    inputs = [
        {
            "survey_id": survey.id,
            "state": "done",
            "access_token": str(uuid.uuid4()),
            "miz_service_id": services[n % len(services)],
            "miz_entry_mode": "paper" if n % 3 else "link",
            "miz_period_date": ANSWER_DAY,
            "miz_period_year": year,
            "miz_period_index": index,
            "miz_period_label": label,
            "miz_jalali_month": "1405/02",
            "scoring_percentage": 0.0,
            "scoring_total": 0.0,
            "scoring_success": False,
        }
        for n in range(count)
    ]
    input_ids = _bulk_create(Input, inputs)
    Line = env["survey.user_input.line"]
    lines = []
    for n, input_id in enumerate(input_ids):
        base = {"user_input_id": input_id, "survey_id": survey.id, "skipped": False}
        for q_index, question in enumerate(rated):
            lines.append(
                dict(
                    base,
                    question_id=question.id,
                    question_sequence=question.sequence,
                    answer_type="suggestion",
                    suggested_answer_id=levels[q_index][(n * 7 + q_index * 3) % 5],
                )
            )
        lines.append(
            dict(
                base,
                question_id=gender.id,
                question_sequence=gender.sequence,
                answer_type="suggestion",
                suggested_answer_id=genders[n % 2],
            )
        )
        lines.append(
            dict(
                base,
                question_id=age.id,
                question_sequence=age.sequence,
                answer_type="numerical_box",
                value_numerical_box=18 + n % 50,
            )
        )
        if n % 4 == 0:
            jobs = ("Employee", "Teacher", "Farmer")
            lines.append(
                dict(
                    base,
                    question_id=job.id,
                    question_sequence=job.sequence,
                    answer_type="char_box",
                    value_char_box=jobs[n % 3],
                )
            )
        if n % 50 == 0:
            lines.append(
                dict(
                    base,
                    question_id=comment.id,
                    question_sequence=comment.sequence,
                    answer_type="text_box",
                    value_text_box=f"Suggestion {n}",
                )
            )
    _bulk_create(Line, lines)
    return survey, rated, len(lines)


def _table1_sql(cr, province):
    cr.execute(
        """
        SELECT s.agency_id,
               count(*),
               count(*) FILTER (WHERE s.recipient_type = 'g2c'),
               count(*) FILTER (WHERE s.recipient_type = 'g2b'),
               count(*) FILTER (WHERE s.delivery_channel = 'in_person'),
               count(*) FILTER (WHERE s.delivery_channel = 'electronic'),
               count(*) FILTER (WHERE s.delivery_channel = 'combined'),
               count(*) FILTER (WHERE s.delivery_channel = 'outside')
          FROM miz_khedmat_service s
          JOIN miz_agency a ON a.id = s.agency_id
         WHERE a.level = 'provincial' AND a.province_id = %s
           AND s.active AND s.nature = 'public' AND s.recipient_type IN ('g2c', 'g2b')
      GROUP BY s.agency_id
        """,
        [province.id],
    )
    return cr.fetchall()


def _section6_sql(cr, agency, survey, rated, date_start, date_end):
    cr.execute(
        """
        SELECT l.question_id, a.answer_score, count(*)
          FROM survey_user_input_line l
          JOIN survey_user_input i ON i.id = l.user_input_id
          JOIN miz_khedmat_service s ON s.id = i.miz_service_id
          JOIN survey_question_answer a ON a.id = l.suggested_answer_id
         WHERE i.state = 'done' AND i.survey_id = %s AND s.agency_id = %s
           AND i.miz_period_date BETWEEN %s AND %s
           AND l.question_id = ANY(%s) AND NOT l.skipped
      GROUP BY l.question_id, a.answer_score
        """,
        [survey.id, agency.id, date_start, date_end, rated.ids],
    )
    return cr.fetchall()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conf", required=True, help="odoo configuration file")
    parser.add_argument("--db", required=True, help="database where miz_khedmat_audit is installed")
    parser.add_argument("--agencies", type=int, default=40, help="provincial units in the province")
    parser.add_argument("--services", type=int, default=300, help="catalog services of each unit")
    parser.add_argument("--answers", type=int, default=100000, help="satisfaction answers of one unit")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each side (median)")
    args = parser.parse_args(argv)

    odoo = _import_odoo()
    odoo.tools.config.parse_config(["-c", args.conf, "-d", args.db, "--log-level=warn"])
    from odoo import api
    from odoo.modules.registry import Registry

    registry = Registry(args.db)
    if "miz.khedmat.audit.collector" not in registry:
        report("bench_audit: miz_khedmat_audit is not installed in", args.db, "- skipped")
        return 0
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"tz": "Asia/Tehran"})
        try:
            started = time.perf_counter()
            province, agencies = _catalog(env, args)
            Collector = env["miz.khedmat.audit.collector"]
            has_audit = "miz.audit" in env
            if has_audit:
                Audit = env["miz.audit"]
                from odoo.addons.miz_audit.tools import appendix

                audits = Audit.create(
                    [
                        {
                            "agency_id": agency.id,
                            "period_kind": "bimonthly",
                            "period_year": PERIOD[0],
                            "period_index": PERIOD[1],
                        }
                        for agency in agencies
                    ]
                )
                date_start, date_end = audits[0].date_start, audits[0].date_end
            else:
                date_start, date_end = datetime.date(2026, 3, 21), datetime.date(2026, 5, 21)
            # declaration: the collector's snapshot of each unit, frozen as action_declare does (without rendering
            # the PDF/XLSX it attaches)
            collect_times, snapshots = [], {}
            for index, agency in enumerate(agencies):
                start = time.perf_counter()
                if has_audit:
                    audit = audits[index]
                    data = appendix.normalize_snapshot(audit._miz_collect_snapshot())
                else:
                    data = Collector._miz_khedmat_audit_snapshot(agency, date_start, date_end)
                collect_times.append(time.perf_counter() - start)
                snapshots[agency.id] = data
            if has_audit:
                for audit in audits:
                    audit.sudo().write(
                        {
                            "state": "declared",
                            "snapshot": json.dumps(snapshots[audit.agency_id.id], ensure_ascii=False, sort_keys=True),
                            "preparer_id": env.uid,
                            "declared_date": date_end,
                        }
                    )
            env.flush_all()
            survey, rated, line_count = _answers(env, agencies[0], args.answers)
            env.flush_all()
            # planner statistics of the new rows, as autovacuum would gather them (both sides profit alike)
            tables = ["survey_user_input", "survey_user_input_line", "miz_khedmat_service", "miz_agency"]
            cr.execute("ANALYZE " + ", ".join(tables + (["miz_audit"] if has_audit else [])))
            setup = time.perf_counter() - started

            # 1. Table 1
            expected = sorted(_table1_sql(cr, province))
            if has_audit:
                wizard = env["miz.audit.table.wizard"].create(
                    {
                        "table": "table1",
                        "province_id": province.id,
                        "period_kind": "bimonthly",
                        "period_year": PERIOD[0],
                        "period_index": PERIOD[1],
                    }
                )
                table = wizard._miz_table()
                got = sorted(row["a"] for row in table["rows"])
                what = "miz.audit.table.wizard._miz_table (declared snapshots)"

                def build_table():
                    wizard.invalidate_recordset()
                    wizard._miz_table()
            else:
                got = sorted(len(snapshots[a.id]["services"]) for a in agencies)
                what = "collector snapshots counted (miz_audit not installed)"

                def build_table():
                    for agency in agencies:
                        Collector._miz_audit_services(agency).mapped("delivery_channel")

            if got != sorted(row[1] for row in expected):
                report("bench_audit: Table 1 counts differ from SQL:", got[:5], [row[1] for row in expected][:5])
            table_orm, table_sql, _times = _paired(build_table, lambda: _table1_sql(cr, province), args.repeat, env)

            # 2. Section 6
            summary = Collector._miz_audit_survey(agencies[0], date_start, date_end)
            sql_rows = _section6_sql(cr, agencies[0], survey, rated, date_start, date_end)
            if summary["respondents"] != args.answers or sum(r[2] for r in sql_rows) != sum(
                sum(q["counts"].values()) for q in summary["questions"]
            ):
                report("bench_audit: Section 6 counts differ from SQL")
            survey_orm, survey_sql, survey_times = _paired(
                lambda: Collector._miz_audit_survey(agencies[0], date_start, date_end),
                lambda: _section6_sql(cr, agencies[0], survey, rated, date_start, date_end),
                args.repeat,
                env,
            )
        finally:
            cr.rollback()

    services = args.agencies * args.services
    report(
        f"setup (rolled back): {args.agencies} units x {args.services} services, {args.answers} answers "
        f"({line_count} answer lines) in {setup:.0f} s; snapshot collection per unit (median): "
        f"{statistics.median(collect_times) * 1000:.0f} ms"
    )
    report(
        f"Table 1 over {args.agencies} units / {services} services (median of {args.repeat}): {what}: "
        f"{table_orm * 1000:.1f} ms; single SQL GROUP BY: {table_sql * 1000:.1f} ms; ratio {table_orm / table_sql:.1f}x"
    )
    report(
        f"Section 6 over {args.answers} answers (median of {args.repeat}): collector _miz_audit_survey: "
        f"{survey_orm * 1000:.0f} ms; single SQL GROUP BY: {survey_sql * 1000:.0f} ms; "
        f"ratio {survey_orm / survey_sql:.1f}x (runs, ms: {_spread(survey_times[0])} vs {_spread(survey_times[1])})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
