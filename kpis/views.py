from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kpis import services
from kpis.exports import ALL_VALUE_COLUMNS, VALUE_COLUMNS, value_row, value_row_with_rag
from kpis.forms import BenchmarkForm, TargetForm
from kpis.models import Kpi, KpiValue
from kpis.periods import financial_year_label
from kpis.permissions import (
    can_enter_benchmarks,
    can_see_drafts,
    can_set_targets,
)
from wokingham_cs.exports import tabular_response


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
