"""The timelines of actions and recommendations, as plain data for the pages: progress updates
and audit entries in one list, newest first, leaving out updates discussed at a meeting whose
papers the reader may not open; and beside each update, the approved values of the KPIs it
links, before the action started and now (kpis' approved-only reads)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, OuterRef, Q

from boards.models import Meeting, sees_every_paper
from kpis.choices import Status
from kpis.formatting import kpi_value
from kpis.models import Kpi
from kpis.periods import Period
from kpis.rag import Direction, Rag, direction
from recommendations.models import AuditEntry, ProgressUpdate

APPROVED = (Status.APPROVED,)


@dataclass(frozen=True)
class Position:
    """A KPI's latest approved value up to some period."""

    period: Period
    number: Decimal | None
    value: str
    rag: Rag


@dataclass(frozen=True)
class KpiTrend:
    kpi: Kpi
    before: Position | None
    now: Position | None
    since: datetime.date

    @property
    def direction(self) -> Direction:
        if self.before is None or self.now is None:
            return Direction.NOT_COMPARABLE
        return direction(self.now.number, self.before.number, self.kpi.polarity)


def _position(kpi: Kpi) -> Position | None:
    if kpi.latest_period is None:
        return None
    return Position(
        period=Period.from_date(kpi.latest_period),
        number=kpi.latest_value,
        value=kpi_value(kpi.latest_value, kpi.unit),
        rag=kpi.latest_rag,
    )


def kpi_trends(kpi_ids: Iterable[int], since: datetime.date) -> dict[int, KpiTrend]:
    """Each KPI's latest approved value for a period that ended before `since` (the month
    before it), and its latest approved value now. Two queries, however many KPIs."""
    ids = sorted(set(kpi_ids))
    if not ids:
        return {}
    before_period = Period.from_date(since).previous()
    kpis = Kpi.objects.filter(pk__in=ids).order_by("code")
    now = {kpi.pk: kpi for kpi in kpis.with_latest(statuses=APPROVED)}
    before = {kpi.pk: kpi for kpi in kpis.with_latest(statuses=APPROVED, as_at=before_period)}
    return {
        pk: KpiTrend(
            kpi=kpi,
            before=_position(before[pk]),
            now=_position(kpi),
            since=since,
        )
        for pk, kpi in now.items()
    }


def hidden_update_ids(user: AbstractBaseUser) -> set[int]:
    """The updates this person may not read: those discussed at a meeting whose papers they may
    not open (its Part 2 business, an internal board's), and every entry correcting one of
    them, however many corrections deep (a correction may repeat what it corrects)."""
    if sees_every_paper(user):
        return set()
    # In one query: the updates discussed at a meeting, whether this person may open its
    # papers, and the corrections (few), each with the update it corrects.
    rows = (
        ProgressUpdate.objects.filter(Q(meeting__isnull=False) | Q(corrects__isnull=False))
        .annotate(
            open=Exists(Meeting.objects.papers_visible_to(user).filter(pk=OuterRef("meeting_id")))
        )
        .values_list("pk", "meeting_id", "corrects_id", "open")
    )
    hidden, corrects = set(), {}
    for pk, meeting_id, corrects_id, is_open in rows:
        if meeting_id and not is_open:
            hidden.add(pk)
        if corrects_id:
            corrects[pk] = corrects_id
    for pk in corrects:
        chain, at = [], pk
        while at in corrects and at not in hidden:
            chain.append(at)
            at = corrects[at]
        if at in hidden:
            hidden.update(chain)
    return hidden


def readable_updates(
    updates: Iterable[ProgressUpdate], user: AbstractBaseUser, hidden: set[int] | None = None
) -> list[ProgressUpdate]:
    """The updates this person may read (see hidden_update_ids, which may be given if already
    known), evidence and all: nothing hints at papers they may not see."""
    updates = list(updates)
    if hidden is None:
        if not any(u.meeting_id or u.corrects_id for u in updates):
            return updates
        hidden = hidden_update_ids(user)
    return [u for u in updates if u.pk not in hidden]


@dataclass(frozen=True)
class TimelineItem:
    at: datetime.datetime
    update: ProgressUpdate | None = None
    entry: AuditEntry | None = None


def timeline(updates: Iterable[ProgressUpdate], entries: Iterable[AuditEntry]) -> list:
    """Updates and audit entries together, newest first."""
    items = [TimelineItem(at=u.written_at, update=u) for u in updates]
    items += [TimelineItem(at=e.at, entry=e) for e in entries]
    return sorted(items, key=lambda item: item.at, reverse=True)
