"""A KPI's values as rows with their RAG and direction of travel, from one engine."""

from dataclasses import dataclass

from kpis.models import Kpi, KpiValue
from kpis.periods import Period, previous_due
from kpis.rag import Direction, Rag, direction, rag_status


@dataclass
class ValueRow:
    value: KpiValue
    period: Period
    target: object
    amber: object
    rag: Rag
    since_previous: Direction
    since_last_year: Direction
    comparators: list


def value_rows(kpi: Kpi, values: list[KpiValue], benchmarks: list | None = None) -> list[ValueRow]:
    """Rows newest first. `values` come from KpiValueQuerySet.with_targets(); benchmarks, if
    given, are shown beside the value of their period."""
    comparators: dict = {}
    for benchmark in benchmarks or []:
        comparators.setdefault(benchmark.period, []).append(benchmark)
    by_period = {Period.from_date(value.period): value for value in values}
    rows = []
    for period, value in sorted(by_period.items(), reverse=True):
        earlier = by_period.get(previous_due(kpi.frequency, period, kpi.due_month))
        last_year = by_period.get(period.same_period_last_year())
        rows.append(
            ValueRow(
                value=value,
                period=period,
                target=value.target,
                amber=value.amber,
                rag=rag_status(value.value, value.target, value.amber, kpi.polarity),
                since_previous=direction(
                    value.value, earlier.value if earlier else None, kpi.polarity
                ),
                since_last_year=direction(
                    value.value, last_year.value if last_year else None, kpi.polarity
                ),
                comparators=comparators.get(value.period, []),
            )
        )
    return rows
