"""Which values are due, missing, draft, submitted and approved, period by period."""

import datetime
from dataclasses import dataclass

from django.conf import settings

from kpis.choices import Status
from kpis.models import KpiQuerySet, KpiValue
from kpis.periods import Period
from wokingham_cs.working_days import is_working_day, nth_working_day


def opens_on(period: Period) -> datetime.date:
    """The first day values may be entered for a period: the day after it ends, or, where the
    council reports on the last working day (RETURNS_OPEN_ON_LAST_WORKING_DAY), that day."""
    following = period.next().first_day
    if not settings.RETURNS_OPEN_ON_LAST_WORKING_DAY:
        return following
    day = following - datetime.timedelta(days=1)
    while not is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def is_open(period: Period, today: datetime.date) -> bool:
    return today >= opens_on(period)


def latest_open(today: datetime.date) -> Period:
    """The newest period that accepts values today."""
    period = Period.from_date(today)
    while not is_open(period, today):
        period = period.previous()
    return period


def deadline(period: Period) -> datetime.date:
    """Returns are overdue after the configured working day of the month after the period."""
    following = period.next()
    return nth_working_day(following.year, following.month, settings.RETURN_DEADLINE_WORKING_DAY)


@dataclass
class PeriodStatus:
    period: Period
    due: int
    draft: int
    submitted: int
    approved: int
    deadline: datetime.date
    overdue: bool

    @property
    def missing(self) -> int:
        return self.due - self.draft - self.submitted - self.approved


def collection_status(
    kpis: KpiQuerySet, periods: list[Period], today: datetime.date
) -> list[PeriodStatus]:
    """One row per period, counting only the KPIs due in it (Kpi.objects.due_ids, the one rule
    for what is due); two queries for all periods."""
    due = kpis.due_ids(periods)
    counts: dict[tuple[Period, str], int] = {}
    stored = KpiValue.objects.filter(
        kpi__in=kpis.values("pk"), period__in=[period.first_day for period in periods]
    ).values_list("kpi_id", "period", "status")
    for kpi_id, day, status in stored:
        period = Period.from_date(day)
        if kpi_id in due[period]:
            counts[(period, status)] = counts.get((period, status), 0) + 1
    statuses = []
    for period in periods:
        status = PeriodStatus(
            period=period,
            due=len(due[period]),
            draft=counts.get((period, Status.DRAFT), 0),
            submitted=counts.get((period, Status.SUBMITTED), 0),
            approved=counts.get((period, Status.APPROVED), 0),
            deadline=deadline(period),
            overdue=False,
        )
        status.overdue = today > status.deadline and (status.missing + status.draft) > 0
        statuses.append(status)
    return statuses
