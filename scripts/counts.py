"""Turn test runner outputs into "passed failed skipped" counts for scripts/miz.sh."""

import re
import sys
import xml.etree.ElementTree as ET


def junit(path):
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return 0, 1, 0  # pytest did not even write its report: count it as a failure
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    tests = sum(int(s.get("tests", 0)) for s in suites)
    failed = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
    skipped = sum(int(s.get("skipped", 0)) for s in suites)
    return tests - failed - skipped, failed, skipped


RESULT = re.compile(r"odoo\.tests\.result: (\d+) failed, (\d+) error\(s\) of (\d+) tests")
SKIP = re.compile(r" INFO \S+ odoo\.addons\.\S+: skipped ")


def odoo(path, rc):
    run = failed = skipped = 0
    seen = False
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = RESULT.search(line)
            if m:
                seen = True
                failed += int(m.group(1)) + int(m.group(2))
                run += int(m.group(3))
            elif SKIP.search(line):
                skipped += 1
    if not seen or (int(rc) != 0 and failed == 0):
        # Odoo stopped before its final report (install error, crash): that is a failure.
        failed += 1
    return max(run - failed - skipped, 0), failed, skipped


if __name__ == "__main__":
    kind = sys.argv[1]
    counts = junit(sys.argv[2]) if kind == "junit" else odoo(sys.argv[2], sys.argv[3])
    sys.stdout.write("%d %d %d\n" % counts)
