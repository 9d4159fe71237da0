"""The Annex A's KPI and monitoring cells.

Written as template tags rather than included templates because the living Annex A renders
hundreds of them, and with the standard library's html.escape rather than format_html, whose
lazy-string checks cost more than everything else on the page. Every value is escaped.
"""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from kpis.templatetags.kpi_format import kpi_status_html, kpi_value, rag_html

register = template.Library()


def _boards(lines) -> str:
    if not lines:
        return "no board"
    return ", ".join(
        f'<a class="govuk-link" href="{escape(line.board.get_absolute_url())}">'
        f"{escape(line.board.short_name)}</a>"
        + (f" ({escape(line.get_frequency_display().lower())})" if line.frequency else "")
        for line in lines
    )


def _kpi_item(link) -> str:
    kpi = link.kpi
    latest = ""
    if kpi.latest_period:
        latest = (
            f'<span class="app-meta">{escape(kpi.latest_period_obj.short_label)}: '
            f"{escape(kpi_value(kpi.latest_value, kpi.unit))} {rag_html(kpi.latest_rag)}"
            f"{' (demo)' if kpi.latest_is_demo else ''}</span>"
        )
    return (
        f'<li><a class="govuk-link" href="{escape(kpi.get_absolute_url())}">{escape(kpi.title)}'
        f'</a><span class="app-meta">{escape(kpi.code)} '
        f"{kpi_status_html(kpi.status, kpi.get_status_display())}</span>{latest}"
        f'<span class="app-meta">Reported to: {_boards(kpi.reporting_lines.all())}</span></li>'
    )


@register.simple_tag
def annex_kpis(links) -> SafeString:
    """The KPIs of a finding, each with its status, latest RAG and the boards that receive it.
    Needs the KPIs from Kpi.objects.with_latest() (FindingQuerySet.for_annex does that)."""
    if not links:
        return mark_safe(
            '<p class="govuk-body govuk-!-margin-bottom-0"><strong>No KPI mapped</strong></p>'
        )
    return mark_safe(f'<ul class="app-cell-list">{"".join(map(_kpi_item, links))}</ul>')


def _monitoring_item(item) -> str:
    lines = item.reporting_lines.all()
    frequency = f" ({escape(item.get_frequency_display().lower())})" if item.frequency else ""
    received = f'<span class="app-meta">Reported to: {_boards(lines)}</span>' if lines else ""
    return (
        f"<li>{escape(item.name)}{frequency}"
        f'<span class="app-meta">{escape(item.get_kind_display())}</span>{received}</li>'
    )


@register.simple_tag
def annex_monitoring(arrangements) -> SafeString:
    """Other monitoring of a finding, with the boards that receive it."""
    if not arrangements:
        return mark_safe('<p class="govuk-body govuk-!-margin-bottom-0">None recorded</p>')
    items = "".join(map(_monitoring_item, arrangements))
    return mark_safe(f'<ul class="app-cell-list">{items}</ul>')
