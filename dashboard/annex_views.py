"""The living Annex A, a finding's page and the mapping download: the findings (findings), the
KPIs that evidence them with their latest RAG (kpis), who receives each (boards), and a
finding's actions with their progress (recommendations)."""

from dataclasses import dataclass
from itertools import groupby

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from boards.models import board_lines, kpis_reported_to_no_board
from dashboard.filters import AnnexFilter
from findings.models import Finding, FindingQuerySet
from kpis.figures import Figures, figures_for
from kpis.models import Kpi
from recommendations.models import Action, ProgressUpdate
from recommendations.permissions import keeps_the_plan
from recommendations.timeline import readable_updates
from wokingham_cs.exports import tabular_response

MAPPING_COLUMNS = [
    "area",
    "kind",
    "finding",
    "kpi_code",
    "kpi_title",
    "kpi_status",
    "boards",
    "other_monitoring",
]


@dataclass
class AnnexGroup:
    """The findings of one kind (strengths, or areas for improvement) under one area heading."""

    kind_label: str
    findings: list[Finding]


@dataclass
class AnnexSection:
    area: str
    groups: list[AnnexGroup]


def annex_sections(findings: list[Finding]) -> list[AnnexSection]:
    """Group findings (already in source order) by area, then by kind, as the document does."""
    sections = []
    for area, in_area in groupby(findings, key=lambda finding: finding.area):
        groups = [
            AnnexGroup(kind_label=_kind_heading(kind), findings=list(of_kind))
            for kind, of_kind in groupby(in_area, key=lambda finding: finding.kind)
        ]
        sections.append(AnnexSection(area=area, groups=groups))
    return sections


def _kind_heading(kind: str) -> str:
    return "Strengths" if kind == Finding.Kind.STRENGTH else "Areas for improvement"


def for_annex(figures: Figures) -> FindingQuerySet:
    """Findings with their KPIs (latest figures as this person sees them) and monitoring, each
    carrying the boards that receive it."""
    return (
        Finding.objects.for_annex(statuses=figures.statuses)
        .prefetch_related(board_lines("kpi_links__kpi__"), board_lines("monitoring__"))
        .in_source_order()
    )


def annex(request: HttpRequest) -> HttpResponse:
    figures = figures_for(request)
    annex_filter = AnnexFilter(request.GET, queryset=for_annex(figures))
    findings = list(annex_filter.qs)
    coverage = {
        "findings_without_kpis": Finding.objects.without_kpis().count(),
        "proposed_kpis": Kpi.objects.proposed().count(),
        "kpis_without_boards": kpis_reported_to_no_board().count(),
    }
    return render(
        request,
        "dashboard/annex.html",
        {
            "filter": annex_filter,
            "figures": figures,
            "sections": annex_sections(findings),
            "finding_count": len(findings),
            "total_count": Finding.objects.count(),
            "coverage": coverage,
            "querystring": request.GET.urlencode(),
        },
    )


def finding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    figures = figures_for(request)
    finding = get_object_or_404(for_annex(figures), pk=pk)
    neighbours = Finding.objects.filter(inspection=finding.inspection)
    actions = list(
        Action.objects.filter(finding=finding)
        .visible_to(request.user)
        .for_lists()
        .overdue_first(timezone.localdate())
    )
    # Each action's latest progress update this person may read.
    updates = readable_updates(
        ProgressUpdate.objects.filter(action__in=actions)
        .select_related("author", "meeting")
        .order_by("-written_at", "-pk"),
        request.user,
    )
    for action in actions:
        action.latest_update = next((u for u in updates if u.action_id == action.pk), None)
    return render(
        request,
        "dashboard/finding.html",
        {
            "finding": finding,
            "figures": figures,
            "actions": actions,
            "may_add_action": keeps_the_plan(request.user)
            and finding.kind == Finding.Kind.IMPROVEMENT,
            "previous": neighbours.filter(order__lt=finding.order).order_by("-order").first(),
            "next": neighbours.filter(order__gt=finding.order).order_by("order").first(),
        },
    )


def mapping_rows(findings: list[Finding]) -> list[list[str]]:
    """One row per finding and KPI; a finding with no KPI gets one row with empty KPI cells."""
    rows = []
    for finding in findings:
        kind = finding.get_kind_display().lower()
        monitoring = "; ".join(item.name for item in finding.monitoring.all())
        links = finding.kpi_links.all()
        if not links:
            rows.append([finding.area, kind, finding.text, "", "", "", "", monitoring])
        for link in links:
            boards = "; ".join(line.board.short_name for line in link.kpi.board_lines)
            rows.append(
                [
                    finding.area,
                    kind,
                    finding.text,
                    link.kpi.code,
                    link.kpi.title,
                    link.kpi.get_status_display().lower(),
                    boards,
                    monitoring,
                ]
            )
    return rows


def mapping_export(request: HttpRequest, file_format: str) -> HttpResponse:
    annex_filter = AnnexFilter(request.GET, queryset=for_annex(figures_for(request)))
    return tabular_response(
        columns=MAPPING_COLUMNS,
        rows=mapping_rows(list(annex_filter.qs)),
        filename="mapping",
        file_format=file_format,
        title="Annex A mapping",
    )
