from django.db.models import Count, Min, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from boards.models import Board, Recommendation
from findings.models import Finding, Inspection
from kpis.models import Kpi, KpiStatus


def home(request: HttpRequest) -> HttpResponse:
    """The overview: what the Annex A holds, and where the gaps are."""
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
    kpis_by_status = [
        {"status": status, "label": label, "count": status_counts.get(status, 0)}
        for status, label in KpiStatus.choices
    ]
    return render(
        request,
        "dashboard/home.html",
        {
            "inspection": Inspection.objects.latest_first().select_related("framework").first(),
            "area_rows": area_rows,
            "finding_totals": {
                "strengths": sum(row["strengths"] for row in area_rows),
                "improvements": sum(row["improvements"] for row in area_rows),
                "total": sum(row["total"] for row in area_rows),
            },
            "kpis_by_status": kpis_by_status,
            "kpi_total": sum(status_counts.values()),
            "proposed_kpis": status_counts.get(KpiStatus.PROPOSED, 0),
            "findings_without_kpis": Finding.objects.without_kpis().count(),
            "kpis_without_boards": Kpi.objects.without_reporting_lines().count(),
            "boards_receiving_nothing": Board.objects.filter(reporting_lines__isnull=True),
            "recommendation_count": Recommendation.objects.count(),
        },
    )
