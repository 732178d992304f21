"""The closing line of `make test` is computed by scripts/counts.py: its parsing must be right."""

import importlib.util
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("miz_counts", ROOT / "scripts" / "counts.py")
counts = importlib.util.module_from_spec(spec)
spec.loader.exec_module(counts)

LOG_OK = """\
2026-11-24 12:00:00,000 1 INFO db odoo.modules.loading: 70 modules loaded
2026-11-24 12:00:01,000 1 INFO db odoo.addons.miz_base.tests.test_x: skipped test_a (x.T.test_a) : no chrome
2026-11-24 12:00:02,000 1 INFO db odoo.tests.result: 0 failed, 0 error(s) of 12 tests when loading database 'db'
2026-11-24 12:00:03,000 1 INFO db odoo.tests.result: 1 failed, 2 error(s) of 30 tests when loading database 'db'
"""


def test_odoo_counts_sum_reports_and_skips(tmp_path):
    log = tmp_path / "t.log"
    log.write_text(LOG_OK)
    assert counts.odoo(str(log), 0) == (42 - 3 - 1, 3, 1)


def test_odoo_without_final_report_is_a_failure(tmp_path):
    log = tmp_path / "t.log"
    log.write_text("2026-11-24 12:00:00,000 1 CRITICAL db odoo.service.server: Failed to initialize database\n")
    assert counts.odoo(str(log), 255) == (0, 1, 0)


def test_odoo_nonzero_exit_with_clean_report_is_a_failure(tmp_path):
    log = tmp_path / "t.log"
    log.write_text(LOG_OK.splitlines()[2] + "\n")
    assert counts.odoo(str(log), 1) == (11, 1, 0)


def test_junit_counts(tmp_path):
    xml = tmp_path / "r.xml"
    xml.write_text(
        '<testsuites><testsuite tests="10" failures="1" errors="1" skipped="2"/>'
        '<testsuite tests="5" failures="0" errors="0" skipped="0"/></testsuites>'
    )
    assert counts.junit(str(xml)) == (11, 2, 2)


def test_missing_junit_is_a_failure(tmp_path):
    assert counts.junit(str(tmp_path / "absent.xml")) == (0, 1, 0)
