"""Boards and meetings in a real Chromium: a member signing in to their boards, the board page
and the timeliness report, and an officer adding a meeting; axe on every page they see."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boards.models import BoardMembership, Meeting
from tests.browser.conftest import assert_accessible, save_screenshot

pytestmark = pytest.mark.browser


def test_a_member_lands_on_their_boards_and_stops_the_emails_of_one(
    demo_data, sign_in_as, live_server, console_errors
):
    page = sign_in_as("member")
    expect(page).to_have_url(f"{live_server.url}/boards/mine/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your boards")
    cpb = page.get_by_role("region", name="Corporate Parenting Board")
    expect(cpb.get_by_role("heading", level=2)).to_have_text("Corporate Parenting Board")
    expect(cpb.get_by_role("row")).to_have_count(4)  # the header and the next three meetings
    expect(cpb.get_by_role("row").nth(1)).to_contain_text("Due")
    expect(cpb).to_contain_text("Emails: on")
    assert_accessible(page)
    save_screenshot(page, "my-boards")

    cpb.get_by_role("button", name="Stop emails about the Corporate Parenting Board").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "You will no longer be emailed when the Corporate Parenting Board publishes papers."
    )
    expect(page.get_by_role("region", name="Corporate Parenting Board")).to_contain_text(
        "Emails: off"
    )
    assert_accessible(page)
    membership = BoardMembership.objects.get(user__username="member", board__slug="cpb")
    assert not membership.subscribed

    page.get_by_role("region", name="Corporate Parenting Board").get_by_role(
        "link", name=re.compile(r"^View papers for the CPB meeting on")
    ).first.click()
    following = Meeting.objects.filter(board__slug="cpb").upcoming(timezone.localdate()).first()
    expect(page).to_have_url(f"{live_server.url}{following.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Meeting on {following.date_label}")
    assert console_errors == []


@pytest.mark.parametrize("username", ["member", "manager"])
def test_the_board_page_and_the_timeliness_report(
    demo_data, sign_in_as, live_server, console_errors, username
):
    page = sign_in_as(username)
    page.goto(f"{live_server.url}/boards/")
    page.get_by_role("link", name="Corporate Parenting Board", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Corporate Parenting Board")
    figures = page.get_by_role("region", name="Current figures")
    expect(
        figures.get_by_role("row").filter(has_text="% Eligible LAC with a Recent PEP")
    ).to_contain_text(re.compile(r"Green|Amber|Red|No target"))
    expect(page.get_by_role("region", name="Upcoming meetings")).to_be_visible()
    assert_accessible(page)
    if username == "manager":
        save_screenshot(page, "board-page")

    page.goto(f"{live_server.url}/boards/timeliness/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Papers timeliness")
    assert_accessible(page)
    assert console_errors == []


def test_an_officer_adds_a_meeting_and_corrects_what_the_form_refuses(
    demo_data, sign_in_as, live_server, console_errors
):
    page = sign_in_as("officer")
    page.goto(f"{live_server.url}/boards/cs-os/")
    page.get_by_role("link", name="Add a meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a meeting")
    assert_accessible(page)

    page.get_by_label("Day").fill("30")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2031")
    page.get_by_label("Start time (optional)").fill("7pm")
    page.get_by_label("Venue (optional)").fill("Council Chamber")
    first = page.get_by_role("group", name="Agenda row 1")
    first.get_by_label("Title").fill("Performance report")
    first.get_by_label("This item is the performance report").check()
    second = page.get_by_role("group", name="Agenda row 2")
    second.get_by_label("Title").fill("A child's placement")
    second.get_by_label("Part 2 (exempt)").check()
    page.get_by_role("button", name="Add the meeting").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The meeting date must be a real date")
    expect(summary).to_contain_text("Agenda row 2: A Part 2 item is taken in private")
    expect(page).to_have_title(re.compile(r"^Error: Add a meeting"))
    # What was typed is still there.
    expect(page.get_by_label("Venue (optional)")).to_have_value("Council Chamber")
    expect(page.get_by_role("group", name="Agenda row 2").get_by_label("Title")).to_have_value(
        "A child's placement"
    )
    assert_accessible(page)

    summary.get_by_role("link", name="The meeting date must be a real date").click()
    expect(page.get_by_label("Day")).to_be_focused()
    page.get_by_label("Day").fill("27")
    page.get_by_role("group", name="Agenda row 2").get_by_label(
        "Schedule 12A paragraph (Part 2 only)"
    ).select_option("1")
    page.get_by_role("button", name="Add the meeting").click()

    expect(page).to_have_url(f"{live_server.url}/boards/cs-os/meetings/2031-02-27/")
    expect(page.get_by_role("alert")).to_contain_text("Meeting on 27 February 2031 added.")
    expect(page.locator("main")).to_contain_text("Part 2 (exempt): Schedule 12A, paragraph 1.")
    assert console_errors == []
