"""Month-end as people live it, in a real Chromium: an officer submits; members still see the
approved figures; a manager sends one back with a reason and approves the rest; the officer
corrects and resubmits; once approved, members see the new figures."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kpis.models import KpiValue
from kpis.periods import Period
from tests.browser.conftest import assert_accessible, save_screenshot
from tests.kpis.pages import add_target, add_value, live_kpi

pytestmark = pytest.mark.browser


@pytest.fixture
def month(live_data):
    """PEP and WF-AGENCY, owned by the officer, approved for the month before last."""
    officer, manager = live_data["officer"], live_data["manager"]
    last = Period.from_date(timezone.localdate()).previous()
    before = last.previous()
    pep, agency = live_kpi("PEP", owner=officer), live_kpi("WF-AGENCY", owner=officer)
    for year in {before.financial_year, last.financial_year}:
        add_target(pep, year, 95, 90)
        add_target(agency, year, 15, 18)
    add_value(pep, str(before), 93, "approved", by=officer, approved_by=manager)
    add_value(agency, str(before), 16, "approved", by=officer, approved_by=manager)
    return last


def sign_in(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("test-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def figure_on_scorecard(page, live_server, code: str) -> str:
    page.goto(f"{live_server.url}/kpis/?q={code}")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=code, exact=True))
    return row.locator("td").nth(1).inner_text()  # the latest value, after the KPI


def test_only_approved_figures_reach_members_through_a_whole_month_end(
    page, live_server, month, console_errors
):
    return_page = f"{live_server.url}/returns/{month}/"

    # The officer submits the month's figures.
    sign_in(page, live_server, "officer")
    page.goto(return_page)
    page.locator("#PEP-value-group").get_by_label("Value").fill("97")
    page.locator("#WF-AGENCY-value-group").get_by_label("Value").fill("14")
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_text(f"Submitted 2 values for {month.label} for approval.")).to_be_visible()

    # The member still sees the approved figures, everywhere.
    sign_in(page, live_server, "member")
    assert figure_on_scorecard(page, live_server, "PEP").startswith("93%")
    page.goto(f"{live_server.url}/kpis/PEP/")
    expect(page.locator("#summary + dl")).to_contain_text("93%")
    expect(page.locator("#summary + dl")).not_to_contain_text("97%")
    assert_accessible(page)
    page.goto(f"{live_server.url}/")
    expect(page.get_by_text("97%")).to_have_count(0)

    # The manager sends PEP back with a reason, and approves the rest with "select all".
    sign_in(page, live_server, "manager")
    page.get_by_role("link", name="Approve").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Approve values")
    assert_accessible(page)
    page.get_by_role("checkbox", name=f"Select PEP for {month.label}").check()
    page.get_by_label("Send selected values back").fill("Check the Ward B figures")
    page.get_by_role("button", name="Send selected values back").click()
    expect(page.get_by_text("Sent back 1 value.")).to_be_visible()
    page.get_by_label("Select all the values you may approve").check()
    page.get_by_role("button", name="Approve selected values").click()
    expect(page.get_by_text("Approved 1 value.")).to_be_visible()
    expect(page.get_by_text("No values are waiting for approval.")).to_be_visible()

    # The officer sees why, corrects and resubmits.
    sign_in(page, live_server, "officer")
    page.goto(return_page)
    expect(page.get_by_text("Sent back for correction: Check the Ward B figures")).to_be_visible()
    page.locator("#PEP-value-group").get_by_label("Value").fill("96")
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_text(f"for {month.label} for approval.")).to_be_visible()
    assert KpiValue.objects.get(kpi__code="PEP", period=month.first_day).sent_back_reason == ""

    sign_in(page, live_server, "manager")
    page.goto(f"{live_server.url}/returns/approve/")
    save_screenshot(page, "approval-queue")
    page.get_by_role("button", name="Approve all 1 you may approve").click()
    expect(page.get_by_text("Approved 1 value.")).to_be_visible()

    # Now the member sees the approved figures.
    sign_in(page, live_server, "member")
    assert figure_on_scorecard(page, live_server, "PEP").startswith("96%")
    assert figure_on_scorecard(page, live_server, "WF-AGENCY").startswith("14%")
    assert console_errors == []
