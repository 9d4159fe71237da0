"""/boards/mine/: the boards I sit on, their next meetings and papers, and an email
subscription per board; and where people land after signing in."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from boards.models import AgendaItem, Board, BoardMembership, Meeting
from tests import users
from tests.boards.pages import text_of

TODAY = datetime.date(2026, 11, 29)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("boards.views._today", lambda: TODAY)


def board(slug: str, name: str, **fields) -> Board:
    fields.setdefault("nature", "committee")
    return Board.objects.create(slug=slug, short_name=slug.upper(), name=name, **fields)


@pytest.fixture
def boards(db):
    cpb = board("cpb", "Corporate Parenting Board")
    scrutiny = board("cs-os", "Children's Services Overview & Scrutiny", meets_in_public=True)
    board("cslt", "Children's Services Leadership Team", nature="internal")
    published = timezone.make_aware(datetime.datetime(2026, 12, 10, 9, 0))
    for day, papers in [
        ("2026-10-15", None),  # past: not among the next meetings
        ("2026-12-17", published),  # published late: 17 Dec needs papers by 9 Dec
        ("2027-02-18", None),
        ("2027-04-15", None),
        ("2027-06-17", None),  # a fourth: only the next three are listed
    ]:
        meeting = Meeting.objects.create(board=cpb, date=day, papers_published_at=papers)
        AgendaItem.objects.create(
            meeting=meeting, number=1, title="Report", part="2", exempt_paragraph=1,
            is_performance_report=True,
        )  # fmt: skip
    Meeting.objects.create(board=scrutiny, date="2026-12-03")  # papers due by 25 November
    return {"cpb": cpb, "cs-os": scrutiny}


@pytest.fixture
def sitting_member(boards, member):
    for slug in ("cs-os", "cpb"):
        BoardMembership.objects.create(board=boards[slug], user=member)
    return member


def test_lists_my_boards_by_name_with_their_next_meetings(client, sitting_member):
    client.force_login(sitting_member)
    page = client.get(reverse("boards:mine"))
    text = text_of(page)
    assert text.index("Children's Services Overview & Scrutiny") < text.index(
        "Corporate Parenting Board"
    )
    assert "Children's Services Leadership Team" not in text
    cpb = text[text.index("Corporate Parenting Board") :]
    assert (
        "Thursday 17 December 2026 Wednesday 9 December 2026 Late Published 10 December 2026 "
        "View papers for the CPB meeting on 17 December 2026"
    ) in cpb
    assert "Thursday 18 February 2027 Wednesday 10 February 2027 Due View papers" in cpb
    assert "15 April 2027" in cpb
    assert "17 June 2027" not in cpb  # only the next three
    assert "15 October 2026" not in cpb  # held already
    scrutiny = text[: text.index("Corporate Parenting Board")]
    assert "Thursday 3 December 2026 Wednesday 25 November 2026 Overdue" in scrutiny
    html = page.content.decode()
    assert 'href="/boards/cpb/meetings/2026-12-17/"' in html
    # Each link opens the meeting's papers for this member (Part 2, and they sit on the board).
    assert client.get("/boards/cpb/meetings/2026-12-17/").status_code == 200


def test_shows_whether_i_am_emailed(client, sitting_member):
    BoardMembership.objects.filter(board__slug="cs-os").update(subscribed=False)
    client.force_login(sitting_member)
    text = text_of(client.get(reverse("boards:mine")))
    scrutiny, cpb = text.split("Corporate Parenting Board", 1)
    assert "Emails: off" in scrutiny and "Email me when papers are published" in scrutiny
    assert "Emails: on" in cpb and "Stop emails" in cpb


def test_someone_on_no_board_is_told_so(client, boards, member):
    client.force_login(member)
    text = text_of(client.get(reverse("boards:mine")))
    assert "You do not sit on any board in this service" in text


@pytest.mark.parametrize("role", [roles.OFFICER, roles.MANAGER, roles.ADMINISTRATOR])
def test_officers_and_managers_see_their_own_memberships(client, boards, role):
    person = users.make_user("person", role)
    BoardMembership.objects.create(board=Board.objects.get(slug="cslt"), user=person)
    client.force_login(person)
    text = text_of(client.get(reverse("boards:mine")))
    assert "Children's Services Leadership Team" in text
    assert "Corporate Parenting Board" not in text


def test_someone_with_no_role_may_not_open_it(client, boards, outsider):
    BoardMembership.objects.create(board=boards["cpb"], user=outsider)
    client.force_login(outsider)
    assert client.get(reverse("boards:mine")).status_code == 403
    url = reverse("boards:subscription", args=["cpb"])
    assert client.post(url, {"subscribed": "no"}).status_code == 403
    assert BoardMembership.objects.get(user=outsider).subscribed


def subscribe(client, slug: str, answer: str):
    return client.post(reverse("boards:subscription", args=[slug]), {"subscribed": answer})


def test_turning_emails_off_and_on(client, sitting_member):
    client.force_login(sitting_member)
    response = subscribe(client, "cpb", "no")
    assert response.status_code == 302
    assert response["Location"] == "/boards/mine/#board-cpb"
    membership = BoardMembership.objects.get(board__slug="cpb", user=sitting_member)
    assert not membership.subscribed
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "You will no longer be emailed when the Corporate Parenting Board publishes papers."
    ]
    # The other board is untouched.
    assert BoardMembership.objects.get(board__slug="cs-os", user=sitting_member).subscribed

    client.get(response["Location"])  # the message is shown, and so used up
    response = subscribe(client, "cpb", "yes")
    membership.refresh_from_db()
    assert membership.subscribed
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "You will be emailed when the Corporate Parenting Board publishes papers."
    ]


def test_the_message_shows_on_the_page(client, sitting_member):
    client.force_login(sitting_member)
    page = client.post(
        reverse("boards:subscription", args=["cpb"]), {"subscribed": "no"}, follow=True
    )
    assert "Success You will no longer be emailed" in text_of(page)
    assert "Emails: off" in text_of(page)


def test_only_my_own_membership_changes(client, sitting_member, boards):
    client.force_login(sitting_member)
    assert subscribe(client, "cslt", "no").status_code == 404  # not my board
    other = users.manager()
    BoardMembership.objects.create(board=boards["cpb"], user=other)
    subscribe(client, "cpb", "no")
    assert BoardMembership.objects.get(user=other).subscribed


def test_it_changes_only_by_post_with_the_csrf_token(sitting_member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(sitting_member)
    assert client.get(reverse("boards:subscription", args=["cpb"])).status_code == 405
    assert subscribe(client, "cpb", "no").status_code == 403
    assert BoardMembership.objects.get(board__slug="cpb", user=sitting_member).subscribed


def test_query_count_does_not_grow_with_boards_or_meetings(
    client, sitting_member, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(sitting_member)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("boards:mine"))
    for n in range(8):
        more = board(f"b{n}", f"Board {n}")
        BoardMembership.objects.create(board=more, user=sitting_member)
        for weeks in range(-4, 12):
            Meeting.objects.create(board=more, date=TODAY + datetime.timedelta(weeks=weeks))
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(reverse("boards:mine"))
    assert len(page.context["boards"]) == 10
