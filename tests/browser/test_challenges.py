"""A member's challenge in a real Chromium: an officer records it at a meeting of the Corporate
Parenting Board; it is due at the board's next meeting and listed in that meeting's pack as a
matter arising (the pack on the meeting page, and the PDF's text); a manager closes it with the
answer, and the member is emailed it and reads it among their own. axe on every page."""

import datetime
import re
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from boards.models import Board, BoardMembership
from findings.models import Finding
from recommendations.models import Action, Recommendation
from tests.browser.conftest import assert_accessible, save_screenshot
from tests.packs.factories import make_meeting, pdf_text

pytestmark = pytest.mark.browser

QUESTION = (
    "Bring us the figures on children placed more than 20 miles from home, by placement type."
)
ANSWER = "Of 41 children placed more than 20 miles away, 23 are in foster care and 18 in homes."


@pytest.fixture
def cpb_meetings(live_data):
    """A meeting of the Corporate Parenting Board held last week and its next one, in five
    weeks; the member sits on the board and has an email address."""
    cpb = Board.objects.get(slug="cpb")
    today = timezone.localdate()
    held = make_meeting(cpb, today - datetime.timedelta(days=7))
    following = make_meeting(cpb, today + datetime.timedelta(days=35))
    member = live_data["member"]
    member.email = "member@example.gov.uk"
    member.save(update_fields=["email"])
    BoardMembership.objects.create(board=cpb, user=member)
    return held, following


def test_a_members_challenge_comes_back_at_the_next_meeting_and_is_answered(
    cpb_meetings, signed_in, live_server, console_errors, page, mailoutbox
):
    held, following = cpb_meetings
    signed_in("officer")
    page.goto(f"{live_server.url}{held.get_absolute_url()}")
    expect(
        page.get_by_text("No member's challenge has been recorded for this meeting.")
    ).to_be_visible()
    page.get_by_role("link", name="Record a member's challenge").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a member's challenge")
    assert_accessible(page)
    page.get_by_role("button", name="Record the challenge").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Member who asked").select_option(label="Member Tester")
    page.get_by_label("Their question or request").fill(QUESTION)
    page.get_by_role("button", name="Record the challenge").click()

    expect(page.get_by_text(
        f"Challenge from Member Tester recorded: due by the CPB's next meeting, on "
        f"{following.date_label}"
    )).to_be_visible()  # fmt: skip
    challenges = page.get_by_role("region", name="Members' challenges")
    expect(challenges).to_contain_text(QUESTION)
    expect(challenges).to_contain_text(f"{following.date:%-d %B %Y}")
    assert_accessible(page)

    challenges.get_by_role("link", name=QUESTION).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Answer the member's challenge")
    expect(
        page.get_by_text("By the CPB's next meeting after the one it was put at")
    ).to_be_visible()
    assert_accessible(page)

    # The next meeting (linked from the due date) and its pack, as the officer sees it on the
    # meeting page and in the PDF.
    page.get_by_role("link", name=f"the meeting on {following.date_label}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Meeting on {following.date_label}")
    arising = page.get_by_role("region", name="Matters arising table")
    expect(arising).to_contain_text(QUESTION)
    expect(arising).to_contain_text("Not yet answered")
    assert_accessible(page)
    draft = page.request.get(f"{live_server.url}{following.get_absolute_url()}pack-draft.pdf")
    assert draft.ok
    flat = " ".join(pdf_text(draft.body()).split())
    # The matters arising table in the PDF (its columns wrap, so words are checked, not lines).
    arising_pdf = flat[flat.index("Members' challenges from earlier meetings") :]
    arising_pdf = arising_pdf[: arising_pdf.index("Recommendations and their status")]
    for words in (
        "Bring us the figures on children placed more",
        "Member Tester",
        f"{following.date:%-d %B %Y}",
        "Not yet",
        "answered",
        held.date_label,
    ):
        assert words in arising_pdf, words  # fmt: skip

    # A manager closes it with the answer; the member is emailed it.
    page.context.clear_cookies()
    signed_in("manager")
    action = Action.objects.get(challenge__isnull=False)
    page.goto(f"{live_server.url}{action.get_absolute_url()}")
    page.get_by_role("link", name="Close with the answer").click()
    assert_accessible(page)
    page.get_by_label("The answer").fill(ANSWER)
    page.get_by_role("button", name="Close with the answer").click()
    expect(
        page.get_by_text("Closed with the answer. Member Tester will be emailed the answer.")
    ).to_be_visible()
    expect(page.locator(".govuk-inset-text")).to_contain_text(f"The answer {ANSWER}")
    assert_accessible(page)
    [email] = [message for message in mail.outbox if message.to == ["member@example.gov.uk"]]
    assert QUESTION in email.body and ANSWER in email.body
    assert email.subject == f"The answer to your question at the CPB on {held.date_label}"

    # The next meeting's pack lists it answered; the member reads it among their own.
    page.goto(f"{live_server.url}{following.get_absolute_url()}")
    expect(page.get_by_role("region", name="Matters arising table")).to_contain_text(ANSWER)
    page.context.clear_cookies()
    signed_in("member")
    page.goto(f"{live_server.url}/actions/mine/")
    mine = page.get_by_role("region", name="Your challenges")
    expect(mine).to_contain_text(QUESTION)
    expect(mine).to_contain_text(f"Answer: {ANSWER}")
    expect(mine).to_contain_text("Closed")
    assert_accessible(page)
    assert console_errors == []


@pytest.fixture
def plan(live_data):
    """An overdue action on recommendation 5 owned by the officer, with a progress update."""
    action = Action.objects.create(
        recommendation=Recommendation.objects.get(number=5),
        title="Add the board to the assurance framework",
        owner=live_data["officer"],
        lead_board=Board.objects.get(slug="cpb"),
        due_date=timezone.localdate() - datetime.timedelta(days=10),
        status="in-progress",
        progress="at-risk",
    )
    action.updates.create(author=live_data["officer"], text="Draft shared with the CLT.")
    return action


README_SCREENSHOTS = {"/recommendations/": "tracker", "action": "action"}


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/recommendations/", "Recommendations and actions"),
        ("recommendation", "Recommendation 5: Corporate parenting"),
        ("action", "Add the board to the assurance framework"),
        ("/actions/mine/", "My actions"),
        # Pages of other apps that now show actions.
        ("finding", "Finding 22"),
        ("/readiness/", "Inspection readiness"),
        ("/boards/cpb/", "Corporate Parenting Board"),
    ],
)
def test_the_tracker_pages_are_accessible(
    plan, signed_in, live_server, console_errors, path, heading
):
    page = signed_in("officer")
    url = {
        "recommendation": plan.recommendation.get_absolute_url(),
        "action": plan.get_absolute_url(),
        "finding": Finding.objects.get(order=22).get_absolute_url(),
    }.get(path, path)
    page.goto(f"{live_server.url}{url}")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(page)
    if path in README_SCREENSHOTS:
        save_screenshot(page, README_SCREENSHOTS[path])
    assert console_errors == []


def test_a_manager_finds_what_is_overdue_and_who_owns_it_and_downloads_it(
    plan, signed_in, live_server, console_errors
):
    page = signed_in("manager")
    page.get_by_role("link", name="Recommendations", exact=True).click()
    expect(page.get_by_text("1 action is overdue")).to_be_visible()
    page.get_by_role("link", name="1 action is overdue").click()
    table = page.get_by_role("region", name="Actions")
    expect(table.get_by_role("row")).to_have_count(2)
    row = table.get_by_role("row").nth(1)
    expect(row).to_contain_text("Add the board to the assurance framework")
    expect(row).to_contain_text("Officer Tester")
    expect(row).to_contain_text("Overdue by 10 days")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as CSV").click()
    content = Path(download.value.path()).read_text(encoding="utf-8")
    assert re.search(
        r"Add the board to the assurance framework,Officer Tester,CPB,.*,Overdue by 10 days",
        content,
    )
    assert_accessible(page)
    assert console_errors == []
