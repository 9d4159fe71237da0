"""/boards/ and /boards/<slug>/: what each board receives and how often; the list's order and
next meetings."""

import datetime
import html as htmllib
import re

import pytest
from django.urls import reverse

from boards.models import AgendaItem, Board, Meeting
from tests import users

TODAY = datetime.date(2026, 11, 29)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("boards.views._today", lambda: TODAY)


def test_lists_every_board_with_what_it_receives(manager_client, seeded):
    html = manager_client.get(reverse("boards:list")).content.decode()
    for board in Board.objects.all():
        assert f'href="{board.get_absolute_url()}">{board.name}' in htmllib.unescape(html)
    cpb_row = html[html.index('href="/boards/cpb/"') :]
    cpb_row = cpb_row[: cpb_row.index("</tr>")]
    assert re.findall(r'numeric">(\d+)</td>', cpb_row) == ["7", "4"]


def test_boards_are_listed_by_full_name(manager_client, seeded):
    boards = list(manager_client.get(reverse("boards:list")).context["boards"])
    names = [board.name for board in boards]
    assert names == sorted(names, key=str.lower)
    assert names[:3] == [
        "Adult Safeguarding Board",
        "Children and Young People's Partnership",
        "Children's Services Leadership Team",
    ]


def test_the_next_meeting_of_each_board_links_to_it(client, seeded):
    scrutiny = Board.objects.get(slug="cs-os")
    Meeting.objects.create(board=scrutiny, date=datetime.date(2026, 11, 20))  # past
    Meeting.objects.create(board=scrutiny, date=datetime.date(2027, 1, 18))
    Meeting.objects.create(board=scrutiny, date=datetime.date(2026, 12, 14))
    client.force_login(users.member())
    html = client.get(reverse("boards:list")).content.decode()
    row = html[html.index('href="/boards/cs-os/"') :]
    row = row[: row.index("</tr>")]
    assert 'href="/boards/cs-os/meetings/2026-12-14/">14 December 2026' in row


def test_the_list_shows_no_next_meeting_a_person_may_not_open(client, seeded):
    internal = Board.objects.get(slug="cslt")
    Meeting.objects.create(board=internal, date=datetime.date(2026, 12, 15))
    exempt = Meeting.objects.create(board=Board.objects.get(slug="cs-os"), date=TODAY)
    AgendaItem.objects.create(
        meeting=exempt, number=1, title="Report", part="2", exempt_paragraph=1,
        is_performance_report=True,
    )  # fmt: skip
    client.force_login(users.member())
    html = client.get(reverse("boards:list")).content.decode()
    assert "/meetings/" not in html
    assert html.count("None listed") == Board.objects.count()
    client.force_login(users.manager())
    html = client.get(reverse("boards:list")).content.decode()
    assert 'href="/boards/cslt/meetings/2026-12-15/"' in html
    assert 'href="/boards/cs-os/meetings/2026-11-29/"' in html


def test_what_the_corporate_parenting_board_receives_and_how_often(manager_client, seeded):
    html = manager_client.get(reverse("boards:detail", args=["cpb"])).content.decode()
    html = html[html.index("KPIs it receives") :]
    pep = html[html.index("% Eligible LAC with a Recent PEP") :][:800]
    assert "Quarterly" in pep
    scorecard = html[html.index("Adoption scorecard") :][:800]
    assert "Twice a year" in scorecard
    assert "Pledge Survey for children in care and care leavers" in html
    assert "Not stated" in html


def test_dated_history_is_shown(manager_client, seeded):
    html = manager_client.get(reverse("boards:detail", args=["cs-os"])).content.decode()
    received = html[html.index("KPIs it receives") :]
    assert received.count("22 September 2015") == 5
    assert received.count("21 July 2015") == 4
    # The same occasions are the board's past meetings.
    meetings = html[html.index("Past meetings") : html.index("KPIs it receives")]
    assert meetings.count(">22 September 2015</a>") == 1


def test_a_board_that_receives_nothing_says_so(manager_client, seeded):
    html = manager_client.get(reverse("boards:detail", args=["cypp"])).content.decode()
    assert "No KPIs are recorded as reported to this board." in html
    assert "No other monitoring is recorded as reported to this board." in html


def test_links_to_the_findings_behind_a_board(manager_client, seeded):
    html = manager_client.get(reverse("boards:detail", args=["hwbb"])).content.decode()
    assert 'href="/findings/?board=hwbb"' in html


def test_unknown_board_is_not_found(manager_client, seeded):
    assert manager_client.get(reverse("boards:detail", args=["nope"])).status_code == 404


def test_query_count_is_flat(manager_client, seeded, django_assert_max_num_queries):
    with django_assert_max_num_queries(15) as small:
        manager_client.get(reverse("boards:detail", args=["cslt"]))
    with django_assert_max_num_queries(len(small.captured_queries)):
        manager_client.get(reverse("boards:detail", args=["cpb"]))


def test_the_list_runs_as_many_queries_with_many_meetings_as_with_none(
    client, seeded, django_assert_num_queries
):
    client.force_login(users.member())
    with django_assert_num_queries(5) as none:
        client.get(reverse("boards:list"))
    for board in Board.objects.all():
        for weeks in range(-10, 20):
            Meeting.objects.create(board=board, date=TODAY + datetime.timedelta(weeks=weeks))
    with django_assert_num_queries(len(none.captured_queries)):
        client.get(reverse("boards:list"))
