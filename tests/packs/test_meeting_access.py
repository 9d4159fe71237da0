"""Who may open a meeting's page (and so its papers): officers and managers always; the board's
members always; anyone else with a role only Part 1 papers of a board that meets in public.
Everyone else gets a 404 that does not say whether the meeting exists."""

import datetime
import re

import pytest
from django.urls import reverse

from accounts import roles
from boards.models import AgendaItem, Board, BoardMembership, Meeting
from tests import users

DAY = datetime.date(2026, 12, 8)


def make_board(slug: str, *, public: bool) -> Board:
    return Board.objects.create(
        slug=slug,
        short_name=slug.upper(),
        name=f"The {slug} board",
        nature=Board.Nature.COMMITTEE if public else Board.Nature.INTERNAL,
        meets_in_public=public,
    )


def make_meeting(board: Board, part: str = AgendaItem.Part.ONE) -> Meeting:
    meeting = Meeting.objects.create(board=board, date=DAY, venue="Shute End")
    AgendaItem.objects.create(
        meeting=meeting,
        number=1,
        title="Performance report",
        part=part,
        exempt_paragraph=2 if part == AgendaItem.Part.TWO else None,
        is_performance_report=True,
    )
    return meeting


@pytest.fixture
def meetings(db):
    public = make_board("scrutiny", public=True)
    internal = make_board("cslt", public=False)
    exempt = make_board("panel", public=True)
    return {
        "public part 1": make_meeting(public),
        "internal": make_meeting(internal),
        "public part 2": make_meeting(exempt, AgendaItem.Part.TWO),
    }


def opens(client, user, meeting) -> int:
    client.force_login(user)
    return client.get(meeting.get_absolute_url()).status_code


@pytest.mark.parametrize("role", [roles.OFFICER, roles.MANAGER])
def test_officers_and_managers_open_every_meeting(client, meetings, role):
    person = users.make_user("person", role)
    assert {name: opens(client, person, m) for name, m in meetings.items()} == {
        "public part 1": 200,
        "internal": 200,
        "public part 2": 200,
    }


def test_a_member_opens_public_part_1_papers_only_unless_they_sit_on_the_board(
    client, meetings, member
):
    assert {name: opens(client, member, m) for name, m in meetings.items()} == {
        "public part 1": 200,
        "internal": 404,
        "public part 2": 404,
    }
    for meeting in (meetings["internal"], meetings["public part 2"]):
        BoardMembership.objects.create(board=meeting.board, user=member)
    assert {name: opens(client, member, m) for name, m in meetings.items()} == {
        "public part 1": 200,
        "internal": 200,
        "public part 2": 200,
    }


def test_someone_with_no_role_opens_nothing(client, meetings, outsider):
    # The page every URL gives someone with no role (wokingham_cs.middleware), meeting or not.
    assert {opens(client, outsider, m) for m in meetings.values()} == {403}


def test_a_page_that_is_not_there_and_one_that_is_hidden_look_the_same(client, meetings, member):
    client.force_login(member)
    hidden = client.get(meetings["internal"].get_absolute_url())
    missing = client.get(reverse("boards:meeting", args=["cslt", "2026-12-09"]))
    assert hidden.status_code == missing.status_code == 404

    def without_tokens(response) -> str:
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())

    assert without_tokens(hidden) == without_tokens(missing)


@pytest.mark.parametrize("date", ["2026-13-01", "yesterday", "2026-12-8"])
def test_a_date_that_is_not_a_date_is_a_404(client, meetings, manager, date):
    client.force_login(manager)
    assert client.get(f"/boards/scrutiny/meetings/{date}/").status_code == 404


def test_the_page_shows_when_where_the_deadline_and_the_agenda(client, meetings, manager):
    client.force_login(manager)
    page = client.get(meetings["public part 2"].get_absolute_url()).content.decode()
    assert "Meeting on 8 December 2026" in page
    assert "Shute End" in page
    # Five clear working days before Tuesday 8 December: Monday 30 November.
    assert "Monday 30 November 2026" in page
    assert "Part 2 (exempt): Schedule 12A, paragraph 2. Information likely to reveal" in page
