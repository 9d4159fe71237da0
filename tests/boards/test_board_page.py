"""/boards/<slug>/: who sits on the board and its rules, the current (approved) figures of what it
receives, and its meetings, listed only where this person may open the papers."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from boards.models import AgendaItem, Board, BoardMembership, Meeting
from tests import users
from tests.boards.pages import text_of
from tests.kpis.pages import add_target, add_value

TODAY = datetime.date(2026, 11, 29)  # a Sunday


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("boards.views._today", lambda: TODAY)


def published(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def meeting(slug: str, day: datetime.date, *, part: str = "1", **fields) -> Meeting:
    made = Meeting.objects.create(board=Board.objects.get(slug=slug), date=day, **fields)
    AgendaItem.objects.create(
        meeting=made, number=3, title="Performance report", part=part,
        exempt_paragraph=1 if part == "2" else None, is_performance_report=True,
    )  # fmt: skip
    return made


def test_says_who_chairs_and_sits_on_the_board_and_its_papers_deadline(client, seeded, manager):
    cpb = Board.objects.get(slug="cpb")
    chair = users.make_user("carol")
    cpb.chair = chair
    cpb.terms_of_reference = "To hold the council to account as corporate parent."
    cpb.save()
    for name in ("zed", "ann"):
        BoardMembership.objects.create(board=cpb, user=users.make_user(name))
    client.force_login(manager)
    text = text_of(client.get(cpb.get_absolute_url()))
    assert "Chair Carol Tester" in text
    assert "Members Ann Tester Zed Tester" in text
    assert "To hold the council to account as corporate parent." in text
    assert (
        "Papers deadline 5 clear working days before the meeting (Local Government Act 1972 s.100B)"
    ) in text


def test_an_internal_board_states_its_own_rule(client, seeded, manager):
    Board.objects.filter(slug="cslt").update(papers_deadline_days=3)
    client.force_login(manager)
    text = text_of(client.get(reverse("boards:detail", args=["cslt"])))
    assert "3 clear working days before the meeting, set by the board" in text
    assert "Members None recorded in this service" in text
    assert "Chair Not recorded" in text
    assert "No terms of reference are recorded for this board." in text


def test_current_figures_are_approved_values_with_their_rag_in_words(client, seeded, member):
    pep = add_value_pair()
    client.force_login(member)
    page = client.get(reverse("boards:detail", args=["cpb"]))
    figures = page.context["figures"]
    row = next(row for row in figures if row.kpi == pep)
    assert (str(row.period), row.value) == ("2026-08", 93.5)
    text = text_of(page)
    # July's figure is not approved either, so there is nothing approved to compare with.
    assert "% Eligible LAC with a Recent PEP PEP August 2026 93.5% 95% Amber Not comparable" in text
    assert "99%" not in text  # the submitted September figure is not approved yet
    # A KPI with no approved value says so rather than showing a blank or a Red.
    assert "CAMHS-CP No approved value yet" in text


def add_value_pair():
    from kpis.models import Kpi

    pep = Kpi.objects.get(code="PEP")
    add_target(pep, 2026, 95, amber=90)
    add_value(pep, "2026-07", 96, status="submitted")
    add_value(pep, "2026-08", 93.5, status="approved")
    add_value(pep, "2026-09", 99, status="submitted")
    return pep


def test_meetings_show_their_deadline_and_flag_late_papers(client, seeded, manager):
    meeting("cpb", datetime.date(2026, 12, 17))  # Thursday: papers by Wednesday 9 December
    meeting(
        "cpb",
        datetime.date(2026, 10, 15),
        papers_published_at=published(datetime.date(2026, 10, 12)),
    )
    meeting(
        "cpb", datetime.date(2026, 8, 20), papers_published_at=published(datetime.date(2026, 8, 1))
    )
    meeting(
        "cpb", datetime.date(2026, 6, 18), papers_published_at=published(datetime.date(2026, 6, 18))
    )
    client.force_login(manager)
    text = text_of(client.get(reverse("boards:detail", args=["cpb"])))
    assert (
        "Next meeting When Thursday 17 December 2026 at 7:00 p.m." in text
        or "Next meeting When Thursday 17 December 2026 Where" in text
    )
    assert "Papers deadline Wednesday 9 December 2026 Papers Due" in text
    upcoming = text[text.index("Upcoming meetings") : text.index("Past meetings")]
    assert "17 December 2026 Wed 9 Dec 2026 Due" in upcoming
    past = text[text.index("Past meetings") :]
    # Newest first, each with its deadline and what happened to its papers.
    assert past.index("15 October 2026") < past.index("20 August 2026") < past.index("18 June 2026")
    assert "15 October 2026 Wed 7 Oct 2026 Late Published 12 October 2026" in past
    assert "20 August 2026 Wed 12 Aug 2026 On time Published 1 August 2026" in past
    assert "18 June 2026 Wed 10 Jun 2026 Tabled on the day Published 18 June 2026" in past


def test_late_papers_are_flagged_in_red_as_well_as_in_words(client, seeded, manager):
    meeting(
        "cpb",
        datetime.date(2026, 10, 15),
        papers_published_at=published(datetime.date(2026, 10, 12)),
    )
    client.force_login(manager)
    html = client.get(reverse("boards:detail", args=["cpb"])).content.decode()
    assert '<strong class="govuk-tag govuk-tag--red">Late</strong>' in html


def test_a_member_off_the_board_sees_only_meetings_whose_papers_they_may_open(
    client, seeded, member
):
    meeting("cs-os", datetime.date(2026, 12, 14))
    meeting("cs-os", datetime.date(2027, 1, 18), part=AgendaItem.Part.TWO)
    meeting("cslt", datetime.date(2026, 12, 15))
    client.force_login(member)

    scrutiny = client.get(reverse("boards:detail", args=["cs-os"]))
    assert [row.meeting.date.isoformat() for row in scrutiny.context["upcoming"]] == ["2026-12-14"]
    assert "18 January 2027" not in scrutiny.content.decode()
    assert "2027-01-18" not in scrutiny.content.decode()

    internal = client.get(reverse("boards:detail", args=["cslt"]))
    assert "No meetings are listed for this board." in text_of(internal)
    assert "15 December 2026" not in internal.content.decode()

    BoardMembership.objects.create(board=Board.objects.get(slug="cs-os"), user=member)
    scrutiny = client.get(reverse("boards:detail", args=["cs-os"]))
    assert [row.meeting.date.isoformat() for row in scrutiny.context["upcoming"]] == [
        "2026-12-14",
        "2027-01-18",
    ]


@pytest.mark.parametrize(
    ("who", "listed", "can_change"),
    [("officer", 1, True), ("manager", 1, True), ("member", 0, False)],
)
def test_each_role(client, seeded, who, listed, can_change):
    meeting("cslt", datetime.date(2026, 12, 15))
    client.force_login(getattr(users, who)())
    page = client.get(reverse("boards:detail", args=["cslt"]))
    assert page.status_code == 200
    assert len(page.context["upcoming"]) == listed
    html = page.content.decode()
    assert (reverse("boards:meeting_new", args=["cslt"]) in html) is can_change
    assert (reverse("boards:meeting_edit", args=["cslt", "2026-12-15"]) in html) is can_change


def test_someone_with_no_role_is_told_they_have_no_access_yet(client, seeded, outsider):
    client.force_login(outsider)
    page = client.get(reverse("boards:detail", args=["cslt"]))
    assert page.status_code == 403
    assert "You have no access yet" in page.content.decode()


def test_lists_the_recommendations_the_board_leads(client, seeded, manager):
    client.force_login(manager)
    cpb = text_of(client.get(reverse("boards:detail", args=["cpb"])))
    assert "should have greater prominence in the Corporate assurance framework Open" in cpb
    hwbb = text_of(client.get(reverse("boards:detail", args=["hwbb"])))
    assert "The HWBB leads no recommendation of a review or inspection." in hwbb


def grow(board: Board) -> None:
    """More of everything the page shows: members, meetings with agendas, values."""
    from kpis.models import Kpi

    for n in range(12):
        BoardMembership.objects.create(board=board, user=users.make_user(f"m{n}"))
    for n in range(30):
        day = TODAY + datetime.timedelta(days=14 * (n - 15))
        meeting(board.slug, day, papers_published_at=published(day - datetime.timedelta(days=9)))
    for kpi in Kpi.objects.filter(reporting_lines__board=board):
        for month in range(1, 13):
            add_value(kpi, f"2026-{month:02d}", 50 + month, status="approved")


@pytest.mark.parametrize("who", ["manager", "member"])
def test_query_count_does_not_grow_with_members_meetings_or_values(
    client, seeded, who, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    person = getattr(users, who)()
    board = Board.objects.get(slug="cpb")
    BoardMembership.objects.create(board=board, user=person)
    # One value to start with: with none at all the scorecard needs no values or targets.
    add_value(board.reporting_lines.filter(kpi__isnull=False).first().kpi, "2025-12", 1, "approved")
    client.force_login(person)
    url = board.get_absolute_url()
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow(board)
    with django_assert_num_queries(len(small.captured_queries)):
        page = client.get(url)
    assert len(page.context["past"]) + len(page.context["upcoming"]) == 30
    # 15: the board page also lists the recommendations and the open actions it leads.
    assert len(small.captured_queries) <= 15
