"""Every page in a real Chromium: it works signed in, and axe finds no accessibility violation."""

import pytest
from django.template.loader import render_to_string
from playwright.sync_api import expect

from findings.models import Finding
from tests.browser.conftest import assert_accessible, save_screenshot

pytestmark = pytest.mark.browser

PAGES = [
    ("/", "Overview"),
    ("/findings/", "Living Annex A: Ofsted findings mapped to KPIs"),
    ("/findings/?kpi_status=none", "Living Annex A: Ofsted findings mapped to KPIs"),
    ("finding 6", "Finding 6"),
    ("/kpis/", "KPI scorecard"),
    ("/kpis/PEP/", "% Eligible LAC with a Recent PEP"),
    ("/boards/", "Boards and what they receive"),
    ("/boards/cpb/", "Corporate Parenting Board"),
    ("/accessibility/", "Accessibility statement for Children's services performance"),
]


@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_page_is_accessible(signed_in, live_server, console_errors, path, heading):
    page = signed_in()
    if path.startswith("finding "):
        path = Finding.objects.get(order=int(path.split()[1])).get_absolute_url()
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(page)
    assert console_errors == []


def test_sign_in_page_is_accessible(page, live_server, live_data, console_errors):
    page.goto(f"{live_server.url}/kpis/")
    expect(page).to_have_url(f"{live_server.url}/login/?next=/kpis/")
    assert_accessible(page)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)
    assert console_errors == []


def test_answering_the_three_questions_from_the_ui(signed_in, live_server, console_errors):
    """Which findings have no KPI; which KPIs are only proposed; what the CPB receives."""
    page = signed_in()
    page.get_by_role("link", name="Annex A", exact=True).click()
    save_screenshot(page, "annex-a")
    expect(page.get_by_role("link", name="Annex A", exact=True)).to_have_attribute(
        "aria-current", "page"
    )

    page.get_by_role("link", name="13 findings with no KPI").click()
    expect(page.get_by_role("status")).to_have_text("Showing 13 of 30 findings.")
    expect(page.locator("td strong", has_text="No KPI mapped")).to_have_count(13)

    page.get_by_role("link", name="12 proposed KPIs not yet live").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("KPI scorecard")
    expect(page.get_by_role("status")).to_have_text("12 KPIs found.")
    expect(page.get_by_label("Lifecycle status")).to_have_value("proposed")

    page.get_by_role("link", name="Boards", exact=True).click()
    page.get_by_role("link", name="Corporate Parenting Board").click()
    row = page.get_by_role("row").filter(has_text="Adoption scorecard")
    expect(row).to_contain_text("Twice a year")
    assert console_errors == []


def test_filters_work_with_the_keyboard(signed_in, live_server):
    page = signed_in()
    page.goto(f"{live_server.url}/findings/")
    page.get_by_label("Area", exact=True).select_option("CSE")
    page.get_by_label("Kind").focus()
    page.keyboard.press("Tab")  # KPI status
    page.keyboard.press("Tab")  # Board
    page.keyboard.press("Tab")  # Search box (it comes first in the form, so wraps)
    page.get_by_role("button", name="Apply filters").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("Showing 2 of 30 findings.")


def test_skip_link_moves_focus_to_the_content(signed_in, live_server):
    page = signed_in()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()


@pytest.mark.parametrize("template", ["400.html", "500.html", "503.html"])
def test_the_pages_for_when_something_went_wrong_are_accessible(page, template):
    """Rendered without the request or the database (they are shown when those fail), they
    still have a main landmark, a viewport for phones and a way back."""
    page.set_content(render_to_string(template))
    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_role("link", name="Go to the overview")).to_have_attribute("href", "/")
    assert page.locator('meta[name="viewport"]').count() == 1
    assert_accessible(page)
