"""Rows for the KPI value downloads: one column layout for the import, export and template."""

from kpis.formatting import plain_number
from kpis.models import KpiValue
from kpis.periods import Period
from kpis.rag import rag_status

VALUE_COLUMNS = ["kpi_code", "period", "value", "numerator", "denominator", "commentary"]
ALL_VALUE_COLUMNS = [*VALUE_COLUMNS, "status", "rag"]


def value_row(value: KpiValue) -> list:
    return [
        value.kpi.code,
        str(Period.from_date(value.period)),
        plain_number(value.value),
        value.numerator,
        value.denominator,
        value.commentary,
    ]


def value_row_with_rag(value: KpiValue) -> list:
    """Needs KpiValueQuerySet.with_targets()."""
    rag = rag_status(value.value, value.target, value.amber, value.kpi.polarity)
    return [*value_row(value), value.status, rag.label]
