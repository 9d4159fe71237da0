"""/recommendations/: every recommendation with its lead board, owner and status, then every
action, overdue first, with who owns it; filtered by source, owner, board, status, progress and
overdue; sorted; paginated; downloaded as CSV or Excel."""

import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from boards.models import Board
from findings.models import Finding, Inspection, SourceDocument
from recommendations.models import Action, Recommendation
from tests.kpis.pages import page
from tests.recommendations.factories import make_action
from tests.users import make_user

TRACKER = reverse("recommendations:tracker")
TODAY = timezone.localdate()


def rows(html: str) -> list[str]:
    """The actions table's rows, as text."""
    table = html[html.index('aria-label="Actions"') :]
    body = table[table.index("<tbody") : table.index("</tbody>")]
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()
        for row in re.findall(r"<tr.*?</tr>", body, re.S)
    ]


@pytest.fixture
def plan(seeded, officer, manager):
    """Beside the seed's three action-plan actions (no owner, no date): an overdue action of
    recommendation 5 owned by the officer, one due next month owned by the manager and led by
    the CSLT, and a closed one."""
    five = Recommendation.objects.get(number=5)
    return {
        "late": make_action(five, title="Draw the framework", owner=officer,
                            due_date=TODAY - datetime.timedelta(days=12), status="in-progress",
                            progress="off-track"),
        "soon": make_action(Recommendation.objects.get(number=1), title="Hold the workshop",
                            owner=manager, due_date=TODAY + datetime.timedelta(days=30),
                            lead_board=Board.objects.get(slug="cslt"), progress="on-track"),
        "done": make_action(five, title="Agree the terms", owner=officer, status="closed",
                            due_date=TODAY - datetime.timedelta(days=60)),
    }  # fmt: skip


def test_the_recommendations_with_their_lead_board_owner_and_status(manager_client, plan):
    html = page(manager_client.get(TRACKER))
    recommendations = html[html.index('id="recommendations"') : html.index('id="actions"')]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", recommendations))
    assert text.count("Not named") == 8 + 8
    assert "5 Corporate parenting The Council's Corporate Parenting Board" in text.replace(
        "&#x27;", "'"
    )
    assert "CPB Not named In progress 2 1 overdue" in text
    assert "Director of Children's Services and Lead Member" in text.replace("&#x27;", "'")


def test_what_is_overdue_and_who_owns_it_comes_first(manager_client, plan):
    html = page(manager_client.get(TRACKER))
    assert "1 action is overdue" in html
    found = rows(html)
    assert found[0].startswith("Draw the framework For Recommendation 5: Corporate parenting")
    assert "Officer Tester" in found[0]
    assert "Overdue by 12 days" in found[0]
    assert "Off track" in found[0]
    unowned = [row for row in found if row.startswith("Ofsted action plan:")]
    assert len(unowned) == 3
    assert all("Owner not set None No due date Not started Not rated No" in r for r in unowned)
    assert "6 actions found." in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("overdue=yes", ["Draw the framework"]),
        ("overdue=no&status=in-progress", []),
        ("status=closed", ["Agree the terms"]),
        ("progress=on-track", ["Hold the workshop"]),
        ("progress=none&status=not-started", ["Ofsted action plan"] * 3),
        ("owner=none", ["Ofsted action plan"] * 3),
        ("board=cpb", ["Draw the framework", "Agree the terms"]),
        ("board=cslt", ["Hold the workshop"]),
        ("source=challenges", []),
    ],
)
def test_filters(manager_client, plan, query, expected):
    found = [row.split(" For ")[0] for row in rows(page(manager_client.get(f"{TRACKER}?{query}")))]
    if not expected:
        assert found == ["No action matches these filters."]
    else:
        assert [row[: len(name)] for row, name in zip(found, expected, strict=True)] == expected


def test_filters_by_owner_and_source(manager_client, plan, officer):
    by_owner = rows(page(manager_client.get(f"{TRACKER}?owner={officer.pk}")))
    assert [row.split(" For ")[0] for row in by_owner] == ["Draw the framework", "Agree the terms"]
    review = SourceDocument.objects.get(slug="leadership-review-2015")
    by_review = rows(page(manager_client.get(f"{TRACKER}?source=document-{review.pk}")))
    assert len(by_review) == 3
    inspection = Inspection.objects.get()
    by_inspection = rows(page(manager_client.get(f"{TRACKER}?source=inspection-{inspection.pk}")))
    assert len(by_inspection) == 3 and all(r.startswith("Ofsted") for r in by_inspection)


def test_sorting_by_due_date_and_owner(manager_client, plan):
    by_due = [
        r.split(" For ")[0] for r in rows(page(manager_client.get(f"{TRACKER}?sort=due_date")))
    ]
    assert by_due[:3] == ["Agree the terms", "Draw the framework", "Hold the workshop"]
    by_owner = [
        r.split(" For ")[0] for r in rows(page(manager_client.get(f"{TRACKER}?sort=-owner")))
    ]
    assert by_owner[0] == "Draw the framework" or by_owner[0] == "Agree the terms"
    assert by_owner.index("Hold the workshop") > by_owner.index("Agree the terms")


def labels_in_order(manager_client, query: str, labels: list[str]) -> list[str]:
    found = rows(page(manager_client.get(f"{TRACKER}?{query}")))
    return [next(label for label in labels if f" {label} " in f" {row} ") for row in found]


STATUSES = ["Not started", "In progress", "Complete", "Closed"]
RATINGS = ["Off track", "At risk", "On track", "Not rated"]


def ranked(labels: list[str], order: list[str]) -> bool:
    positions = [order.index(label) for label in labels]
    return positions == sorted(positions)


@pytest.mark.parametrize("query", ["sort=status", "sort=-status"])
def test_sorting_by_status_follows_the_steps_not_the_alphabet(manager_client, plan, query):
    found = labels_in_order(manager_client, query, STATUSES)
    assert set(found) == {"Not started", "In progress", "Closed"}
    assert ranked(found, STATUSES if query == "sort=status" else STATUSES[::-1])


@pytest.mark.parametrize("query", ["sort=progress", "sort=-progress"])
def test_sorting_by_progress_goes_from_off_track_to_on_track_and_not_rated_last(
    manager_client, plan, query
):
    found = labels_in_order(manager_client, query, RATINGS)
    assert found[-1] == "Not rated"
    rated = [label for label in found if label != "Not rated"]
    assert ranked(rated, RATINGS[:3] if query == "sort=progress" else RATINGS[2::-1])


@pytest.mark.parametrize("query", ["sort=lead_board", "sort=-lead_board"])
def test_actions_with_no_lead_board_come_last_either_way(manager_client, plan, query):
    found = rows(page(manager_client.get(f"{TRACKER}?{query}")))
    boards = [next((b for b in ("CPB", "CSLT") if f" {b} " in row), None) for row in found]
    named = [board for board in boards if board]
    assert boards == named + [None] * (len(boards) - len(named))
    assert named == ["CSLT"], found


def test_pages_of_fifty(manager_client, plan):
    finding = Finding.objects.filter(kind="improvement").first()
    Action.objects.bulk_create(
        Action(finding=finding, title=f"Step {n:02}", due_date=TODAY + datetime.timedelta(days=n))
        for n in range(60)
    )
    first = page(manager_client.get(TRACKER))
    assert "66 actions found." in first
    assert len(rows(first)) == 50
    assert len(rows(page(manager_client.get(f"{TRACKER}?page=2")))) == 16


def test_the_download_has_every_column_in_words_and_keeps_text_as_text(manager_client, plan):
    Action.objects.filter(pk=plan["soon"].pk).update(title='=HYPERLINK("http://evil")')
    response = manager_client.get(f"{TRACKER}?_export=csv&board=cslt")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="actions.csv"' in response["Content-Disposition"]
    table = list(csv.reader(io.StringIO(response.content.decode())))
    assert table[0] == ["Reference", "Source", "For", "What is to be done", "Owner", "Lead board",
                        "Due", "Status", "Progress", "Overdue", "Last update"]  # fmt: skip
    assert table[1] == [
        str(plan["soon"].pk),
        "Independent review of leadership and governance of Wokingham Borough Council's "
        "children's services",
        "Recommendation 1: Shared vision",
        '\'=HYPERLINK("http://evil")',
        "Manager Tester",
        "CSLT",
        (TODAY + datetime.timedelta(days=30)).isoformat(),
        "Not started",
        "On track",
        "Not overdue",
        "",
    ]
    assert len(table) == 2


def test_the_excel_download_holds_the_same_rows(manager_client, plan):
    response = manager_client.get(f"{TRACKER}?_export=xlsx&overdue=yes")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1][3] == "Draw the framework"
    assert values[1][9] == "Overdue by 12 days"
    assert len(values) == 2


def test_members_read_the_tracker_too(client, plan):
    client.force_login(make_user("councillor", "Member"))
    html = page(client.get(TRACKER))
    assert "Draw the framework" in html
    assert "6 actions found." in html
