"""A meeting's report pack as plain data, read in a fixed number of queries.

The meeting page and the PDF both display a `Pack`; neither template computes anything. Only
approved values count, and only up to the pack's cut-off (packs.cutoff): never drafts, never
values awaiting approval, never a period after the papers deadline. In a Part 1 (public) pack
every figure goes through kpis.disclosure first, so a count from 1 to 5, and anything built on
one, is printed as "c" and left off the charts.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.safestring import SafeString

from boards.models import AgendaItem, Board, Meeting, ReportingLine
from findings.models import Finding, FindingKpi
from kpis import html
from kpis.chart_svg import default_description
from kpis.charts import Band, Point, kpi_trend_figure
from kpis.choices import KpiStatus, Status
from kpis.disclosure import FOOTNOTE, SUPPRESSED, suppress
from kpis.formatting import kpi_value
from kpis.models import Benchmark, Kpi, KpiValue, Target
from kpis.periods import Period, due_periods, previous_due
from kpis.rag import Direction, Rag, direction, rag_status
from packs.cutoff import cut_off_for, first_reported
from packs.models import classification_of
from recommendations.matters_arising import MattersArising, matters_arising
from recommendations.models import Recommendation

APPROVED = (Status.APPROVED,)
#: Months of approved values each chart shows, up to the cut-off.
CHART_MONTHS = 24
#: The order RAG counts are given in the summary.
SUMMARY_ORDER = (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.NO_TARGET, Rag.NO_DATA)


@dataclass(frozen=True)
class Edition:
    """What the cover says the pack is: a draft, or a published version (revised after 1)."""

    number: int | None
    date: datetime.date
    reason: str = ""

    @classmethod
    def draft(cls, today: datetime.date) -> "Edition":
        return cls(None, today)

    @property
    def is_draft(self) -> bool:
        return self.number is None

    @property
    def is_revised(self) -> bool:
        return (self.number or 0) > 1

    @property
    def label(self) -> str:
        return "Draft" if self.is_draft else f"Published, version {self.number}"


@dataclass(frozen=True)
class Approved:
    """An approved value as the pack reads it (plain tuples from one query)."""

    period: Period
    value: Decimal | None
    numerator: int | None
    denominator: int | None
    commentary: str
    provisional: bool
    revision: int
    is_demo: bool


APPROVED_FIELDS = (
    "kpi_id", "period", "value", "numerator", "denominator", "commentary", "provisional",
    "revision", "is_demo",
)  # fmt: skip


@dataclass(frozen=True)
class PeriodRow:
    """One period of a KPI as printed: every figure already text, "c" where hidden."""

    period: Period
    value: str
    counts: str
    target: str
    rag: Rag
    since_previous: Direction
    suppressed: bool = False
    provisional: bool = False
    revised: bool = False


@dataclass
class KpiSection:
    """A KPI the board receives: its scorecard rows, latest position, commentary and chart."""

    kpi: Kpi
    rows: list[PeriodRow]
    latest: PeriodRow | None
    since_last_year: Direction
    commentary: str
    rag_at_previous: Rag | None = None
    chart: SafeString | None = None
    chart_title: str = ""
    chart_description: str = ""
    chart_note: str = ""
    findings: list[Finding] = field(default_factory=list)

    @property
    def rag(self) -> Rag:
        return self.latest.rag if self.latest else Rag.NO_DATA

    @property
    def anchor(self) -> str:
        return f"kpi-{self.kpi.code}"

    @property
    def changed(self) -> bool:
        return self.rag_at_previous is not None and self.rag_at_previous != self.rag


@dataclass(frozen=True)
class EvidencedFinding:
    finding: Finding
    sections: list[KpiSection]


@dataclass
class Pack:
    meeting: Meeting
    council_name: str
    edition: Edition
    part: AgendaItem.Part
    cut_off: Period
    first_period: Period
    previous_meeting: Meeting | None
    previous_cut_off: Period | None
    sections: list[KpiSection]
    not_reported: list[Kpi]
    findings: list[EvidencedFinding]
    recommendations: list[Recommendation]
    matters_arising: MattersArising
    has_demo_values: bool
    with_charts: bool = True

    footnote = FOOTNOTE
    suppressed_symbol = SUPPRESSED

    @property
    def board(self) -> Board:
        return self.meeting.board

    @property
    def is_public(self) -> bool:
        return self.part == AgendaItem.Part.ONE

    @property
    def part_label(self) -> str:
        return "Part 1" if self.is_public else "Part 2"

    @property
    def classification(self) -> str:
        return classification_of(self.part)

    @property
    def title(self) -> str:
        return f"{self.board.name}: performance report for {self.meeting.date_label}"

    @property
    def periods_label(self) -> str:
        if self.first_period == self.cut_off:
            return self.cut_off.label
        return f"each period from {self.first_period.label} to {self.cut_off.label}"

    @property
    def rag_counts(self) -> list[tuple[Rag, int]]:
        counts = {rag: 0 for rag in SUMMARY_ORDER}
        for section in self.sections:
            counts[section.rag] = counts.get(section.rag, 0) + 1
        return [(rag, count) for rag, count in counts.items() if count or rag.is_rated]

    @property
    def changes(self) -> list[KpiSection]:
        return [section for section in self.sections if section.changed]

    @property
    def exceptions(self) -> list[KpiSection]:
        return [section for section in self.sections if section.rag == Rag.RED]

    @property
    def trend_sections(self) -> list[KpiSection]:
        """The KPIs charted in the trends section: those not charted on an exception page."""
        return [section for section in self.sections if section.rag != Rag.RED]

    @property
    def any_suppressed(self) -> bool:
        return any(row.suppressed for s in self.sections for row in s.rows) or any(
            s.latest and s.latest.suppressed for s in self.sections
        )


def recommendations_for(board: Board) -> list[Recommendation]:
    """The recommendations a board leads, with their status (as they follow from their actions,
    or as a manager set them): Recommendation.objects.led_by, the rule the board's page uses."""
    return list(
        Recommendation.objects.led_by(board)
        .with_status()
        .select_related("source")
        .order_by("source__title", "number")
    )


def assemble_pack(meeting: Meeting, *, edition: Edition, charts: bool = True) -> Pack:
    """Everything a meeting's pack shows. `meeting` comes with its board and agenda items
    (as packs.views fetches it); about eight queries whatever the number of KPIs."""
    board = meeting.board
    public = meeting.report_part == AgendaItem.Part.ONE
    cut_off = cut_off_for(meeting.papers_deadline)
    previous = Meeting.objects.filter(board=board, date__lt=meeting.date).order_by("-date").first()
    previous_cut_off = None
    if previous is not None:
        previous.board = board
        previous_cut_off = cut_off_for(previous.papers_deadline)
    first_period = first_reported(cut_off, previous_cut_off)

    received = Kpi.objects.filter(
        pk__in=ReportingLine.objects.filter(board=board).kpi_ids()
    ).exclude(status=KpiStatus.RETIRED)
    kpis = list(received.with_latest(statuses=APPROVED, as_at=cut_off).order_by("code"))
    live = [kpi for kpi in kpis if kpi.status == KpiStatus.LIVE or kpi.latest_period]
    reader = _Figures(live, cut_off, first_period, public)
    sections = [reader.section(kpi, charts=charts) for kpi in live]

    if previous_cut_off is not None and live:
        before = received.filter(pk__in=[kpi.pk for kpi in live]).with_latest(
            statuses=APPROVED, as_at=previous_cut_off
        )
        rags = {kpi.pk: kpi.latest_rag for kpi in before}
        for section in sections:
            section.rag_at_previous = rags.get(section.kpi.pk)

    return Pack(
        meeting=meeting,
        council_name=settings.COUNCIL_NAME,
        edition=edition,
        part=AgendaItem.Part.ONE if public else AgendaItem.Part.TWO,
        cut_off=cut_off,
        first_period=first_period,
        previous_meeting=previous,
        previous_cut_off=previous_cut_off,
        sections=sections,
        not_reported=[kpi for kpi in kpis if kpi not in live],
        findings=_findings(sections),
        recommendations=recommendations_for(board),
        matters_arising=matters_arising(meeting, previous=previous, public=public),
        has_demo_values=reader.has_demo_values,
        with_charts=charts,
    )


def _findings(sections: list[KpiSection]) -> list[EvidencedFinding]:
    """The findings the KPIs evidence, in source order, each with its KPIs."""
    by_kpi = {section.kpi.pk: section for section in sections}
    links = (
        FindingKpi.objects.filter(kpi__in=list(by_kpi))
        .select_related("finding__inspection", "finding__judgement_area")
        .order_by("finding__inspection__year", "finding__order", "kpi__code")
    )
    grouped: dict[int, tuple[Finding, list[KpiSection]]] = {}
    for link in links:
        finding, evidence = grouped.setdefault(link.finding_id, (link.finding, []))
        evidence.append(by_kpi[link.kpi_id])
        by_kpi[link.kpi_id].findings.append(finding)
    return [EvidencedFinding(finding, evidence) for finding, evidence in grouped.values()]


class _Figures:
    """The approved values, targets and comparators of the KPIs, read once, and the rows,
    latest positions and charts made from them."""

    def __init__(self, kpis: list[Kpi], cut_off: Period, first_period: Period, public: bool):
        self.cut_off, self.first_period, self.public = cut_off, first_period, public
        self.chart_start = cut_off.shift(-(CHART_MONTHS - 1))
        # From the earliest of: the chart, a year before the first period reported (for its
        # direction of travel), and each KPI's latest value (an annual KPI's may be older).
        latest_days = [kpi.latest_period for kpi in kpis if kpi.latest_period]
        start = min(
            [self.chart_start, first_period.shift(-12)]
            + [Period.from_date(day) for day in latest_days]
        )
        self.values: dict[int, dict[Period, Approved]] = defaultdict(dict)
        self.targets: dict[tuple[int, int], tuple[Decimal, Decimal | None]] = {}
        self.comparators: dict[int, dict[str, list[Point]]] = defaultdict(dict)
        ids = [kpi.pk for kpi in kpis]
        if not ids:
            self.has_demo_values = False
            return
        rows = (
            KpiValue.objects.filter(
                kpi__in=ids,
                status__in=APPROVED,
                period__gte=start.first_day,
                period__lte=cut_off.first_day,
            )
            .order_by("period")
            .values_list(*APPROVED_FIELDS)
        )
        for kpi_id, day, *rest in rows:
            period = Period.from_date(day)
            self.values[kpi_id][period] = Approved(period, *rest)
        self.has_demo_values = any(
            value.is_demo for values in self.values.values() for value in values.values()
        )
        self.targets = {
            (kpi_id, year): (target, amber)
            for kpi_id, year, target, amber in Target.objects.filter(
                kpi__in=ids, financial_year__gte=start.financial_year
            ).values_list("kpi_id", "financial_year", "target", "amber_threshold")
        }
        labels = dict(Benchmark.Comparator.choices)
        for kpi_id, day, comparator, value in (
            Benchmark.objects.filter(
                kpi__in=ids,
                period__gte=self.chart_start.first_day,
                period__lte=cut_off.first_day,
            )
            .order_by("period")
            .values_list("kpi_id", "period", "comparator", "value")
        ):
            series = self.comparators[kpi_id].setdefault(labels.get(comparator, comparator), [])
            series.append(Point(day, value))

    def section(self, kpi: Kpi, *, charts: bool) -> KpiSection:
        values = self.values[kpi.pk]
        periods = due_periods(kpi.frequency, self.first_period, self.cut_off, kpi.due_month)
        latest_period = Period.from_date(kpi.latest_period) if kpi.latest_period else None
        if latest_period is not None and (not periods or latest_period < periods[0]):
            # The latest approved value came before the periods reported (none has fallen due
            # since the previous meeting, or none is approved yet): shown first, so that the
            # figure the KPI's status rests on is always in the scorecard.
            periods = [latest_period, *periods]
        rows = [self.row(kpi, period) for period in periods]
        latest = self.row(kpi, latest_period) if latest_period else None
        year_ago = values.get(latest_period.same_period_last_year()) if latest_period else None
        section = KpiSection(
            kpi=kpi,
            rows=rows,
            latest=latest,
            since_last_year=direction(
                kpi.latest_value, year_ago.value if year_ago else None, kpi.polarity
            ),
            commentary=values[latest_period].commentary if latest_period in values else "",
        )
        if charts:
            self._chart(section)
        return section

    def shown(self, kpi: Kpi, approved: Approved):
        """The figures a Part 1 pack may print (all of them in Part 2)."""
        counted = approved.numerator is not None and approved.denominator is not None
        return suppress(
            approved.value,
            unit=kpi.unit,
            # A percentage entered with its counts is built on them, whatever the KPI says.
            is_rate=kpi.is_rate or counted,
            numerator=approved.numerator,
            denominator=approved.denominator,
            public=self.public,
        )

    def rag_of(self, kpi: Kpi, period: Period, value: Decimal | None) -> Rag:
        target, amber = self.targets.get((kpi.pk, period.financial_year), (None, None))
        return rag_status(value, target, amber, kpi.polarity)

    def row(self, kpi: Kpi, period: Period) -> PeriodRow:
        values = self.values[kpi.pk]
        target, _ = self.targets.get((kpi.pk, period.financial_year), (None, None))
        target_text = "No target" if target is None else kpi_value(target, kpi.unit)
        approved = values.get(period)
        if approved is None:
            return PeriodRow(
                period, "No value", "", target_text, Rag.NO_DATA, Direction.NOT_COMPARABLE
            )
        earlier = values.get(previous_due(kpi.frequency, period, kpi.due_month))
        shown = self.shown(kpi, approved)
        if shown.value == SUPPRESSED:
            value_text = SUPPRESSED
        else:
            value_text = kpi_value(approved.value, kpi.unit)
        counts = ""
        if kpi.is_rate or shown.numerator is not None or shown.denominator is not None:
            counts = f"{_count(shown.numerator)} of {_count(shown.denominator)}"
        return PeriodRow(
            period=period,
            value=value_text,
            counts=counts,
            target=target_text,
            rag=self.rag_of(kpi, period, approved.value),
            since_previous=direction(
                approved.value, earlier.value if earlier else None, kpi.polarity
            ),
            suppressed=shown.suppressed,
            provisional=approved.provisional,
            revised=approved.revision > 1,
        )

    def _chart(self, section: KpiSection) -> None:
        """The KPI's approved values over the chart's months, with its target, amber band and
        comparators; in a Part 1 pack without the values that would be printed as "c"."""
        kpi = section.kpi
        points, left_out = [], 0
        for period, approved in self.values[kpi.pk].items():
            if period < self.chart_start or approved.value is None:
                continue
            if self.shown(kpi, approved).value == SUPPRESSED:
                left_out += 1
                continue
            points.append(
                Point(period.first_day, approved.value, approved.provisional, approved.revision > 1)
            )
        if not points:
            section.chart_note = (
                f"No chart: none of the approved values from {self.chart_start.label} to "
                f"{self.cut_off.label} can be shown."
                if left_out
                else f"No chart: no approved values from {self.chart_start.label} to "
                f"{self.cut_off.label}."
            )
            return
        bands = []
        for point in points:
            period = Period.from_date(point.day)
            target, amber = self.targets.get((kpi.pk, period.financial_year), (None, None))
            if target is not None:
                bands.append(Band(point.day, target, amber))
        figure = kpi_trend_figure(points, bands, self.comparators.get(kpi.pk, {}), unit=kpi.unit)
        section.chart_title = f"Chart of {kpi.code}: {kpi.title}"
        section.chart_description = default_description(figure)
        if left_out:
            section.chart_note = (
                f"{left_out} value{'s are' if left_out > 1 else ' is'} not charted: "
                f"{'they are' if left_out > 1 else 'it is'} shown as {SUPPRESSED} to protect "
                "small numbers."
            )
        section.chart = html.svg_chart(
            figure,
            title=section.chart_title,
            description=section.chart_description,
            chart_id=f"chart-{kpi.code}",
        )


def _count(count: int | str | None) -> str:
    if count is None:
        return "not recorded"
    return count if isinstance(count, str) else f"{count:,}"
