import django_tables2 as tables
from django.utils.html import format_html_join

from kpis.models import Kpi


class KpiTable(tables.Table):
    code = tables.Column(linkify=True, verbose_name="Code")
    title = tables.Column(verbose_name="KPI")
    status = tables.TemplateColumn(
        template_name="kpis/_status_cell.html", verbose_name="Status", order_by=("status", "code")
    )
    unit = tables.Column(verbose_name="Unit")
    polarity = tables.Column(verbose_name="Better when")
    frequency = tables.Column(verbose_name="Frequency")
    owner = tables.Column(verbose_name="Owner", default="Not set", order_by=("owner__last_name",))
    boards = tables.Column(verbose_name="Reported to", empty_values=(), orderable=False)

    class Meta:
        model = Kpi
        fields = ("code", "title", "status", "unit", "polarity", "frequency", "owner", "boards")
        attrs = {"class": "govuk-table app-table--small"}
        order_by = "code"

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

    def value_boards(self, record: Kpi) -> str:
        return "; ".join(line.board.short_name for line in record.reporting_lines.all())
