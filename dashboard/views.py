import datetime

from django.db.models import Count, Min, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from boards.models import Board, ReportingLine, kpis_reported_to_no_board
from dashboard.filters import DashboardFilter
from dashboard.summary import COUNTED, area_summary, rag_counts
from findings.models import Finding, FindingKpi, Inspection, JudgementArea
from kpis.choices import KpiStatus
from kpis.figures import figures_for
from kpis.models import Kpi
from kpis.periods import current_period
from kpis.permissions import is_manager, is_officer
from kpis.rag import Rag
from kpis.scorecard import score_rows
from recommendations.models import Action, Recommendation
from returns.collection import collection_status

OVERDUE_LOOKBACK = 6


def home(request: HttpRequest) -> HttpResponse:
    """What is red and why, what changed since last period, and how each area is doing."""
    figures = figures_for(request)
    inspection = Inspection.objects.latest_first().select_related("framework").first()
    judgement_areas = (
        list(JudgementArea.objects.filter(framework=inspection.framework).order_by("order"))
        if inspection
        else []
    )
    dashboard_filter = DashboardFilter(
        request.GET, queryset=Kpi.objects.all(), judgement_areas=judgement_areas
    )
    kpis = dashboard_filter.qs
    if not (dashboard_filter.is_valid() and dashboard_filter.form.cleaned_data.get("status")):
        kpis = kpis.filter(status=KpiStatus.LIVE)
    rows = score_rows(
        list(kpis.select_related("owner").with_latest(statuses=figures.statuses).order_by("code")),
        statuses=figures.statuses,
        approvers=figures.approvers,
    )
    ids = {row.kpi.pk for row in rows}

    # The scorecard lists behind the counts keep the dashboard's own filters.
    base_query = {
        key: str(value.pk if hasattr(value, "pk") else value)
        for key, value in (
            dashboard_filter.form.cleaned_data.items() if dashboard_filter.is_valid() else []
        )
        if value
    }
    if "status" not in base_query:
        base_query["status"] = KpiStatus.LIVE
    # Every judgement of the latest inspection's framework is listed, with or without KPIs: a
    # judgement nothing measures is a gap to see, not a row to leave out.
    by_area: dict[tuple[str, str, str], set[int]] = {
        (area.name, "judgement_area", str(area.pk)): set() for area in judgement_areas
    }
    links = (
        FindingKpi.objects.filter(kpi__in=ids, finding__judgement_area__isnull=False)
        .values_list("kpi_id", "finding__judgement_area_id", "finding__judgement_area__name")
        .order_by("finding__judgement_area__order")
    )
    for kpi_id, area_id, name in links:
        by_area.setdefault((name, "judgement_area", str(area_id)), set()).add(kpi_id)
    chosen_area = (
        dashboard_filter.form.cleaned_data.get("judgement_area")
        if dashboard_filter.is_valid()
        else None
    )
    if chosen_area:
        by_area = {key: members for key, members in by_area.items() if key[2] == chosen_area}
    by_board: dict[tuple[str, str, str], set[int]] = {}
    lines = ReportingLine.objects.filter(kpi__in=ids).values_list(
        "kpi_id", "board__short_name", "board__slug"
    )
    for kpi_id, short_name, slug in lines:
        by_board.setdefault((short_name, "board", slug), set()).add(kpi_id)
    by_board = dict(sorted(by_board.items(), key=lambda item: item[0][0].lower()))

    return render(
        request,
        "dashboard/home.html",
        {
            "filter": dashboard_filter,
            "figures": figures,
            "columns": COUNTED,
            "area_counts": rag_counts(rows, by_area, base_query, keep_gaps=True),
            "counted_kpis": len(rows),
            "counted_label": KpiStatus(base_query["status"]).label.lower(),
            "board_counts": rag_counts(rows, by_board, base_query),
            "red_rows": [row for row in rows if row.rag == Rag.RED],
            "moved_rows": [row for row in rows if row.moved],
            "overdue": _overdue_returns(request),
            "can_open_returns": is_manager(request.user) or is_officer(request.user),
            "proposed": Kpi.objects.proposed().order_by("code"),
            **_annex_overview(inspection),
        },
    )


def _overdue_returns(request: HttpRequest) -> list:
    """Recent periods with values missing or in draft after their deadline."""
    today = datetime.date.today()
    kpis = Kpi.objects.all()
    if is_officer(request.user) and not is_manager(request.user):
        kpis = Kpi.objects.entered_by(request.user)
    this_month = current_period(today)
    periods = [this_month.shift(-n) for n in range(1, OVERDUE_LOOKBACK + 1)]
    return [row for row in collection_status(kpis, periods, today) if row.overdue]


def _annex_overview(inspection: Inspection | None) -> dict:
    """What the Annex A holds and where its gaps are."""
    area_rows = list(
        Finding.objects.values("area")
        .annotate(
            first=Min("order"),
            strengths=Count("pk", filter=Q(kind=Finding.Kind.STRENGTH)),
            improvements=Count("pk", filter=Q(kind=Finding.Kind.IMPROVEMENT)),
            total=Count("pk"),
        )
        .order_by("first")
    )
    status_counts = dict(Kpi.objects.values_list("status").annotate(n=Count("pk")).order_by())
    return {
        "inspection": inspection,
        "area_rows": area_rows,
        "finding_totals": {
            "strengths": sum(row["strengths"] for row in area_rows),
            "improvements": sum(row["improvements"] for row in area_rows),
            "total": sum(row["total"] for row in area_rows),
        },
        "kpis_by_status": [
            {"status": status, "label": label, "count": status_counts.get(status, 0)}
            for status, label in KpiStatus.choices
        ],
        "kpi_total": sum(status_counts.values()),
        "proposed_kpis": status_counts.get(KpiStatus.PROPOSED, 0),
        "findings_without_kpis": Finding.objects.without_kpis().count(),
        "kpis_without_boards": kpis_reported_to_no_board().count(),
        "boards_receiving_nothing": Board.objects.filter(reporting_lines__isnull=True),
        "recommendation_count": Recommendation.objects.count(),
    }


def readiness(request: HttpRequest) -> HttpResponse:
    """Inspection readiness: each judgement area's findings with their KPIs' current RAG and
    trend, monitoring, open recommendations and open actions (of the area's findings and
    recommendations). The page a DCS prints before an inspection."""
    inspection = Inspection.objects.latest_first().select_related("framework").first()
    if inspection is None:
        return render(request, "dashboard/readiness.html", {"inspection": None})
    figures = figures_for(request)
    findings = list(
        Finding.objects.filter(inspection=inspection)
        .for_annex(statuses=figures.statuses)
        .order_by("judgement_area__order", "order")
    )
    kpis = {link.kpi.pk: link.kpi for finding in findings for link in finding.kpi_links.all()}
    rows = {
        row.kpi.pk: row
        for row in score_rows(
            list(kpis.values()), statuses=figures.statuses, approvers=figures.approvers
        )
    }
    recommendations = list(Recommendation.objects.open().select_related("judgement_area", "source"))
    # Open actions of this inspection's findings and of recommendations, by the judgement
    # area of what they answer (members' challenges belong to a board, not an area).
    actions: dict[int | None, list[Action]] = {}
    for action in (
        Action.objects.open()
        .filter(Q(finding__inspection=inspection) | Q(recommendation__isnull=False))
        .visible_to(request.user)
        .for_lists()
        .select_related("finding__judgement_area", "recommendation__judgement_area")
        .overdue_first(timezone.localdate())
    ):
        answers = action.finding or action.recommendation
        actions.setdefault(answers.judgement_area_id, []).append(action)
    areas = []
    for area in JudgementArea.objects.filter(framework=inspection.framework).order_by("order"):
        in_area = [finding for finding in findings if finding.judgement_area_id == area.pk]
        area_kpis = {link.kpi.pk for finding in in_area for link in finding.kpi_links.all()}
        areas.append(
            {
                "area": area,
                "findings": [
                    (finding, [rows[link.kpi.pk] for link in finding.kpi_links.all()])
                    for finding in in_area
                ],
                "summary": area_summary(
                    [rows[pk] for pk in sorted(area_kpis)],
                    sum(1 for finding in in_area if not finding.kpi_links.all()),
                ),
                "recommendations": [r for r in recommendations if r.judgement_area_id == area.pk],
                "actions": actions.pop(area.pk, []),
            }
        )
    return render(
        request,
        "dashboard/readiness.html",
        {
            "inspection": inspection,
            "figures": figures,
            "areas": [a for a in areas if a["findings"] or a["recommendations"] or a["actions"]],
            "other_recommendations": [
                r
                for r in recommendations
                if r.judgement_area_id not in {a["area"].pk for a in areas}
            ],
            "other_actions": [action for rest in actions.values() for action in rest],
        },
    )
