"""Nothing moves after the page is drawn: on a phone, the navigation is drawn collapsed behind
its "Menu" button before GOV.UK Frontend's script starts, so the page does not jump up when the
script collapses it (Cumulative Layout Shift was 0.16 on the KPI page)."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Sums the layout shifts the browser reports, as Lighthouse's CLS does for a page load.
LAYOUT_SHIFT = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const shift of list.getEntries()) if (!shift.hadRecentInput) total += shift.value;
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 500);
})"""


def test_the_mobile_navigation_does_not_shift_the_page(
    demo_data, sign_in_as, live_server, console_errors
):
    page = sign_in_as("manager")
    page.set_viewport_size({"width": 375, "height": 667})
    # A slow network: the page is drawn well before app.js (and so GOV.UK Frontend) runs.
    page.route("**/build/app.js", lambda route: (page.wait_for_timeout(800), route.continue_()))
    page.goto(f"{live_server.url}/kpis/WF-AGENCY/")
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    expect(page.get_by_role("link", name="Annex A")).to_be_hidden()
    assert page.evaluate(LAYOUT_SHIFT) < 0.01

    menu.click()
    expect(page.get_by_role("link", name="Annex A")).to_be_visible()
    assert console_errors == []
