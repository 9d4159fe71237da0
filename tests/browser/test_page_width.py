"""No page scrolls sideways (WCAG 2.2 1.4.10 Reflow): at 320 px wide, what 1280 px at 400% zoom
shows, and at 1280 px, every page is as wide as the window. Wide tables scroll inside their own
container instead. The pages are those of tests/browser/site_pages.py."""

import pytest
from playwright.sync_api import expect

from tests.browser.site_pages import PUBLIC_PAGES, manager_paths

pytestmark = pytest.mark.browser

WIDTHS = [320, 1280]

# To say what to fix: the outermost elements that stick out past the window's right edge and
# are not inside a scrolling container, and absolutely positioned ones (which can escape one).
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const right = (e) => Math.round(e.getBoundingClientRect().right);
  const inScroller = (e) => {
    for (let a = e.parentElement; a; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    }
    return false;
  };
  const out = [...document.body.querySelectorAll('*')].filter((e) => right(e) > width &&
    (getComputedStyle(e).position === 'absolute' || !inScroller(e)));
  const name = (e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`;
  return out.filter((e) => !out.includes(e.parentElement)).slice(0, 5).map((e) =>
    `${name(e)} in ${name(e.parentElement)} ends at ${right(e)} px`);
}"""


def too_wide(page, path: str) -> str | None:
    """Why the page at this path is wider than the window, or None when it fits."""
    scroll_width, window_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    if scroll_width <= window_width:
        return None
    return f"{path} is {scroll_width} px wide: {'; '.join(page.evaluate(OVERFLOWING))}"


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_is_wider_than_the_window(demo_data, sign_in_as, live_server, width):
    page = sign_in_as("manager")
    page.set_viewport_size({"width": width, "height": 800})
    problems = []
    for path in manager_paths():
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("h1")).to_be_visible()
        problems.append(too_wide(page, path))

    page.context.clear_cookies()
    for path in PUBLIC_PAGES:
        page.goto(f"{live_server.url}{path}")
        problems.append(too_wide(page, f"{path} (signed out)"))
    problems = [problem for problem in problems if problem]
    assert not problems, "\n".join(problems)


def test_the_scorecard_fits_its_column_at_1280_px(demo_data, sign_in_as, live_server):
    """Not only the page: the table itself needs no sideways scrolling on a laptop screen."""
    page = sign_in_as("manager")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/kpis/")
    table = page.get_by_role("region", name="Results")
    table_width, column_width = table.evaluate("(e) => [e.scrollWidth, e.clientWidth]")
    assert table_width <= column_width
