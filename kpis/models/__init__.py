"""The KPI app's models, by subject: KPIs (kpi.py), their targets and comparators
(targets.py), and their values with the workflow (values.py)."""

from kpis.models.common import REASON, financial_year_expression, validate_first_of_month
from kpis.models.kpi import Kpi, KpiQuerySet, due_condition, kpi_code_validator, kpi_url
from kpis.models.targets import Benchmark, Target
from kpis.models.values import (
    ENTRY_FIELDS,
    FIGURE_FIELDS,
    KpiValue,
    KpiValueQuerySet,
    StaleValue,
    WorkflowError,
)

__all__ = [
    "ENTRY_FIELDS",
    "FIGURE_FIELDS",
    "REASON",
    "Benchmark",
    "Kpi",
    "KpiQuerySet",
    "KpiValue",
    "KpiValueQuerySet",
    "StaleValue",
    "Target",
    "WorkflowError",
    "due_condition",
    "financial_year_expression",
    "kpi_code_validator",
    "kpi_url",
    "validate_first_of_month",
]
