"""Board packs in a real Chromium: an officer publishes the Corporate Parenting Board's pack
from its meeting page; a member of the board downloads it and it says what the board needs;
axe on the meeting page as each of them sees it."""

import datetime
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from boards.deadlines import papers_deadline
from boards.models import Board, BoardMembership
from kpis.models import Kpi
from packs.cutoff import cut_off_for, too_early_to_publish
from packs.models import PackBuild, PackVersion
from tests.browser.conftest import assert_accessible, save_screenshot
from tests.kpis.pages import add_target, add_value
from tests.packs.factories import make_meeting
from wokingham_cs.working_days import add_working_days

pytestmark = pytest.mark.browser

LAC_COMMENTARY = (
    "Three children moved to placements out of area for lack of local foster carers; the "
    "recruitment campaign restarts next month."
)


def next_publishable_meeting_day(board: Board) -> datetime.date:
    """A meeting a few working days ahead whose papers deadline is today or just past: its
    cut-off month has ended, so its pack may be published now (on any day of the month)."""
    today = timezone.localdate()
    day = add_working_days(today, board.papers_deadline_days + 1)
    assert day > today
    assert too_early_to_publish(papers_deadline(day, board.papers_deadline_days), today) is None
    return day


@pytest.fixture
def cpb_figures(live_data) -> dict:
    """The seeded Corporate Parenting Board with its next meeting a few working days ahead, and
    approved figures as at that meeting's cut-off for what it receives: one Red with
    commentary, one small count, one value still awaiting approval, one for a KPI it does not
    receive; the member sits on the board."""
    officer, manager, member = live_data["officer"], live_data["manager"], live_data["member"]
    cpb = Board.objects.get(slug="cpb")
    meeting = make_meeting(cpb, next_publishable_meeting_day(cpb))
    BoardMembership.objects.create(board=cpb, user=member)
    cut_off = cut_off_for(meeting.papers_deadline)
    before, now = cut_off.previous(), timezone.now()

    def approve(code, period, value, **extra):
        kpi = Kpi.objects.get(code=code)
        add_value(kpi, str(period), value, "approved", by=officer, approved_by=manager,
                  approved_at=now, **extra)  # fmt: skip

    for code, target, amber in (("PEP", 95, 90), ("LAC-20MILES", 60, 55),
                                ("PLACEMENTS-3PLUS", 10, 12), ("INNOV-STAFF-SAT", 80, 75),
                                ("WF-AGENCY", 15, 18)):  # fmt: skip
        for year in {cut_off.financial_year, before.financial_year}:
            add_target(Kpi.objects.get(code=code), year, target, amber)
    Kpi.objects.filter(code="PLACEMENTS-3PLUS").update(is_rate=True)
    approve("PEP", before, "96.2")
    add_value(Kpi.objects.get(code="PEP"), str(cut_off), "88.8", "submitted", by=officer)
    approve("LAC-20MILES", cut_off, "51.5", commentary=LAC_COMMENTARY)
    approve("PLACEMENTS-3PLUS", cut_off, "5.2", numerator=3, denominator=58)
    approve("INNOV-STAFF-SAT", before, "83.4")
    approve("SOS-PROGRESS", before, "71")
    approve("WF-AGENCY", cut_off, "17.5")
    return {"meeting": meeting, "cut_off": cut_off, "before": before}


def pdf_text(content: bytes) -> str:
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return re.sub(r"[ \t]+", " ", text)


def test_an_officer_publishes_and_a_member_downloads_the_cpb_pack(
    cpb_figures, signed_in, live_server, console_errors, page
):
    meeting, cut_off, before = (cpb_figures[key] for key in ("meeting", "cut_off", "before"))
    signed_in("officer")
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Meeting on {meeting.date_label}")
    expect(page.get_by_role("heading", name="Scorecard")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Publish the pack").click()
    expect(page.get_by_text("Version 1 of the pack is published.")).to_be_visible()
    versions = page.get_by_role("table", name="Published versions")
    expect(versions).to_contain_text("First publication")
    assert PackBuild.objects.get().status == "done"
    assert_accessible(page)
    save_screenshot(page, "meeting-pack")

    page.context.clear_cookies()
    signed_in("member")  # lands on the boards they sit on
    expect(page.get_by_role("heading", level=1)).to_have_text("Your boards")
    page.get_by_role(
        "link", name=f"View papers for the CPB meeting on {meeting.date_label}"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Meeting on {meeting.date_label}")
    expect(page.get_by_role("heading", name="Scorecard")).to_have_count(0)
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^Download the report pack")).click()
    filename = f"cpb-{meeting.date.isoformat()}-pack-v1.pdf"
    assert download.value.suggested_filename == filename
    content = Path(download.value.path()).read_bytes()
    version = PackVersion.objects.get()
    assert content == (settings.PRIVATE_STORAGE_ROOT / version.file_name).read_bytes()
    text = pdf_text(content)
    flat = " ".join(text.split())

    assert "Corporate Parenting Board: performance report" in flat
    assert "Published, version 1" in flat
    # Every live KPI the board receives, with its RAG word and approved value.
    for code, period, value, rag in (
        ("PEP", before, "96.2%", "Green"),
        ("LAC-20MILES", cut_off, "51.5%", "Red"),
        ("INNOV-STAFF-SAT", before, "83.4%", "Green"),
        ("SOS-PROGRESS", before, "71", "No"),
    ):
        row = rf"{code} +{period.short_label} +{re.escape(value)}(?!\w).*\b{rag}\b"
        assert re.search(row, text), code
    # The small count: "c" with its percentage, never the figures.
    assert re.search(rf"PLACEMENTS-3PLUS +{cut_off.short_label} +c +c of 58", text)
    assert "5.2%" not in flat and "3 of 58" not in flat
    # The Red KPI's exception page and its commentary.
    assert " ".join(LAC_COMMENTARY.split()) in flat
    # Not received by the board; and not yet approved.
    assert "WF-AGENCY" not in flat and "17.5%" not in flat
    assert "88.8%" not in flat
    assert console_errors == []


def test_the_meeting_page_follows_a_build_until_it_finishes(
    cpb_figures, signed_in, live_server, console_errors, page
):
    meeting = cpb_figures["meeting"]
    build = PackBuild.objects.create(
        meeting=meeting, kind="draft", status="running", progress="Making the PDF (5 KPIs)"
    )
    signed_in("officer")
    page.goto(f"{live_server.url}{cpb_figures['meeting'].get_absolute_url()}")
    status = page.get_by_role("status")
    expect(status).to_have_text("Being prepared: Making the PDF (5 KPIs)")
    assert_accessible(page)

    PackBuild.objects.filter(pk=build.pk).update(progress="Storing the PDF")
    expect(status).to_have_text("Being prepared: Storing the PDF")
    PackBuild.objects.filter(pk=build.pk).update(
        status="failed", error="The pack could not be made: the disk is full."
    )
    # Finished: the page reloads itself and shows what happened.
    expect(page.get_by_text("The draft PDF could not be prepared")).to_be_visible()
    expect(page.get_by_text("the disk is full")).to_be_visible()
    expect(page.get_by_role("status")).to_have_count(0)
    assert_accessible(page)
    assert console_errors == []


def test_the_meeting_page_with_its_pack_fits_a_narrow_screen(
    cpb_figures, signed_in, live_server, page
):
    """WCAG 1.4.10: at 320 CSS pixels wide nothing makes the page scroll sideways; wide
    tables and charts scroll inside their own regions."""
    signed_in("officer")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}{cpb_figures['meeting'].get_absolute_url()}")
    expect(page.get_by_role("heading", name="Trends")).to_be_attached()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
