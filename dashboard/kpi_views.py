"""The KPI scorecard and the KPI page: a KPI's figures (from kpis) with the boards that receive
it (from boards) and the findings it evidences (from findings)."""

from django.db.models import Case, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from boards.models import ReportingLine, board_lines
from dashboard.filters import ScorecardFilter
from dashboard.tables import ScorecardTable
from findings.models import FindingKpi
from kpis.choices import KpiStatus
from kpis.figures import figures_for
from kpis.kpi_page import kpi_page_context
from kpis.models import Kpi
from kpis.scorecard import score_rows
from wokingham_cs.tables import ExportMixin, PagedTableMixin

LIFECYCLE_ORDER = [KpiStatus.LIVE, KpiStatus.AGREED, KpiStatus.PROPOSED, KpiStatus.RETIRED]


class ScorecardView(ExportMixin, PagedTableMixin, SingleTableMixin, FilterView):
    """The KPI scorecard: every KPI with its latest value, RAG, direction of travel, trend and
    boards; sortable, filterable and downloadable as CSV or Excel."""

    model = Kpi
    table_class = ScorecardTable
    filterset_class = ScorecardFilter
    template_name = "dashboard/scorecard.html"
    export_formats = ("csv", "xlsx")
    export_name = "kpis"

    def get_queryset(self):
        self.figures = figures_for(self.request)
        # Live KPIs first, then agreed, proposed and retired ones; by code within each.
        lifecycle = Case(
            *(When(status=status, then=rank) for rank, status in enumerate(LIFECYCLE_ORDER)),
            default=len(LIFECYCLE_ORDER),
        )
        return (
            Kpi.objects.select_related("owner")
            .with_latest(statuses=self.figures.statuses)
            .prefetch_related(board_lines())
            .order_by(lifecycle, "code")
        )

    def get_table_data(self):
        rows = score_rows(
            list(self.object_list),
            statuses=self.figures.statuses,
            approvers=self.figures.approvers,
        )
        rag = self.filterset.form.cleaned_data.get("rag") if self.filterset.is_valid() else None
        return [row for row in rows if row.rag.value == rag] if rag else rows

    def get_export_filename(self, export_format: str) -> str:
        # The file says which figures it holds.
        return f"{self.export_name}-{self.figures.file_suffix}.{export_format}"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "figures": self.figures}


scorecard = ScorecardView.as_view()


def kpi_detail(request: HttpRequest, code: str) -> HttpResponse:
    kpi = get_object_or_404(Kpi.objects.select_related("owner", "status_changed_by"), code=code)
    return render(
        request,
        "dashboard/kpi.html",
        {
            **kpi_page_context(request, kpi),
            "finding_links": FindingKpi.objects.filter(kpi=kpi)
            .select_related("finding")
            .order_by("finding__order"),
            "reporting_lines": ReportingLine.objects.filter(kpi=kpi)
            .in_board_order()
            .prefetch_related("meetings"),
        },
    )
