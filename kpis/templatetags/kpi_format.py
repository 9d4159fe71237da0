"""Template tags for KPI figures and statuses. The work is done in kpis.formatting (text) and
kpis.html (markup); this module only registers them for templates."""

from django import template

from kpis import formatting, html

register = template.Library()

register.filter("kpi_value", formatting.kpi_value)
register.simple_tag(html.rag_tag, name="rag_tag")
register.simple_tag(html.kpi_status_tag, name="kpi_status_tag")
register.simple_tag(html.direction_tag, name="direction_tag")
register.simple_tag(html.sparkline, name="sparkline")
