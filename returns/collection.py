"""Which values are due, missing, draft, submitted and approved, period by period."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count

from kpis.models import Kpi, KpiValue
from kpis.periods import Period, is_due
from wokingham_cs.working_days import nth_working_day


def deadline(period: Period) -> datetime.date:
    """Returns are overdue after the configured working day of the month after the period."""
    following = period.next()
    return nth_working_day(following.year, following.month, settings.RETURN_DEADLINE_WORKING_DAY)


def live_from(kpi: Kpi) -> Period | None:
    """The first period a KPI is collected for: the month it went live, when that is recorded
    (KPIs loaded as live from the source documents have no date: always)."""
    if kpi.status == "live" and kpi.status_changed_at:
        return Period.from_date(kpi.status_changed_at.date())
    return None


def is_collected(kpi: Kpi, period: Period) -> bool:
    start = live_from(kpi)
    return is_due(kpi.frequency, period, kpi.due_month) and (start is None or period >= start)


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
    kpis: list[Kpi], periods: list[Period], today: datetime.date
) -> list[PeriodStatus]:
    """One row per period, counting only KPIs due in it; a single query for all periods."""
    counts: dict[tuple[datetime.date, str], int] = {}
    rows = (
        KpiValue.objects.filter(kpi__in=kpis, period__in=[p.first_day for p in periods])
        .values_list("period", "status", "kpi__frequency", "kpi__due_month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for day, status, frequency, due_month, number in rows:
        if is_due(frequency, Period.from_date(day), due_month):
            counts[(day, status)] = counts.get((day, status), 0) + number
    statuses = []
    for period in periods:
        day = period.first_day
        due = sum(1 for kpi in kpis if is_collected(kpi, period))
        status = PeriodStatus(
            period=period,
            due=due,
            draft=counts.get((day, "draft"), 0),
            submitted=counts.get((day, "submitted"), 0),
            approved=counts.get((day, "approved"), 0),
            deadline=deadline(period),
            overdue=False,
        )
        status.overdue = today > status.deadline and (status.missing + status.draft) > 0
        statuses.append(status)
    return statuses
