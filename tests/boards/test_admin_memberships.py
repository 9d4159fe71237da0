"""Board memberships in /admin/: a board's members read its private (Part 2) papers, so an
administrator may not give themself a seat, change it or take it away (as they may not change
their own roles), and every seat given or taken away is recorded with the role changes."""

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.urls import reverse

from accounts import roles
from accounts.models import RoleChange
from boards.models import Board, BoardMembership
from tests.boards.pages import form_fields, text_of
from tests.users import make_user

REFUSED = (
    "You cannot put yourself on a board, take yourself off one or change your own seat: a "
    "board's members read its private (Part 2) papers. Ask another administrator."
)
ADD = reverse("admin:boards_boardmembership_add")


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
def colleague(db):
    return make_user("colleague", roles.MEMBER)


def seats() -> list[tuple[str, str]]:
    return list(BoardMembership.objects.values_list("board__slug", "user__username"))


def recorded() -> list[tuple[str, str, str, str]]:
    return [
        (change.changed_by.username, change.person.username, change.kind, change.detail)
        for change in RoleChange.objects.order_by("pk")
    ]


def test_an_administrator_cannot_give_themself_a_seat(admin_client, administrator, cpb):
    response = admin_client.post(ADD, {"board": cpb.pk, "user": administrator.pk,
                                       "subscribed": "on"})  # fmt: skip
    assert response.status_code == 200
    assert REFUSED in text_of(response)
    assert seats() == []
    assert recorded() == []


def test_giving_someone_else_a_seat_is_recorded(admin_client, cpb, colleague):
    response = admin_client.post(ADD, {"board": cpb.pk, "user": colleague.pk})
    assert response.status_code == 302
    assert seats() == [("cpb", "colleague")]
    assert recorded() == [
        ("administrator", "colleague", "board-joined", "Corporate Parenting Board")
    ]
    entry = LogEntry.objects.get()
    assert (entry.user.username, entry.action_flag) == ("administrator", ADDITION)


def test_moving_a_seat_to_someone_else_is_recorded_as_both(
    admin_client, administrator, cpb, colleague
):
    seat = BoardMembership.objects.create(board=cpb, user=colleague)
    other = make_user("other", roles.MEMBER)
    change = reverse("admin:boards_boardmembership_change", args=[seat.pk])
    response = admin_client.post(change, {"board": cpb.pk, "user": other.pk})
    assert response.status_code == 302
    assert seats() == [("cpb", "other")]
    assert recorded() == [
        ("administrator", "colleague", "board-left", "Corporate Parenting Board"),
        ("administrator", "other", "board-joined", "Corporate Parenting Board"),
    ]
    # Moving it onto themself is refused like adding it.
    refused = admin_client.post(change, {"board": cpb.pk, "user": administrator.pk})
    assert REFUSED in text_of(refused)
    assert seats() == [("cpb", "other")]


def test_an_administrators_own_seat_is_read_only_to_them(admin_client, administrator, cpb):
    seat = BoardMembership.objects.create(board=cpb, user=administrator, subscribed=True)
    change = reverse("admin:boards_boardmembership_change", args=[seat.pk])
    page = admin_client.get(change)
    assert page.status_code == 200
    assert "subscribed" not in form_fields(page)  # shown, not offered
    assert admin_client.post(change, {"board": cpb.pk, "user": administrator.pk}).status_code == 403
    delete = reverse("admin:boards_boardmembership_delete", args=[seat.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    selected = admin_client.post(
        reverse("admin:boards_boardmembership_changelist"),
        {"action": "delete_selected", "_selected_action": [seat.pk], "post": "yes"},
    )
    assert selected.status_code == 403
    assert seats() == [("cpb", "administrator")]
    assert recorded() == []


def board_form(client, board: Board) -> dict[str, str]:
    fields = form_fields(client.get(reverse("admin:boards_board_change", args=[board.pk])))
    return {name: value for name, value in fields.items() if "__prefix__" not in name}


def test_on_the_boards_page_too(admin_client, administrator, cpb, colleague):
    url = reverse("admin:boards_board_change", args=[cpb.pk])
    data = board_form(admin_client, cpb)
    data["memberships-0-user"] = str(administrator.pk)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert REFUSED in text_of(response)
    assert seats() == []

    data["memberships-0-user"] = str(colleague.pk)
    assert admin_client.post(url, data).status_code == 302
    assert seats() == [("cpb", "colleague")]
    assert recorded() == [
        ("administrator", "colleague", "board-joined", "Corporate Parenting Board")
    ]


def test_nor_may_they_take_themself_off_on_the_boards_page(admin_client, administrator, cpb):
    BoardMembership.objects.create(board=cpb, user=administrator)
    url = reverse("admin:boards_board_change", args=[cpb.pk])
    data = board_form(admin_client, cpb)
    assert data["memberships-0-user"] == str(administrator.pk)
    saved_as_shown = admin_client.post(url, data)
    assert saved_as_shown.status_code == 302  # their seat, unchanged, does not stop a save
    data["memberships-0-DELETE"] = "on"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert REFUSED in text_of(response)
    assert seats() == [("cpb", "administrator")]
    assert recorded() == []
