"""The meeting page with its pack: the draft in HTML for the people who prepare it, and for
everyone who may open the meeting the published versions with their hashes and downloads. Its
queries do not grow with the number of KPIs."""

import datetime
import random
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from boards.models import Meeting
from kpis.models import Kpi, KpiValue, Target
from kpis.periods import Period
from packs.services import publish_pack
from tests.kpis.pages import page, section
from tests.packs.factories import (
    RED_COMMENTARY,
    build_council,
    fetched,
    make_board,
    make_meeting,
    member_of,
    publish_bytes,
    receives,
)

MEETING = reverse("boards:meeting", args=["cpb", "2026-12-08"])


@pytest.fixture
def council(officer, manager):
    return build_council(officer, manager)


def test_officers_see_the_draft_pack_below_the_meeting(client, council, officer):
    client.force_login(officer)
    text = page(client.get(MEETING))
    assert "Meeting on 8 December 2026" in text
    assert text.index('id="pack"') > text.index("Agenda")
    assert "The pack as it would be published now: approved values as at October 2026" in text
    scorecard = section(text, "scorecard")
    for code in ("CIC-VISITS", "PEP", "CARE-LEAVERS-EET", "MISSING-EPISODES"):
        assert code in scorecard
    assert "WF-AGENCY" not in text
    assert RED_COMMENTARY in section(text, "exceptions")
    assert "<svg" in text and 'role="img"' in text
    assert "Publish the pack" in text


def test_members_see_no_draft_only_that_the_pack_is_not_published_yet(client, council, member):
    member_of(council["board"], member)
    client.force_login(member)
    text = page(client.get(MEETING))
    assert "The report pack for this meeting has not been published yet." in text
    assert 'id="scorecard"' not in text and "78.5%" not in text
    assert "Publish the pack" not in text and "draft" not in text.lower()


def test_everyone_who_may_open_the_meeting_sees_every_version_with_its_hash(
    client, council, officer, member
):
    member_of(council["board"], member)
    meeting = fetched(council["meeting"])
    first = publish_pack(meeting=meeting, user=officer)
    second = publish_pack(meeting=meeting, user=officer, reason="PEP for October corrected")
    client.force_login(member)
    text = page(client.get(MEETING))

    versions = section(text, "pack")
    assert "Download the report pack" in versions and "version 2, revised" in versions
    assert reverse("boards:pack_pdf", args=["cpb", "2026-12-08"]) in versions
    for version in (first, second):
        assert version.get_absolute_url() in versions
        assert f"<code>{version.sha256[:12]}</code>" in versions
        assert version.sha256 in versions
    assert "PEP for October corrected" in versions and "First publication" in versions
    assert versions.count("by Officer Tester") == 2
    assert f"{timezone.localtime(second.published_at):%-d %B %Y}" in versions
    assert 'id="scorecard"' not in text


def test_the_meeting_says_when_the_papers_were_published(client, council, officer):
    meeting = fetched(council["meeting"])
    at = timezone.make_aware(datetime.datetime(2026, 11, 30, 9, 30))
    publish_pack(meeting=meeting, user=officer, at=at, notify=False)
    client.force_login(officer)
    text = page(client.get(MEETING))
    assert "On time" in text and "Published 30 November 2026, 9:30 a.m." in text


def board_with_kpis(count: int, officer) -> None:
    """A board receiving `count` monthly KPIs with 24 months of approved values each."""
    board = make_board("big")
    make_meeting(board)
    rng = random.Random(count)
    kpis = Kpi.objects.bulk_create(
        Kpi(code=f"BIG-{n:02d}", title=f"Big KPI {n}", status="live", polarity="higher")
        for n in range(count)
    )
    receives(board, *kpis)
    end = Period(2026, 10)
    KpiValue.objects.bulk_create(
        KpiValue(
            kpi=kpi,
            period=end.shift(-months).first_day,
            value=Decimal(str(round(rng.uniform(60, 100), 1))),
            numerator=None,
            status="approved",
            commentary="Below target: being reviewed." if n % 3 == 0 else "",
            entered_by=officer,
        )
        for n, kpi in enumerate(kpis)
        for months in range(24)
    )
    Target.objects.bulk_create(
        Target(kpi=kpi, financial_year=year, target=85, amber_threshold=80, set_at=timezone.now())
        for kpi in kpis
        for year in (2024, 2025, 2026)
    )


# The page's queries: the session, the user and their roles; the meeting with its board and
# agenda; the members' challenges put at it; the pack's versions and builds; and the pack
# itself (its KPIs, previous meeting, values, targets, comparators, status at the previous
# cut-off, findings, recommendations, matters arising).
OFFICER_QUERIES = 17
MEMBER_QUERIES = 10


@pytest.mark.parametrize("count", [5, 30])
def test_the_officers_page_takes_the_same_queries_for_5_or_30_kpis(
    client, officer, django_assert_max_num_queries, count
):
    board_with_kpis(count, officer)
    client.force_login(officer)
    path = reverse("boards:meeting", args=["big", "2026-12-08"])
    with django_assert_max_num_queries(OFFICER_QUERIES):
        text = page(client.get(path))
    assert text.count('class="app-pack-chart"') == count


@pytest.mark.parametrize("count", [5, 30])
def test_a_members_page_takes_the_same_queries_for_5_or_30_kpis(
    client, officer, member, django_assert_max_num_queries, count
):
    board_with_kpis(count, officer)
    meeting = Meeting.objects.get(board__slug="big")
    for number in (1, 2):
        publish_bytes(meeting, number, "1", f"%PDF-1.7 version {number}".encode())
    member_of(meeting.board, member)
    client.force_login(member)
    with django_assert_max_num_queries(MEMBER_QUERIES):
        text = page(client.get(meeting.get_absolute_url()))
    assert text.count("pack-v") >= 2
