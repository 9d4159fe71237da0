"""The KPI page's own parts: values with RAG and direction, the chart, targets, comparators and
the audit trail. The page itself is composed where the KPI's findings and boards can be read too
(dashboard.kpi_views), which adds those and renders it."""

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import HttpRequest

from kpis.audit import KPI_FIELDS, TARGET_FIELDS, VALUE_FIELDS, audit_entries
from kpis.charts import Band, Point, kpi_trend_figure
from kpis.choices import Status
from kpis.figures import figures_for
from kpis.forms import BenchmarkForm, TargetForm
from kpis.models import Benchmark, Kpi, KpiValue, Target
from kpis.periods import Period, financial_year_label
from kpis.permissions import (
    can_enter_benchmarks,
    can_enter_values,
    can_see_drafts,
    can_set_targets,
)
from kpis.series import value_rows

RANGES = {"12": 12, "24": 24, "36": 36, "all": None}
DEFAULT_RANGE = "24"
VALUES_PER_PAGE = 12
AUDIT_PER_PAGE = 20


def _in_range(values: list[KpiValue], months: int | None) -> list[KpiValue]:
    """Values within the last `months` months up to the newest value (all when None)."""
    if months is None or not values:
        return values
    newest = max(Period.from_date(value.period) for value in values)
    start = newest.shift(-(months - 1)).first_day
    return [value for value in values if value.period >= start]


def _trend_chart(
    kpi: Kpi, rows: list, benchmarks: list[Benchmark], *, start_at_zero: bool
) -> dict | None:
    """The chart of the figures shown (drafts are never charted), as plain JSON for the page."""
    charted = [row for row in reversed(rows) if row.value.status != Status.DRAFT]
    if not charted:
        return None
    comparators: dict[str, list[Point]] = {}
    for benchmark in sorted(benchmarks, key=lambda b: b.period):
        comparators.setdefault(benchmark.get_comparator_display(), []).append(
            Point(benchmark.period, benchmark.value)
        )
    return kpi_trend_figure(
        [
            Point(row.value.period, row.value.value, row.value.provisional, row.value.is_revised)
            for row in charted
        ],
        [
            Band(row.value.period, row.target, row.amber)
            for row in charted
            if row.target is not None
        ],
        comparators,
        unit=kpi.unit,
        start_at_zero=start_at_zero,
    )


def _page(items: list, request: HttpRequest, name: str, per_page: int):
    """A page of the items, with the query strings of its neighbours (the page's other
    parameters kept)."""
    page = Paginator(items, per_page).get_page(request.GET.get(name))

    def query(number: int) -> str:
        params = request.GET.copy()
        params[name] = str(number)
        return params.urlencode()

    page.previous_query = query(page.previous_page_number()) if page.has_previous() else ""
    page.next_query = query(page.next_page_number()) if page.has_next() else ""
    return page


def kpi_page_context(request: HttpRequest, kpi: Kpi) -> dict:
    """Everything the KPI page shows of the KPI itself: a summary of the latest figure, the
    chart, the values, targets, comparators and the audit trail. `kpi` comes with its owner
    and status_changed_by. Which figures show follows kpis.figures: approved only for people
    who do not collect values; drafts too, in the table only, for those who do."""
    figures = figures_for(request)
    chosen_range = request.GET.get("range", DEFAULT_RANGE)
    if chosen_range not in RANGES:
        chosen_range = DEFAULT_RANGE
    start_at_zero = request.GET.get("axis") == "zero"
    with_drafts = can_see_drafts(request.user) and not figures.approved_only
    statuses = (*figures.statuses, Status.DRAFT) if with_drafts else figures.statuses
    all_values = list(
        kpi.values.filter(status__in=statuses)
        .with_targets()
        .select_related("kpi", "approved_by", "submitted_by")
    )
    benchmarks = list(kpi.benchmarks.all())
    rows = value_rows(kpi, _in_range(all_values, RANGES[chosen_range]), benchmarks)
    shown = [row for row in rows if row.value.status in figures.statuses]
    latest = shown[0] if shown else None
    value_history = KpiValue.history.filter(kpi_id=kpi.pk, status__in=statuses)
    return {
        "kpi": kpi,
        "figures": figures,
        "latest": latest,
        "latest_awaiting": latest and figures.awaiting(latest.value),
        "rows": _page(rows, request, "page", VALUES_PER_PAGE),
        "chart": _trend_chart(kpi, rows, benchmarks, start_at_zero=start_at_zero),
        "start_at_zero": start_at_zero,
        "ranges": [(key, f"{key} months" if RANGES[key] else "All") for key in RANGES],
        "chosen_range": chosen_range,
        "value_count": len(all_values),
        "commentary": [row for row in shown if row.value.commentary],
        "has_demo_values": any(value.is_demo for value in all_values),
        "targets": list(kpi.targets.select_related("set_by")),
        "benchmarks": benchmarks,
        "value_audit": _page(
            audit_entries(
                list(value_history.select_related("history_user")),
                VALUE_FIELDS,
                lambda record: Period.from_date(record.period).label,
            ),
            request,
            "audit_page",
            AUDIT_PER_PAGE,
        ),
        "target_audit": audit_entries(
            list(Target.history.filter(kpi_id=kpi.pk).select_related("history_user")),
            TARGET_FIELDS,
            lambda record: f"Target for {financial_year_label(record.financial_year)}",
        ),
        "definition_audit": _with_owner_names(
            audit_entries(
                list(kpi.history.select_related("history_user")),
                KPI_FIELDS,
                lambda record: "Definition",
            )
        ),
        "can_enter_values": can_enter_values(request.user, kpi),
        "target_form": TargetForm(kpi=kpi) if can_set_targets(request.user) else None,
        "benchmark_form": BenchmarkForm(kpi=kpi) if can_enter_benchmarks(request.user) else None,
    }


def _with_owner_names(entries: list) -> list:
    """Owner changes are stored as user ids; show names."""
    ids = {
        value
        for entry in entries
        for change in entry.changes
        if change.field == "owner"
        for value in (change.old, change.new)
        if value
    }
    names = {
        user.pk: user.get_full_name() or user.username
        for user in get_user_model().objects.filter(pk__in=ids)
    }
    for entry in entries:
        for change in entry.changes:
            if change.field == "owner":
                change.old = names.get(change.old, change.old)
                change.new = names.get(change.new, change.new)
    return entries
