import io
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from tests import users
from tests.conftest import CHROMIUM

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
# The accessibility standard we build to: WCAG 2.2 AA, plus axe's best practices.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    }
}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium, with the background services that would try to reach the internet off.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def live_data(migrated_roles):
    call_command("load_wokingham", stdout=io.StringIO())
    return {"manager": users.manager(), "officer": users.officer(), "member": users.member()}


@pytest.fixture
def demo_data(migrated_roles, settings):
    """The seed plus the demo users and values (load_demo only runs with DEBUG on)."""
    settings.DEBUG = True
    call_command("load_wokingham", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    settings.DEBUG = False


# Where each person lands after signing in: members on their boards, everyone else on "/".
LANDING = {"member": "/boards/mine/"}


@pytest.fixture
def sign_in_as(page, live_server, console_errors):
    """Sign in through the real form as one of the demo users."""

    def sign_in(username: str, password: str = "wokingham-demo"):
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{live_server.url}{LANDING.get(username, '/')}")
        return page

    return sign_in


@pytest.fixture
def console_errors(page):
    """Errors the browser reports (failed scripts, Content Security Policy violations)."""
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture
def signed_in(page, live_server, live_data, console_errors):
    """A browser page signed in as the manager, through the real sign-in form."""

    def sign_in(username: str = "manager"):
        page.goto(f"{live_server.url}/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill("test-password")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{live_server.url}{LANDING.get(username, '/')}")
        return page

    return sign_in


def assert_accessible(page) -> None:
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def save_screenshot(page, name: str) -> None:
    """Screenshots for the README, written when UPDATE_SCREENSHOTS=1."""
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=str(SCREENSHOTS / f"{name}.png"),
            full_page=True,
            clip={"x": 0, "y": 0, "width": 1280, "height": 1800},
        )
