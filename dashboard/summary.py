"""Counting KPIs by RAG for groups of KPIs (judgement areas, boards). No database access."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from kpis.rag import Rag
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


def rag_counts(
    rows: Iterable[ScoreRow],
    members: dict[tuple[str, str, str], set[int]],
    base_query: dict[str, str] | None = None,
):
    """Counts per group. `members` maps (name, filter name, filter value) to KPI ids; each
    count carries the scorecard query listing its KPIs (the base query plus group and RAG)."""
    by_kpi = {row.kpi.pk: row for row in rows}
    table = []
    for (name, key, value), kpi_ids in members.items():
        chosen = [by_kpi[pk] for pk in kpi_ids if pk in by_kpi]
        if not chosen:
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
    kpis: int
    green: int
    red: int
    worsening: int
    findings_without_kpis: int

    @property
    def sentence(self) -> str:
        parts = [f"{self.green} of {self.kpis} KPI{'s' if self.kpis != 1 else ''} green"]
        if self.red:
            parts.append(f"{self.red} red")
        parts.append(f"{self.worsening} worsening")
        parts.append(
            f"{self.findings_without_kpis} finding{'s' if self.findings_without_kpis != 1 else ''}"
            " with no measure"
        )
        return ", ".join(parts)


def area_summary(rows: list[ScoreRow], findings_without_kpis: int) -> AreaSummary:
    return AreaSummary(
        kpis=len(rows),
        green=sum(1 for row in rows if row.rag == Rag.GREEN),
        red=sum(1 for row in rows if row.rag == Rag.RED),
        worsening=sum(1 for row in rows if row.since_previous.value == "worsening"),
        findings_without_kpis=findings_without_kpis,
    )
