"""The Annex A's KPI and monitoring cells.

Written as template tags rather than included templates because the living Annex A renders
hundreds of them; built with format_html, so every value is escaped.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from kpis.templatetags.kpi_format import kpi_status_tag, kpi_value, rag_tag

register = template.Library()


def _boards(lines) -> SafeString:
    if not lines:
        return SafeString("no board")
    return format_html_join(
        ", ",
        '<a class="govuk-link" href="{}">{}</a>{}',
        (
            (
                line.board.get_absolute_url(),
                line.board.short_name,
                f" ({line.get_frequency_display().lower()})" if line.frequency else "",
            )
            for line in lines
        ),
    )


def _kpi_item(link) -> SafeString:
    kpi = link.kpi
    latest = ""
    if kpi.latest_period:
        latest = format_html(
            '<span class="app-meta">{}: {} {}{}</span>',
            kpi.latest_period_obj.short_label,
            kpi_value(kpi.latest_value, kpi.unit),
            rag_tag(kpi.latest_rag),
            " (demo)" if kpi.latest_is_demo else "",
        )
    return format_html(
        '<li><a class="govuk-link" href="{}">{}</a>'
        '<span class="app-meta">{} {}</span>{}'
        '<span class="app-meta">Reported to: {}</span></li>',
        kpi.get_absolute_url(),
        kpi.title,
        kpi.code,
        kpi_status_tag(kpi.status, kpi.get_status_display()),
        latest,
        _boards(kpi.reporting_lines.all()),
    )


@register.simple_tag
def annex_kpis(links) -> SafeString:
    """The KPIs of a finding, each with its status, latest RAG and the boards that receive it.
    Needs the KPIs from Kpi.objects.with_latest() (FindingQuerySet.for_annex does that)."""
    if not links:
        return format_html(
            '<p class="govuk-body govuk-!-margin-bottom-0"><strong>{}</strong></p>', "No KPI mapped"
        )
    items = SafeString("".join(_kpi_item(link) for link in links))
    return format_html('<ul class="app-cell-list">{}</ul>', items)


def _monitoring_item(item) -> SafeString:
    lines = item.reporting_lines.all()
    received = format_html('<span class="app-meta">Reported to: {}</span>', _boards(lines))
    return format_html(
        '<li>{}{}<span class="app-meta">{}</span>{}</li>',
        item.name,
        f" ({item.get_frequency_display().lower()})" if item.frequency else "",
        item.get_kind_display(),
        received if lines else "",
    )


@register.simple_tag
def annex_monitoring(arrangements) -> SafeString:
    """Other monitoring of a finding, with the boards that receive it."""
    if not arrangements:
        return format_html('<p class="govuk-body govuk-!-margin-bottom-0">{}</p>', "None recorded")
    items = SafeString("".join(_monitoring_item(item) for item in arrangements))
    return format_html('<ul class="app-cell-list">{}</ul>', items)
