"""/boards/timeliness/ and its download: how many meetings had their papers on time, late,
tabled on the day or not at all, by board and municipal year; for officers, managers and
members (it shows counts and dates, no papers)."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from boards.models import Board, Meeting
from tests import users
from tests.boards.pages import text_of

TODAY = datetime.date(2026, 11, 29)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("boards.views._today", lambda: TODAY)


def at(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(f"{day}T10:00"))


@pytest.fixture
def meetings(db):
    cpb = Board.objects.create(slug="cpb", short_name="CPB", name="Corporate Parenting Board",
                               nature="committee")  # fmt: skip
    cslt = Board.objects.create(slug="cslt", short_name="CSLT", name="Children's Leadership",
                                nature="internal", papers_deadline_days=2)  # fmt: skip
    for board, day, published in [
        (cpb, "2026-04-16", "2026-04-01"),  # 2025-26, on time
        (cpb, "2026-06-18", "2026-06-01"),  # on time
        (cpb, "2026-08-20", "2026-08-17"),  # late: only two clear days
        (cpb, "2026-10-15", "2026-10-15"),  # tabled on the day
        (cpb, "2026-11-19", None),  # held with no papers
        (cpb, "2026-12-17", None),  # still due: not counted
        (cslt, "2026-09-15", "2026-09-10"),  # three clear days: on time for CSLT's two
        (cslt, "2026-10-13", "2026-10-20"),  # after the meeting
    ]:
        Meeting.objects.create(
            board=board, date=day, papers_published_at=at(published) if published else None
        )


def test_counts_each_board_by_municipal_year_with_totals(client, meetings, member):
    client.force_login(member)
    page = client.get(reverse("boards:timeliness"))
    html = page.content.decode()
    text = text_of(page)
    assert (
        "Municipal year 2026-27 Board On time Late Tabled on the day Published after the meeting "
        "Not published Meetings counted On time"
    ) in text
    assert "Children's Leadership 1 0 0 1 0 2 50%" in text
    assert "Corporate Parenting Board 1 1 1 0 1 4 25%" in text
    assert "All boards 2 1 1 1 1 6 33%" in text
    assert "Municipal year 2025-26" in text
    assert "Corporate Parenting Board 1 0 0 0 0 1 100%" in text
    # Each board links to its meetings.
    assert 'href="/boards/cpb/#meetings"' in html
    # Newest year first.
    assert text.index("2026-27") < text.index("2025-26")


def test_the_download_has_the_same_table(client, meetings, officer):
    client.force_login(officer)
    response = client.get(reverse("boards:timeliness_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="papers-timeliness.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["Municipal year", "Board", "On time", "Late", "Tabled on the day",
         "Published after the meeting", "Not published", "Meetings counted", "On time (%)"],
        ["2026-27", "Children's Leadership", "1", "0", "0", "1", "0", "2", "50"],
        ["2026-27", "Corporate Parenting Board", "1", "1", "1", "0", "1", "4", "25"],
        ["2026-27", "All boards", "2", "1", "1", "1", "1", "6", "33"],
        ["2025-26", "Corporate Parenting Board", "1", "0", "0", "0", "0", "1", "100"],
        ["2025-26", "All boards", "1", "0", "0", "0", "0", "1", "100"],
    ]  # fmt: skip
    excel = client.get(reverse("boards:timeliness_xlsx"))
    assert excel.status_code == 200
    assert excel["Content-Type"].startswith("application/vnd.openxmlformats")


def test_with_no_meetings_it_says_there_is_nothing_to_count(client, db, manager):
    client.force_login(manager)
    page = client.get(reverse("boards:timeliness"))
    assert "No meeting has been held or had its papers published yet" in page.content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [("officer", 200), ("manager", 200), ("member", 200), ("outsider", 403)],
)
def test_who_may_see_it(client, meetings, who, status):
    client.force_login(getattr(users, who)())
    assert client.get(reverse("boards:timeliness")).status_code == status
    assert client.get(reverse("boards:timeliness_csv")).status_code == status


def test_an_administrator_alone_may_not(client, meetings):
    from accounts import roles

    client.force_login(users.make_user("admin", roles.ADMINISTRATOR))
    assert client.get(reverse("boards:timeliness")).status_code == 403


def test_the_boards_list_links_to_it_for_those_who_may_see_it(client, meetings):
    client.force_login(users.member())
    assert reverse("boards:timeliness") in client.get(reverse("boards:list")).content.decode()
    client.force_login(users.outsider())
    assert reverse("boards:timeliness") not in client.get(reverse("boards:list")).content.decode()


def test_query_count_does_not_grow_with_meetings(
    client, meetings, manager, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(manager)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("boards:timeliness"))
    board = Board.objects.get(slug="cslt")
    for n in range(60):
        Meeting.objects.create(
            board=board, date=datetime.date(2024, 1, 1) + datetime.timedelta(weeks=n)
        )
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("boards:timeliness"))
