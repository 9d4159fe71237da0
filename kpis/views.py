from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kpis import figures, services
from kpis.choices import Status
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
    form = BenchmarkForm(request.POST, kpi=kpi)
    if form.is_valid():
        _, replaced = services.record_benchmark(kpi=kpi, user=request.user, **form.cleaned_data)
        verb = "replaced" if replaced else "added"
        messages.success(request, f"Comparator value {verb}.")
        return redirect(kpi.get_absolute_url() + "#benchmarks")
    return render(request, "kpis/benchmark_form.html", {"kpi": kpi, "form": form}, status=400)


def values_export(request: HttpRequest, code: str, file_format: str) -> HttpResponse:
    """One KPI's values in the import's columns, so the file can be edited and imported back:
    approved ones, or for officers and managers the newest (submitted or approved; drafts are
    left out, as this file has no status column). The file's name says which."""
    kpi = get_object_or_404(Kpi, code=code)
    shown = figures.figures_for(request)
    values = kpi.values.filter(status__in=shown.statuses).select_related("kpi").order_by("period")
    return tabular_response(
        columns=VALUE_COLUMNS,
        rows=[value_row(value) for value in values],
        filename=f"{kpi.code}-values-{shown.file_suffix}",
        file_format=file_format,
        title=f"{kpi.code} ({shown.file_suffix})",
    )


def all_values_export(request: HttpRequest, file_format: str) -> HttpResponse:
    """Every KPI's values, with their status and RAG: approved ones, or for officers and
    managers every value including drafts (the status column says which each is)."""
    shown = figures.figures_for(request)
    statuses = shown.statuses if shown.approved_only else [*shown.statuses, Status.DRAFT]
    values = (
        KpiValue.objects.filter(status__in=statuses)
        .with_targets()
        .select_related("kpi")
        .order_by("kpi__code", "period")
    )
    suffix = shown.file_suffix if shown.approved_only else "including-drafts"
    return tabular_response(
        columns=ALL_VALUE_COLUMNS,
        rows=(value_row_with_rag(value) for value in values.iterator(chunk_size=2000)),
        filename=f"kpi-values-{suffix}",
        file_format=file_format,
        title=f"KPI values ({suffix})",
    )


@require_POST
def choose_figures(request: HttpRequest) -> HttpResponse:
    """Officers and managers switch between the newest figures and approved ones only, for
    the rest of their session; everyone else always sees approved figures."""
    if not can_see_drafts(request.user):
        raise PermissionDenied
    choice = request.POST.get("figures")
    if choice not in (figures.APPROVED_ONLY, figures.NEWEST):
        return HttpResponseBadRequest("Choose the approved or the newest figures")
    request.session[figures.SESSION_KEY] = choice
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("dashboard:home")
    return redirect(back)
