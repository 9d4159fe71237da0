"""Each KPI's latest value, RAG, direction of travel and recent trend, for lists, dashboards
and board packs.

Three queries whatever the number of KPIs or the years of data: the KPIs (with their latest
value and target annotated, from Kpi.objects.with_latest()), the values of the two years up to
it for the trend and the comparisons, and the targets of those years. Which values count (all
reported, or approved only) and up to which period ("as at", for a pack's cut-off) are chosen
by the caller and passed the same to both.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from kpis.choices import REPORTED, Status
from kpis.figures import awaiting_approval
from kpis.models import Kpi, KpiValue, Target
from kpis.periods import Period, previous_due
from kpis.rag import Direction, Rag, direction, rag_status

TREND_POINTS = 12
WINDOW_MONTHS = 25  # the latest value, the one a year before it, and everything between


@dataclass(frozen=True)
class Reported:
    """The parts of a reported value that lists show. Read as plain tuples: lists touch
    thousands of values, and building model objects for them would dominate the page's time."""

    period: Period
    value: Decimal | None
    commentary: str
    provisional: bool
    revision: int
    is_demo: bool
    status: str
    figure_entered_by_id: int | None
    submitted_by_id: int | None

    @property
    def is_revised(self) -> bool:
        return self.revision > 1


REPORTED_FIELDS = ("kpi_id", "period", "value", "commentary", "provisional", "revision", "is_demo",
                   "status", "figure_entered_by_id", "submitted_by_id")  # fmt: skip


@dataclass(repr=False)
class ScoreRow:
    kpi: Kpi
    period: Period | None
    value: Decimal | None
    target: Decimal | None
    amber: Decimal | None
    rag: Rag
    previous_rag: Rag | None
    since_previous: Direction
    since_last_year: Direction
    latest: Reported | None = None
    trend: list[Decimal] = field(default_factory=list)
    # "Provisional: awaiting approval" when the latest figure shown is not approved yet.
    awaiting: str | None = None

    @property
    def moved(self) -> bool:
        """The status changed since the previous period (both periods rated)."""
        return (
            self.previous_rag is not None
            and self.previous_rag.is_rated
            and self.rag.is_rated
            and self.previous_rag != self.rag
        )


def score_rows(
    kpis: list[Kpi],
    *,
    statuses: tuple[Status, ...] = REPORTED,
    as_at: Period | None = None,
    approvers: frozenset[int] = frozenset(),
) -> list[ScoreRow]:
    """Rows for KPIs from Kpi.objects.with_latest(), in the order given. Pass the same
    `statuses` and `as_at` as to with_latest(); `approvers` (kpis.figures.approver_ids) says
    whether a submitted figure waits for a second manager."""
    latest_days = [kpi.latest_period for kpi in kpis if kpi.latest_period]
    values: dict[int, dict[Period, Reported]] = {kpi.pk: {} for kpi in kpis}
    targets: dict[tuple[int, int], tuple[Decimal, Decimal | None]] = {}
    if latest_days:
        start = Period.from_date(min(latest_days)).shift(-(WINDOW_MONTHS - 1))
        window = KpiValue.objects.filter(
            kpi__in=[kpi.pk for kpi in kpis if kpi.latest_period],
            status__in=statuses,
            period__gte=start.first_day,
        )
        if as_at is not None:
            window = window.filter(period__lte=as_at.first_day)
        for kpi_id, day, *rest in window.order_by("period").values_list(*REPORTED_FIELDS):
            period = Period.from_date(day)
            values[kpi_id][period] = Reported(period, *rest)
        targets = {
            (kpi_id, year): (target, amber)
            for kpi_id, year, target, amber in Target.objects.filter(
                kpi__in=kpis, financial_year__gte=start.financial_year
            ).values_list("kpi_id", "financial_year", "target", "amber_threshold")
        }
    return [_row(kpi, values[kpi.pk], targets, approvers) for kpi in kpis]


def _rag_of(kpi: Kpi, value: Reported | None, period: Period, targets: dict) -> Rag:
    target, amber = targets.get((kpi.pk, period.financial_year), (None, None))
    return rag_status(value.value if value else None, target, amber, kpi.polarity)


def _row(
    kpi: Kpi, by_period: dict[Period, Reported], targets: dict, approvers: frozenset[int]
) -> ScoreRow:
    rag = rag_status(kpi.latest_value, kpi.latest_target, kpi.latest_amber, kpi.polarity)
    if not kpi.latest_period:
        return ScoreRow(kpi, None, None, None, None, rag, None, *_not_comparable())
    period = Period.from_date(kpi.latest_period)
    earlier_period = previous_due(kpi.frequency, period, kpi.due_month)
    earlier = by_period.get(earlier_period)
    year_ago = by_period.get(period.same_period_last_year())
    recent = [v.value for p, v in sorted(by_period.items()) if p <= period][-TREND_POINTS:]
    latest = by_period.get(period)
    return ScoreRow(
        kpi=kpi,
        period=period,
        value=kpi.latest_value,
        target=kpi.latest_target,
        amber=kpi.latest_amber,
        rag=rag,
        previous_rag=_rag_of(kpi, earlier, earlier_period, targets),
        since_previous=direction(
            kpi.latest_value, earlier.value if earlier else None, kpi.polarity
        ),
        since_last_year=direction(
            kpi.latest_value, year_ago.value if year_ago else None, kpi.polarity
        ),
        latest=latest,
        trend=recent,
        awaiting=latest
        and awaiting_approval(
            latest.status, latest.figure_entered_by_id, latest.submitted_by_id, approvers
        ),
    )


def _not_comparable() -> tuple[Direction, Direction]:
    return Direction.NOT_COMPARABLE, Direction.NOT_COMPARABLE
