"""What a pack says, read from the PDF's text layer: approved values as at the cut-off, every
KPI the board receives and nothing else, commentary for the Red ones, small numbers hidden in
Part 1 and shown in Part 2, and a cover that says what the pack is."""

import datetime

import pytest
from django.db import transaction

from boards.models import AgendaItem, Meeting
from kpis.disclosure import FOOTNOTE
from packs.assembly import Edition, assemble_pack
from packs.rendering import pack_html, pdf_from_html
from tests import users
from tests.packs.factories import (
    RED_COMMENTARY,
    approved,
    between,
    build_council,
    fetched,
    line_with,
    pdf_text,
)

# The module's PDFs are made once, in the test database, which every test opens.
pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 29)


def read_pack(meeting: Meeting, edition: Edition | None = None) -> str:
    pack = assemble_pack(fetched(meeting), edition=edition or Edition.draft(TODAY))
    return pdf_text(pdf_from_html(pack_html(pack)))


@pytest.fixture
def council(officer, manager):
    return build_council(officer, manager)


@pytest.fixture(scope="module")
def packs(django_db_setup, django_db_blocker) -> dict[str, str]:
    """The council's pack as Part 1 and as Part 2, made once for the tests that only read
    them (each PDF takes most of a second), in a transaction rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        council = build_council(users.officer(), users.manager())
        texts = {"1": read_pack(council["meeting"])}
        AgendaItem.objects.filter(meeting=council["meeting"]).update(part="2", exempt_paragraph=2)
        texts["2"] = read_pack(council["meeting"])
        transaction.set_rollback(True)
    return texts


@pytest.fixture
def part_1(packs):
    return packs["1"]


@pytest.fixture
def part_2(packs):
    return packs["2"]


def scorecard(text: str) -> str:
    return between(text, "\nScorecard", "Exceptions: Red KPIs\n")


def test_the_cover_says_whose_pack_it_is_and_what_it_is(part_1):
    cover = between(part_1, "OFFICIAL", "Page 1 of")
    for words in (
        "Wokingham Borough Council",
        "Corporate Parenting Board: performance report",
        "8 December 2026, Shute End",
        "Part 1: open to the public",
        "Classification OFFICIAL",
        "Approved values as at October 2026",
        "Draft, 29 November 2026",
    ):
        assert words in " ".join(cover.split()), words


def test_a_part_2_pack_is_official_sensitive(part_2):
    cover = " ".join(between(part_2, "OFFICIAL-SENSITIVE", "Page 1 of").split())
    assert "Part 2: exempt information" in cover
    assert "Classification OFFICIAL-SENSITIVE" in cover


def test_a_published_revision_says_so_with_its_reason_on_the_cover(council):
    text = read_pack(
        council["meeting"],
        Edition(2, datetime.date(2026, 11, 30), "CIC-VISITS for October corrected"),
    )
    cover = " ".join(between(text, "OFFICIAL", "Page 1 of").split())
    assert "Published, version 2, 30 November 2026" in cover
    assert "Revised: CIC-VISITS for October corrected" in cover
    assert "Draft" not in cover


def test_every_kpi_the_board_receives_shows_its_approved_value_and_rag_word(part_1):
    rows = scorecard(part_1)
    assert line_with(rows, "CIC-VISITS", "Oct 2026", "78.5%", "90%", "Red")
    assert line_with(rows, "PEP", "Oct 2026", "96.5%", "90%", "Green")
    assert line_with(rows, "CARE-LEAVERS-EET", "Sep 2026", "64.5%", "60%", "Green")
    assert line_with(rows, "MISSING-EPISODES", "Oct 2026", "c", "No")
    assert line_with(rows, "PLACEMENT-MOVES", "Oct 2026", "c", "c of 58", "12%", "Green")


def test_a_kpi_the_board_does_not_receive_is_not_in_the_pack(part_1):
    assert "WF-AGENCY" not in part_1
    assert "Agency social workers" not in part_1
    assert "17.5%" not in part_1


def test_a_value_awaiting_approval_is_left_out_and_the_approved_one_before_it_shows(part_1):
    rows = scorecard(part_1)
    assert "71%" not in part_1 and "71.0%" not in part_1
    assert line_with(rows, "CARE-LEAVERS-EET", "Sep 2026", "64.5%")
    assert line_with(rows, "Oct 2026", "No", "60%", "No data")


def test_a_value_for_a_period_after_the_cut_off_is_left_out(part_1):
    assert "99.5%" not in part_1
    assert "Nov 2026" not in part_1


def test_each_red_kpi_has_an_exception_page_with_its_commentary(part_1):
    exceptions = " ".join(between(part_1, "Exceptions: Red KPIs\n", "\nTrends").split())
    assert "1 KPI is Red at October 2026" in exceptions
    assert "CIC-VISITS: Children in care visited on time" in exceptions
    assert " ".join(RED_COMMENTARY.split()) in exceptions
    assert "PEP:" not in exceptions


def test_a_red_kpi_without_commentary_is_flagged(council, officer, manager):
    pep = council["kpis"]["pep"]
    pep.values.all().delete()
    approved(pep, "2026-10", "70", by=officer, approver=manager)
    text = read_pack(council["meeting"])
    exceptions = " ".join(between(text, "Exceptions: Red KPIs\n", "\nTrends").split())
    assert "PEP: Children in care with a recent PEP" in exceptions
    assert "No commentary was given with the approved value." in exceptions


def test_part_1_hides_counts_from_1_to_5_and_explains_the_c(part_1):
    rows = scorecard(part_1)
    assert " 3 " not in line_with(rows, "MISSING-EPISODES")
    assert "4 of 58" not in part_1 and "6.9%" not in part_1
    assert " ".join(FOOTNOTE.split()) in " ".join(part_1.split())


def test_part_2_shows_the_true_figures(part_2):
    rows = scorecard(part_2)
    assert line_with(rows, "MISSING-EPISODES", "Oct 2026", "3", "No")
    assert line_with(rows, "PLACEMENT-MOVES", "Oct 2026", "6.9%", "4 of 58", "12%", "Green")
    assert "c: not shown" not in part_2


def test_part_1_charts_leave_out_hidden_values_and_say_so(council, officer, manager):
    moves = council["kpis"]["moves"]
    approved(moves, "2026-09", "12.5", numerator=8, denominator=64, by=officer, approver=manager)
    trends = " ".join(between(read_pack(council["meeting"]), "\nTrends", "Inspection").split())
    chart = between(trends, "PLACEMENT-MOVES:")
    assert "Values from Sep 2026 to Sep 2026; latest 12.5% (Sep 2026)" in chart
    assert "1 value is not charted: it is shown as c to protect small numbers." in chart


def test_part_2_charts_every_value(council, officer, manager):
    AgendaItem.objects.filter(meeting=council["meeting"]).update(part="2", exempt_paragraph=2)
    moves = council["kpis"]["moves"]
    approved(moves, "2026-09", "12.5", numerator=8, denominator=64, by=officer, approver=manager)
    trends = " ".join(between(read_pack(council["meeting"]), "\nTrends", "Inspection").split())
    assert "latest 6.9% (Oct 2026)" in trends
    assert "not charted" not in trends


def test_the_scorecard_covers_the_periods_since_the_previous_meeting(council):
    previous = Meeting.objects.create(board=council["board"], date=datetime.date(2026, 10, 6))
    text = read_pack(council["meeting"])
    rows = scorecard(text)
    # The previous meeting's deadline (28 September) gave it August; this pack reports
    # September and October.
    assert line_with(rows, "CIC-VISITS", "Sep 2026", "91%", "Green")
    assert line_with(rows, "Oct 2026", "78.5%", "90%", "Red", "Worsening")
    changes = " ".join(between(text, "Changes since the previous meeting", "Page").split())
    assert f"meeting on {previous.date_label}" in changes
    assert "CIC-VISITS" in changes and "No data Red" in changes
