from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from kpis import services
from kpis.audit import KPI_FIELDS, TARGET_FIELDS, VALUE_FIELDS, audit_entries
from kpis.charts import Band, Point, kpi_trend_figure
from kpis.exports import ALL_VALUE_COLUMNS, VALUE_COLUMNS, value_row, value_row_with_rag
from kpis.filters import KpiFilter
from kpis.forms import BenchmarkForm, TargetForm
from kpis.models import Benchmark, Kpi, KpiValue, Target
from kpis.periods import Period, financial_year_label
from kpis.permissions import (
    can_enter_benchmarks,
    can_enter_values,
    can_see_drafts,
    can_set_targets,
)
from kpis.scorecard import score_rows
from kpis.series import value_rows
from kpis.tables import KpiTable
from wokingham_cs.exports import tabular_response


class KpiCatalogueView(ExportMixin, SingleTableMixin, FilterView):
    """The KPI scorecard: every KPI with its latest value, RAG, direction of travel and trend;
    sortable, filterable and downloadable as CSV or Excel."""

    model = Kpi
    table_class = KpiTable
    filterset_class = KpiFilter
    template_name = "kpis/catalogue.html"
    paginate_by = 50
    export_formats = ("csv", "xlsx")
    export_name = "kpis"

    def get_queryset(self):
        return Kpi.objects.select_related("owner").with_latest()

    def get_table_data(self):
        rows = score_rows(list(self.object_list))
        rag = self.filterset.form.cleaned_data.get("rag") if self.filterset.is_valid() else None
        return [row for row in rows if row.rag.value == rag] if rag else rows


catalogue = KpiCatalogueView.as_view()


RANGES = {"12": 12, "24": 24, "36": 36, "all": None}
DEFAULT_RANGE = "36"


def _in_range(values: list[KpiValue], months: int | None) -> list[KpiValue]:
    """Values within the last `months` months up to the newest value (all when None)."""
    if months is None or not values:
        return values
    newest = max(Period.from_date(value.period) for value in values)
    start = newest.shift(-(months - 1)).first_day
    return [value for value in values if value.period >= start]


def _trend_chart(kpi: Kpi, rows: list, benchmarks: list[Benchmark]) -> dict | None:
    """The chart of reported values (drafts are not charted), as plain JSON for the page."""
    reported = [row for row in reversed(rows) if row.value.status != KpiValue.Status.DRAFT]
    if not reported:
        return None
    comparators: dict[str, list[Point]] = {}
    for benchmark in sorted(benchmarks, key=lambda b: b.period):
        comparators.setdefault(benchmark.get_comparator_display(), []).append(
            Point(benchmark.period, benchmark.value)
        )
    return kpi_trend_figure(
        [
            Point(row.value.period, row.value.value, row.value.provisional, row.value.is_revised)
            for row in reported
        ],
        [
            Band(row.value.period, row.target, row.amber)
            for row in reported
            if row.target is not None
        ],
        comparators,
        unit=kpi.unit,
    )


def detail(request: HttpRequest, code: str) -> HttpResponse:
    kpi = get_object_or_404(Kpi.objects.select_related("owner", "status_changed_by"), code=code)
    chosen_range = request.GET.get("range", DEFAULT_RANGE)
    if chosen_range not in RANGES:
        chosen_range = DEFAULT_RANGE
    # Mapped findings and reporting lines are declared by the findings and boards apps; this
    # page follows their relations back to the KPI.
    finding_links = kpi.finding_links.select_related("finding").order_by("finding__order")
    reporting_lines = kpi.reporting_lines.select_related("board").prefetch_related("occasions")
    # Drafts are work in progress: only the people who collect values see them, in the values
    # and in the audit trail.
    shown = kpi.values.all() if can_see_drafts(request.user) else kpi.values.reported()
    value_history = KpiValue.history.filter(kpi_id=kpi.pk)
    if not can_see_drafts(request.user):
        value_history = value_history.exclude(status=KpiValue.Status.DRAFT)
    all_values = list(shown.with_targets().select_related("kpi", "approved_by", "submitted_by"))
    values = _in_range(all_values, RANGES[chosen_range])
    targets = list(kpi.targets.select_related("set_by"))
    benchmarks = list(kpi.benchmarks.all())
    rows = value_rows(kpi, values, benchmarks)
    return render(
        request,
        "kpis/detail.html",
        {
            "kpi": kpi,
            "finding_links": finding_links,
            "reporting_lines": reporting_lines,
            "rows": rows,
            "chart": _trend_chart(kpi, rows, benchmarks),
            "ranges": [(key, f"{key} months" if RANGES[key] else "All") for key in RANGES],
            "chosen_range": chosen_range,
            "value_count": len(all_values),
            "has_demo_values": any(value.is_demo for value in all_values),
            "targets": targets,
            "benchmarks": benchmarks,
            "value_audit": audit_entries(
                list(value_history.select_related("history_user")),
                VALUE_FIELDS,
                lambda record: Period.from_date(record.period).label,
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
            "benchmark_form": BenchmarkForm() if can_enter_benchmarks(request.user) else None,
        },
    )


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


@require_POST
def set_target(request: HttpRequest, code: str) -> HttpResponse:
    kpi = get_object_or_404(Kpi, code=code)
    if not can_set_targets(request.user):
        raise PermissionDenied
    form = TargetForm(request.POST, kpi=kpi)
    if form.is_valid():
        services.set_target(kpi=kpi, user=request.user, **form.cleaned_data)
        year = financial_year_label(form.cleaned_data["financial_year"])
        messages.success(request, f"Target for {year} saved.")
        return redirect(kpi.get_absolute_url() + "#targets")
    return render(request, "kpis/target_form.html", {"kpi": kpi, "form": form}, status=400)


@require_POST
def add_benchmark(request: HttpRequest, code: str) -> HttpResponse:
    kpi = get_object_or_404(Kpi, code=code)
    if not can_enter_benchmarks(request.user):
        raise PermissionDenied
    form = BenchmarkForm(request.POST)
    if form.is_valid():
        _, replaced = services.record_benchmark(kpi=kpi, user=request.user, **form.cleaned_data)
        verb = "replaced" if replaced else "added"
        messages.success(request, f"Comparator value {verb}.")
        return redirect(kpi.get_absolute_url() + "#benchmarks")
    return render(request, "kpis/benchmark_form.html", {"kpi": kpi, "form": form}, status=400)


def values_export(request: HttpRequest, code: str, file_format: str) -> HttpResponse:
    """One KPI's reported (submitted or approved) values in the import's columns, so the file
    can be edited and imported back. Drafts are left out: this file has no status column."""
    kpi = get_object_or_404(Kpi, code=code)
    values = kpi.values.reported().select_related("kpi").order_by("period")
    return tabular_response(
        columns=VALUE_COLUMNS,
        rows=[value_row(value) for value in values],
        filename=f"{kpi.code}-values",
        file_format=file_format,
        title=kpi.code,
    )


def all_values_export(request: HttpRequest, file_format: str) -> HttpResponse:
    """Every KPI's values, with their status and RAG (drafts only for those who collect)."""
    shown = KpiValue.objects.all() if can_see_drafts(request.user) else KpiValue.objects.reported()
    values = shown.with_targets().select_related("kpi").order_by("kpi__code", "period")
    return tabular_response(
        columns=ALL_VALUE_COLUMNS,
        rows=(value_row_with_rag(value) for value in values.iterator(chunk_size=2000)),
        filename="kpi-values",
        file_format=file_format,
        title="KPI values",
    )
