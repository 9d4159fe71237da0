"""Meeting.objects.papers_visible_to(user), which the lists use, lets through exactly the
meetings whose page Meeting.papers_visible_to(user) opens: a list never shows a meeting whose
link would be a 404, nor hides one the person may open."""

import datetime

import pytest

from accounts import roles
from boards.models import AgendaItem, Board, BoardMembership, Meeting
from tests import users

DAY = datetime.date(2026, 12, 8)


@pytest.fixture
def every_kind_of_meeting(db):
    """Boards that meet in public or not, each with a meeting whose report is Part 1, one whose
    report is Part 2, one with a Part 2 item that is not the report, and one with no agenda."""
    meetings = []
    for public in (True, False):
        board = Board.objects.create(
            slug=f"board-{public}", short_name="B", name="Board", nature="committee",
            meets_in_public=public,
        )  # fmt: skip
        for offset, (part, report) in enumerate(
            [("1", True), ("2", True), ("2", False), (None, False)]
        ):
            meeting = Meeting.objects.create(board=board, date=DAY + datetime.timedelta(offset))
            if part:
                AgendaItem.objects.create(
                    meeting=meeting, number=1, title="Item", part=part,
                    exempt_paragraph=1 if part == "2" else None, is_performance_report=report,
                )  # fmt: skip
            meetings.append(meeting)
    return meetings


@pytest.mark.parametrize(
    "role", [roles.OFFICER, roles.MANAGER, roles.MEMBER, roles.ADMINISTRATOR, None]
)
@pytest.mark.parametrize("sits_on", [(), (True,), (False,), (True, False)])
def test_the_list_and_the_page_agree(every_kind_of_meeting, role, sits_on):
    person = users.make_user("person", role)
    for public in sits_on:
        BoardMembership.objects.create(board=Board.objects.get(meets_in_public=public), user=person)
    person = type(person).objects.get(pk=person.pk)  # fresh, as each request has
    listed = set(Meeting.objects.papers_visible_to(person))
    opened = {meeting for meeting in every_kind_of_meeting if meeting.papers_visible_to(person)}
    assert listed == opened


def test_a_member_off_the_board_sees_public_part_1_papers_only(every_kind_of_meeting, member):
    listed = Meeting.objects.papers_visible_to(member).order_by("date")
    assert [(m.board.meets_in_public, m.date.day) for m in listed] == [
        (True, 8),  # report in Part 1
        (True, 10),  # a Part 2 item that is not the report
        (True, 11),  # no agenda yet
    ]


def test_no_meeting_is_listed_twice(every_kind_of_meeting, member):
    for board in Board.objects.all():
        BoardMembership.objects.create(board=board, user=member)
    assert Meeting.objects.papers_visible_to(member).count() == len(every_kind_of_meeting)
