"""Fail when a JUnit results file shows skipped or failed tests, or no browser tests ran.

CI must not go green because the browser or PostgreSQL tests quietly did not run.
"""

import sys
import xml.etree.ElementTree as ET


def check(path: str) -> bool:
    root = ET.parse(path).getroot()
    suite = root if root.tag == "testsuite" else root.find("testsuite")
    cases = list(suite.iter("testcase"))
    skipped = [case for case in cases if case.find("skipped") is not None]
    failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    browser = [case for case in cases if ".browser." in case.get("classname", "")]
    print(
        f"{path}: {len(cases)} tests, {len(skipped)} skipped, {failed} failed, "
        f"{len(browser)} in a browser"
    )
    for case in skipped:
        reason = case.find("skipped").get("message")
        print(f"  skipped: {case.get('classname')}.{case.get('name')}: {reason}")
    return bool(cases) and not skipped and not failed and bool(browser)


if __name__ == "__main__":
    results = [check(path) for path in sys.argv[1:]]
    sys.exit(0 if results and all(results) else 1)
