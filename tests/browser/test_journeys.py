"""The journeys people make every month, in a real Chromium, with axe on every page they see."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kpis.models import KpiValue
from kpis.periods import Period
from tests.browser.conftest import assert_accessible, save_screenshot

pytestmark = pytest.mark.browser


def test_a_manager_finds_every_red_kpi_reads_why_and_opens_its_chart(
    demo_data, sign_in_as, live_server, console_errors
):
    page = sign_in_as("manager")
    assert_accessible(page)
    save_screenshot(page, "dashboard")
    red_table = page.get_by_role("region", name="Red KPIs")
    expect(red_table.get_by_role("row")).to_have_count(3)  # header and two Red KPIs
    agency = red_table.get_by_role("row").filter(has_text="% agency staff")
    expect(agency).to_contain_text("Demo commentary: below target")
    expect(agency).to_contain_text("Olu Officer (demo)")

    agency.get_by_role("link", name="% agency staff").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("% agency staff")
    chart = page.locator(".app-chart")
    expect(chart.locator(".main-svg").first).to_be_visible()
    legend = chart.locator(".legend")
    for name in ("Value", "Target", "Amber band", "England"):
        expect(legend).to_contain_text(name)
    values = page.get_by_role("region", name="Values of WF-AGENCY")
    expect(values.get_by_role("row").nth(1)).to_contain_text("Red")
    comparators = page.get_by_role("table", name="Comparator values")
    expect(comparators).to_contain_text("17.8%")
    expect(comparators).to_contain_text("DfE children's social work workforce (2023)")
    assert_accessible(page)
    save_screenshot(page, "kpi-chart")

    page.get_by_role("link", name="12 months").click()
    expect(page).to_have_url(re.compile(r"range=12"))
    assert values.get_by_role("row").count() <= 13
    assert console_errors == []


def test_the_dashboard_numbers_lead_to_the_lists_behind_them(
    demo_data, sign_in_as, live_server, console_errors
):
    page = sign_in_as("manager")
    judgement = page.get_by_role("region", name="RAG by Ofsted judgement")
    judgement.get_by_role("link", name=re.compile(r"^1 Red in Adoption performance")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("KPI scorecard")
    expect(page.get_by_role("status")).to_have_text("1 KPI found.")
    expect(page.get_by_role("link", name="PERMANENCE-12M")).to_be_visible()
    assert_accessible(page)
    assert console_errors == []


def test_an_officer_fills_in_corrects_and_submits_a_return_and_a_manager_approves_it(
    demo_data, sign_in_as, live_server, console_errors
):
    period = Period.from_date(timezone.localdate()).previous()
    page = sign_in_as("officer")
    page.get_by_role("link", name="Returns", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name=period.label, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(period.label)
    assert_accessible(page)

    row = page.locator("#LAC-20MILES-value-group")
    row.get_by_label("Value").fill("forty")
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="LAC-20MILES: Enter the value as a number, like 85.5"))
    expect(row.get_by_label("Value")).to_have_value("forty")
    assert not KpiValue.objects.filter(kpi__code="LAC-20MILES", period=period.first_day).exists()
    assert_accessible(page)

    row.get_by_label("Value").fill("45")
    expect(row.locator("[data-rag-output]")).to_have_text("Red")  # rated as it is typed
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_role("link", name=re.compile("LAC-20MILES: Explain why the value is Red")))
    expect(row.get_by_label("Value")).to_have_value("45")

    row.get_by_label("Commentary").fill("Two children moved to specialist placements out of area.")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("as draft")).to_be_visible()
    stored = KpiValue.objects.get(kpi__code="LAC-20MILES", period=period.first_day)
    assert (stored.value, stored.status) == (45, "draft")

    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_text(f"for {period.label} for approval.")).to_be_visible()
    stored.refresh_from_db()
    assert stored.status == "submitted"

    page = sign_in_as("manager")
    page.goto(f"{live_server.url}/returns/{period}/approve/")
    assert_accessible(page)
    row = page.get_by_role("row").filter(has_text="LAC-20MILES")
    expect(row).to_contain_text("Red")
    row.get_by_role("checkbox").check()
    page.get_by_role("button", name="Approve selected values").click()
    expect(page.get_by_text(f"Approved 1 value for {period.label}.")).to_be_visible()
    stored.refresh_from_db()
    assert (stored.status, stored.approved_by.username) == ("approved", "manager")

    page.goto(f"{live_server.url}/kpis/LAC-20MILES/")
    latest = page.get_by_role("region", name="Values of LAC-20MILES").get_by_role("row").nth(1)
    expect(latest).to_contain_text(period.label)
    expect(latest).to_contain_text("45%")
    expect(latest).to_contain_text("Red")
    expect(latest).to_contain_text("Approved")
    assert console_errors == []


@pytest.mark.parametrize("path", ["/readiness/", "/kpis/", "/returns/import/", "/returns/"])
def test_more_pages_are_accessible(demo_data, sign_in_as, live_server, console_errors, path):
    page = sign_in_as("manager")
    page.goto(f"{live_server.url}{path}")
    assert_accessible(page)
    assert console_errors == []


def test_the_scorecard_can_be_sorted_with_the_keyboard(demo_data, sign_in_as, live_server):
    page = sign_in_as("manager")
    page.goto(f"{live_server.url}/kpis/")
    sort = page.get_by_role("link", name=re.compile(r"^RAG\W+sort"))
    sort.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"sort=rag"))
    sort = page.get_by_role("link", name=re.compile(r"^RAG"))
    sort.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"sort=-rag"))
    first = page.get_by_role("region", name="Results").get_by_role("row").nth(1)
    expect(first).to_contain_text("Red")
