"""Counting KPIs by RAG for groups of KPIs (judgement areas, boards). No database access."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from kpis.choices import KpiStatus
from kpis.rag import Direction, Rag
from kpis.scorecard import ScoreRow

# The columns of a RAG count table, worst first.
COUNTED = [Rag.RED, Rag.AMBER, Rag.GREEN, Rag.NO_TARGET, Rag.NO_DATA]


@dataclass
class RagCount:
    rag: Rag
    now: int
    before: int
    query_string: str = ""


@dataclass
class GroupCounts:
    """One row of a RAG count table: how many of a group's KPIs are at each status, now and at
    the previous period. `query` is the scorecard filter that lists them."""

    name: str
    query: dict[str, str]
    counts: list[RagCount] = field(default_factory=list)
    total: int = 0

    @property
    def is_gap(self) -> bool:
        """No KPI counted here: a gap in what is measured, not good news."""
        return self.total == 0


def rag_counts(
    rows: Iterable[ScoreRow],
    members: dict[tuple[str, str, str], set[int]],
    base_query: dict[str, str] | None = None,
    *,
    keep_gaps: bool = False,
):
    """Counts per group. `members` maps (name, filter name, filter value) to KPI ids; each
    count carries the scorecard query listing its KPIs (the base query plus group and RAG).
    Groups with none of the rows' KPIs are left out, unless `keep_gaps` (judgement areas:
    every one is listed, and one with no KPI shows as a gap)."""
    by_kpi = {row.kpi.pk: row for row in rows}
    table = []
    for (name, key, value), kpi_ids in members.items():
        chosen = [by_kpi[pk] for pk in kpi_ids if pk in by_kpi]
        if not chosen and not keep_gaps:
            continue
        counts = [
            RagCount(
                rag=rag,
                now=sum(1 for row in chosen if row.rag == rag),
                before=sum(1 for row in chosen if (row.previous_rag or Rag.NO_DATA) == rag),
                query_string=urlencode({**(base_query or {}), key: value, "rag": rag.value}),
            )
            for rag in COUNTED
        ]
        table.append(GroupCounts(name=name, query={key: value}, counts=counts, total=len(chosen)))
    return table


@dataclass
class AreaSummary:
    """An area's live KPIs (the same KPIs the dashboard counts), in one sentence."""

    kpis: int
    green: int
    red: int
    worsening: int
    findings_without_kpis: int
    not_yet_live: int = 0

    @property
    def sentence(self) -> str:
        if not self.kpis:
            parts = ["no live KPI"]
        else:
            parts = [f"{self.green} of {self.kpis} live KPI{'s' if self.kpis != 1 else ''} green"]
        if self.red:
            parts.append(f"{self.red} red")
        if self.kpis:
            parts.append(f"{self.worsening} worsening")
        if self.not_yet_live:
            parts.append(f"{self.not_yet_live} not yet live")
        parts.append(
            f"{self.findings_without_kpis} finding{'s' if self.findings_without_kpis != 1 else ''}"
            " with no measure"
        )
        return ", ".join(parts)


def area_summary(rows: list[ScoreRow], findings_without_kpis: int) -> AreaSummary:
    """Counts the live KPIs among the rows; the others (proposed, agreed) are "not yet live"."""
    live = [row for row in rows if row.kpi.status == KpiStatus.LIVE]
    return AreaSummary(
        kpis=len(live),
        green=sum(1 for row in live if row.rag == Rag.GREEN),
        red=sum(1 for row in live if row.rag == Rag.RED),
        worsening=sum(1 for row in live if row.since_previous == Direction.WORSENING),
        findings_without_kpis=findings_without_kpis,
        not_yet_live=len(rows) - len(live),
    )
