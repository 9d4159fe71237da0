"""Every page's HTML is valid: the Nu HTML Checker (npm `vnu-jar`, run with Java) reports no
error on any page of tests/browser/site_pages.py, signed in as a manager and signed out.

The pages are fetched through the test client and checked in one run of the checker (starting
Java is most of its time). Only the HTML is checked: GOV.UK Frontend's CSS has hacks the
checker reports as errors, and it is not ours to change."""

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from tests.browser.site_pages import PUBLIC_PAGES, manager_paths
from tests.conftest import IN_CI

ROOT = Path(__file__).resolve().parents[1]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
IMPORT_FILE = (
    "kpi_code,period,value,numerator,denominator,commentary\n"
    "WF-AGENCY,2015-06,12,,,\n"
    "NO-SUCH-KPI,2015-06,forty,,,\n"
)
KNOWN_BAD = "a page with an empty form action"
# Pages that answer with an error page on purpose.
EXPECTED_STATUS = {"/admin/": 403, "/no-such-page/": 404}


def java_and_checker() -> str:
    """The java command. Where Java or the checker is missing the test is skipped, except in
    CI, where it must fail: a check that silently does not run is no check."""
    java = shutil.which("java")
    missing = [what for what, ok in (("java", java), (str(VNU_JAR), VNU_JAR.exists())) if not ok]
    if missing:
        needs = " and ".join(missing)
        message = f"Nu HTML Checker needs {needs} (npm ci; apt-get install openjdk-17-jre-headless)"
        if IN_CI:
            pytest.fail(f"CI=true: {message}")
        pytest.skip(message)
    return java


def check_html(pages: dict[str, str], folder: Path) -> list[str]:
    """Runs the checker once over the pages ({name: html}) and returns its errors, each as
    "name:line: message [extract]"."""
    files = {}
    for number, (name, html) in enumerate(pages.items()):
        path = folder / f"page{number}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path)] = name
    result = subprocess.run(
        [java_and_checker(), "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    # The checker writes its JSON report on stderr, and exits 1 when it finds errors.
    # Files are named by path: given a file: URL instead, the checker reports nothing.
    report = json.loads(result.stderr)
    return [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}:"
        f"{m.get('lastLine', '?')}: {m['message']} [{m.get('extract', '').strip()}]"
        for m in report["messages"]
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]


@pytest.fixture
def demo_data(db, settings):
    settings.DEBUG = True  # load_demo refuses to run otherwise
    call_command("load_wokingham", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # the demo users and values
    settings.DEBUG = False


def fetch(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == EXPECTED_STATUS.get(path, 200), path
    return response.content.decode()


def test_every_page_is_valid_html(demo_data, tmp_path):
    java_and_checker()
    manager_client = Client()
    manager_client.force_login(get_user_model().objects.get(username="manager"))
    pages = {path: fetch(manager_client, path) for path in manager_paths()}
    visitor = Client()
    for path in PUBLIC_PAGES:
        pages[f"{path} (signed out)"] = fetch(visitor, path)
    wrong_password = visitor.post("/login/", {"username": "manager", "password": "wrong"})
    pages["/login/ (wrong password)"] = wrong_password.content.decode()
    # The import's preview, with a row it refuses.
    upload = SimpleUploadedFile("values.csv", IMPORT_FILE.encode(), content_type="text/csv")
    preview = manager_client.post("/returns/import/", {"file": upload}, follow=True)
    assert "Check the import" in preview.content.decode(), "the upload was refused"
    pages["/returns/import/<id>/ (preview)"] = preview.content.decode()

    # A page with one known error, checked in the same run: it proves the checker really read
    # the files, so that no errors on the others means valid pages.
    pages[KNOWN_BAD] = '<!DOCTYPE html><html lang="en"><title>t</title><form action=""></form>'
    errors = check_html(pages, tmp_path)
    caught = [error for error in errors if error.startswith(f"{KNOWN_BAD}:")]
    assert len(caught) == 1 and "Bad value “” for attribute “action”" in caught[0], errors
    errors.remove(caught[0])
    assert errors == [], "\n".join(errors)
