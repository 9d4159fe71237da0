"""The plan's pages run as many queries with a handful of actions as with a hundred, each with
many updates, KPIs, documents, meetings and challenges: a page that grows is an N+1 waiting to
happen. Pinned for a manager and for a member (who reads through the visibility rules)."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from boards.models import Board, BoardMembership, Meeting
from findings.models import Finding
from kpis.models import Kpi
from recommendations.models import Action, Challenge, EvidenceDocument, Recommendation
from tests.kpis.pages import add_value
from tests.recommendations.factories import write_update
from tests.users import make_user

# The most queries each page may run, at any size.
CEILINGS = {
    "tracker": 14,
    "recommendation": 12,
    "action": 17,
    "mine": 9,
    "board": 16,
    "finding": 16,
    "readiness": 17,
}


def urls(action: Action) -> dict[str, str]:
    return {
        "tracker": reverse("recommendations:tracker"),
        "recommendation": action.recommendation.get_absolute_url(),
        "action": action.get_absolute_url(),
        "mine": reverse("actions:mine"),
        "board": reverse("boards:detail", args=["cpb"]),
        # The area for improvement the grown actions go to first.
        "finding": Finding.objects.filter(kind="improvement").first().get_absolute_url(),
        "readiness": reverse("dashboard:readiness"),
    }


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def grow(action: Action, person, *, actions: int, updates: int) -> None:
    """More of everything the pages show: actions of every kind owned by `person`, led by the
    CPB, with updates linking KPIs, meetings and documents, and members' challenges."""
    cpb = Board.objects.get(slug="cpb")
    first = datetime.date(2026, 1, 5) + datetime.timedelta(weeks=4 * Meeting.objects.count())
    meetings = [
        Meeting.objects.create(board=cpb, date=first + datetime.timedelta(weeks=n))
        for n in range(4)
    ]
    kpis = list(Kpi.objects.filter(status="live").order_by("code")[:6])
    for kpi in kpis:
        for period, value in (("2026-06", 50), ("2026-10", 60)):
            if not kpi.values.filter(period__startswith=period).exists():
                add_value(kpi, period, value, "approved")
    recommendations = itertools.cycle(Recommendation.objects.all())
    findings = itertools.cycle(Finding.objects.filter(kind="improvement"))
    for n in range(actions):
        kind = n % 3
        fields = {"recommendation": next(recommendations)} if kind == 0 else (
            {"finding": next(findings)} if kind == 1 else {
                "challenge": Challenge.objects.create(
                    meeting=meetings[n % 4], member=person, question=f"Question {n}"
                )
            }
        )  # fmt: skip
        made = Action.objects.create(
            title=f"Step {n}", owner=person, lead_board=cpb, progress="at-risk",
            due_date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n * 7), **fields,
        )  # fmt: skip
        made.audit_entries.create(summary="Added", by=person)
        write_update(made, person, meeting=meetings[n % 4])
    for n in range(updates):
        update = write_update(action, person, meeting=meetings[n % 4],
                              ago=datetime.timedelta(hours=n))  # fmt: skip
        update.kpis.set(kpis[: 1 + n % len(kpis)])
        EvidenceDocument.objects.create(
            update=update, original_name=f"doc{n}.pdf", kind="pdf", sha256="0" * 64, size=1,
            file_name="evidence/00/0.pdf", uploaded_by=person,
        )  # fmt: skip
        action.audit_entries.create(summary=f"Change {n}", by=person)


@pytest.mark.parametrize("role", ["Manager", "Member"])
def test_query_counts_do_not_grow_with_actions_updates_or_evidence(client, seeded, role):
    person = make_user("person", role)
    BoardMembership.objects.create(board=Board.objects.get(slug="cpb"), user=person)
    action = Action.objects.create(
        recommendation=Recommendation.objects.get(number=5), title="Draw the framework",
        owner=person, lead_board=Board.objects.get(slug="cpb"), status="in-progress",
        started_at=datetime.datetime(2026, 8, 1, tzinfo=datetime.UTC),
    )  # fmt: skip
    grow(action, person, actions=2, updates=1)
    client.force_login(person)
    pages = urls(action)
    small = {name: count(client, url) for name, url in pages.items()}

    grow(action, person, actions=90, updates=30)
    assert Action.objects.count() > 90
    large = {name: count(client, url) for name, url in pages.items()}

    assert {n: (small[n], large[n]) for n in pages if small[n] != large[n]} == {}, (
        "query counts grew with the data: (small, large)"
    )
    assert {n: small[n] for n in pages if small[n] > CEILINGS[n]} == {}
