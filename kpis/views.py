from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from kpis.filters import KpiFilter
from kpis.models import Kpi
from kpis.tables import KpiTable


class KpiCatalogueView(ExportMixin, SingleTableMixin, FilterView):
    """The KPI catalogue: a sortable, filterable table that downloads as CSV or Excel."""

    model = Kpi
    table_class = KpiTable
    filterset_class = KpiFilter
    template_name = "kpis/catalogue.html"
    paginate_by = 50
    export_formats = ("csv", "xlsx")
    export_name = "kpis"

    def get_queryset(self):
        return Kpi.objects.for_catalogue()


catalogue = KpiCatalogueView.as_view()


def detail(request: HttpRequest, code: str) -> HttpResponse:
    kpi = get_object_or_404(Kpi.objects.select_related("owner", "status_changed_by"), code=code)
    # Mapped findings and reporting lines are declared by the findings and boards apps; this
    # page follows their relations back to the KPI.
    finding_links = kpi.finding_links.select_related("finding").order_by("finding__order")
    reporting_lines = kpi.reporting_lines.select_related("board").prefetch_related("occasions")
    return render(
        request,
        "kpis/detail.html",
        {"kpi": kpi, "finding_links": finding_links, "reporting_lines": reporting_lines},
    )
