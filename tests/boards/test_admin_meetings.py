"""Meetings and board memberships in /admin/, for the Administrator role: a meeting whose
papers are published keeps its board and date; the agenda inline checks what the app's form
checks; an administrator cannot put themself on a board."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from boards.models import AgendaItem, Board, Meeting
from tests.boards.pages import form_fields
from tests.users import make_user

DAY = datetime.date(2026, 12, 17)


@pytest.fixture
def administrator(db):
    return make_user("administrator", roles.ADMINISTRATOR)


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def cpb(db):
    return Board.objects.create(slug="cpb", short_name="CPB", name="Corporate Parenting Board",
                                nature=Board.Nature.INTERNAL)  # fmt: skip


@pytest.fixture
def other_board(db):
    return Board.objects.create(slug="yjpb", short_name="YJPB", name="Youth Justice Board",
                                nature=Board.Nature.PARTNERSHIP)  # fmt: skip


@pytest.fixture
def meeting(cpb):
    meeting = Meeting.objects.create(board=cpb, date=DAY, venue="Shute End")
    for number, title, report in [(1, "Apologies", False), (2, "Report", True), (3, "AOB", False)]:
        AgendaItem.objects.create(
            meeting=meeting, number=number, title=title, is_performance_report=report
        )
    return meeting


def change_url(meeting: Meeting) -> str:
    return reverse("admin:boards_meeting_change", args=[meeting.pk])


def shown_form(client, url: str) -> dict[str, str]:
    """What the admin's form sends when saved as shown (without the inline's blank template
    and the empty list of what was received)."""
    fields = form_fields(client.get(url))
    return {
        name: value
        for name, value in fields.items()
        if "__prefix__" not in name and name not in ("received", "csrfmiddlewaretoken")
    }


def errors_on(response) -> list[str]:
    """Every message on the admin's form and its inlines, as shown."""
    forms = [response.context["adminform"].form]
    messages = []
    for inline in response.context["inline_admin_formsets"]:
        messages += inline.formset.non_form_errors()
        forms += inline.formset.forms
    for form in forms:
        messages += [message for errors in form.errors.values() for message in errors]
    return messages


def test_a_published_meetings_board_and_date_are_shown_not_offered(admin_client, meeting):
    meeting.papers_published_at = timezone.now()
    meeting.save(update_fields=["papers_published_at"])
    page = admin_client.get(change_url(meeting))
    fields = form_fields(page)
    assert "board" not in fields
    assert "date" not in fields
    assert "venue" in fields
    html = page.content.decode()
    assert (
        f'<div class="readonly"><a href="/admin/boards/board/{meeting.board.pk}/change/">CPB</a>'
        in html
    )
    assert '<div class="readonly">17 Dec 2026</div>' in html


def test_a_published_meeting_keeps_its_board_and_date_whatever_is_posted(
    admin_client, meeting, other_board
):
    meeting.papers_published_at = timezone.now()
    meeting.save(update_fields=["papers_published_at"])
    data = shown_form(admin_client, change_url(meeting))
    data.update({"board": str(other_board.pk), "date": "2027-01-05", "venue": "Room 2"})
    response = admin_client.post(change_url(meeting), data)
    assert response.status_code == 302, errors_on(response)
    meeting.refresh_from_db()
    assert (meeting.board, meeting.date, meeting.venue) == (meeting.board, DAY, "Room 2")
    assert meeting.board.slug == "cpb"


def test_a_meeting_not_yet_published_may_still_move(admin_client, meeting, other_board):
    data = shown_form(admin_client, change_url(meeting))
    assert data["board"] == str(meeting.board.pk)
    data.update({"board": str(other_board.pk), "date": "2027-01-05"})
    response = admin_client.post(change_url(meeting), data)
    assert response.status_code == 302, errors_on(response)
    meeting.refresh_from_db()
    assert (meeting.board.slug, meeting.date) == ("yjpb", datetime.date(2027, 1, 5))


@pytest.mark.parametrize("change", ["board", "date"])
def test_the_meeting_itself_refuses_to_move_once_published(meeting, other_board, change):
    meeting.papers_published_at = timezone.now()
    meeting.save(update_fields=["papers_published_at"])
    if change == "board":
        meeting.board = other_board
    else:
        meeting.date = datetime.date(2027, 1, 5)
    with pytest.raises(ValidationError) as refused:
        meeting.full_clean()
    assert refused.value.messages == [
        "The papers for the meeting on 17 December 2026 have been published, so its board and "
        "date cannot change: the papers say whose meeting it is and when, and who may read "
        "them. Add another meeting instead."
    ]
    meeting.refresh_from_db()
    meeting.venue = "Room 2"
    meeting.full_clean()  # anything else may change


def agenda(data: dict[str, str]) -> list[tuple]:
    return list(
        AgendaItem.objects.order_by("number").values_list(
            "number", "title", "part", "exempt_paragraph", "is_performance_report"
        )
    )


AS_IT_WAS = [(1, "Apologies", "1", None, False), (2, "Report", "1", None, True),
             (3, "AOB", "1", None, False)]  # fmt: skip


def row(data: dict[str, str], index: int, **fields) -> None:
    for name, value in fields.items():
        key = f"agenda_items-{index}-{name}"
        if value is None:
            data.pop(key, None)
        else:
            data[key] = str(value)


def test_swapping_numbers_and_moving_the_report_in_one_save(admin_client, meeting):
    data = shown_form(admin_client, change_url(meeting))
    row(data, 0, number=2, is_performance_report="on")  # Apologies
    row(data, 1, number=1, is_performance_report=None)  # Report
    row(data, 2, DELETE="on")  # AOB goes...
    row(data, 3, number=3, title="Any other business")  # ...and a new item takes its number
    response = admin_client.post(change_url(meeting), data)
    assert response.status_code == 302, errors_on(response)
    assert agenda(data) == [
        (1, "Report", "1", None, False),
        (2, "Apologies", "1", None, True),
        (3, "Any other business", "1", None, False),
    ]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"number": 0}, "The item's number must be 1 or more"),
        ({"number": 1000}, "The item's number must be 999 or less"),
        ({"number": 2}, "Two agenda items are numbered 2: give each item its own number"),
        (
            {"is_performance_report": "on"},
            "Only one item can be the performance report: it is ticked on items 1 and 2",
        ),
        (
            {"part": "2"},
            "A Part 2 item is taken in private: choose the paragraph of Schedule 12A that makes "
            "it exempt",
        ),
        ({"part": "2", "exempt_paragraph": "9"},
         "Choose the paragraph of Schedule 12A from the list, 1 to 7"),
    ],
)  # fmt: skip
def test_the_agenda_is_checked_as_the_apps_form_checks_it(admin_client, meeting, fields, message):
    data = shown_form(admin_client, change_url(meeting))
    row(data, 0, **fields)  # Apologies
    response = admin_client.post(change_url(meeting), data)
    assert response.status_code == 200
    assert message in errors_on(response)
    assert "Constraint" not in response.content.decode()
    assert agenda(data) == AS_IT_WAS


def test_agenda_items_are_changed_on_their_meetings_page(admin_client, meeting):
    first = meeting.agenda_items.get(number=1)
    change = reverse("admin:boards_agendaitem_change", args=[first.pk])
    assert admin_client.get(change).status_code == 200
    assert admin_client.post(change, {"number": 0, "title": "X", "part": "1"}).status_code == 403
    assert admin_client.get(reverse("admin:boards_agendaitem_add")).status_code == 403
    assert agenda({}) == AS_IT_WAS
