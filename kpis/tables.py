import django_tables2 as tables
from django.template.loader import render_to_string
from django.utils.html import format_html_join

from kpis.models import Kpi
from kpis.templatetags.kpi_format import plain_number


class KpiTable(tables.Table):
    code = tables.Column(linkify=True, verbose_name="Code")
    title = tables.Column(verbose_name="KPI")
    status = tables.Column(verbose_name="Status", order_by=("status", "code"))
    unit = tables.Column(verbose_name="Unit")
    polarity = tables.Column(verbose_name="Better when")
    frequency = tables.Column(verbose_name="Frequency")
    latest = tables.Column(
        verbose_name="Latest value", order_by=("latest_period",), empty_values=()
    )
    rag = tables.Column(verbose_name="RAG", orderable=False, empty_values=())
    owner = tables.Column(verbose_name="Owner", default="Not set", order_by=("owner__last_name",))
    boards = tables.Column(verbose_name="Reported to", empty_values=(), orderable=False)

    class Meta:
        model = Kpi
        fields = ("code", "title", "status", "latest", "rag", "unit", "polarity", "frequency",
                  "owner", "boards")  # fmt: skip
        attrs = {"class": "govuk-table app-table--small"}
        order_by = "code"

    # Cells are rendered without the request, so no context processor runs once per cell.
    def render_status(self, record: Kpi) -> str:
        return render_to_string("kpis/_status_cell.html", {"record": record})

    def render_latest(self, record: Kpi) -> str:
        return render_to_string("kpis/_latest_cell.html", {"record": record})

    def render_rag(self, record: Kpi) -> str:
        return render_to_string("kpis/_rag_cell.html", {"record": record})

    def render_polarity(self, record: Kpi) -> str:
        return {"higher": "Higher", "lower": "Lower"}.get(record.polarity, "No polarity")

    def render_owner(self, record: Kpi) -> str:
        return record.owner.get_full_name() or record.owner.username

    def render_boards(self, record: Kpi) -> str:
        lines = record.reporting_lines.all()
        if not lines:
            return "None"
        return format_html_join(", ", "{}", ((line.board.short_name,) for line in lines))

    def value_status(self, record: Kpi) -> str:
        return record.get_status_display()

    def value_owner(self, record: Kpi) -> str:
        return record.owner.get_full_name() or record.owner.username if record.owner else ""

    def value_latest(self, record: Kpi) -> str:
        if record.latest_period is None:
            return ""
        return f"{record.latest_period_obj}: {plain_number(record.latest_value)}"

    def value_rag(self, record: Kpi) -> str:
        return record.latest_rag.label

    def value_boards(self, record: Kpi) -> str:
        return "; ".join(line.board.short_name for line in record.reporting_lines.all())
