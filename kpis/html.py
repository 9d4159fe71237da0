"""The only place that builds HTML in Python and marks it safe.

Status tags, sparklines and SVG charts are written here rather than as included templates
because long lists show hundreds of them, and an include costs a template render each time.
Every piece of text is escaped; the classes and shapes are fixed strings of ours.
tests/kpis/test_html.py pushes markup and quotes through every function.
"""

import functools
import json
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

from kpis.chart_svg import figure_svg
from kpis.charts import sparkline_svg
from kpis.choices import KpiStatus
from kpis.rag import Direction, Rag

# The word is always shown; colour only adds to it (WCAG 1.4.1).
RAG_TAG_CLASSES = {
    Rag.GREEN: "govuk-tag--green",
    Rag.AMBER: "govuk-tag--orange",
    Rag.RED: "govuk-tag--red",
    Rag.NOT_DUE: "govuk-tag--blue",
}
STATUS_TAG_CLASSES = {
    KpiStatus.LIVE: "govuk-tag--green",
    KpiStatus.PROPOSED: "govuk-tag--yellow",
    KpiStatus.AGREED: "govuk-tag--blue",
}
DIRECTION_ARROWS = {
    Direction.IMPROVING: "↑ ",
    Direction.WORSENING: "↓ ",
    Direction.NO_CHANGE: "→ ",
}


def rag_tag(rag: Rag) -> SafeString:
    """A RAG status as a GOV.UK tag: the word, with colour as an extra."""
    css = RAG_TAG_CLASSES.get(rag, "govuk-tag--grey")
    return mark_safe(f'<strong class="govuk-tag app-rag {css}">{escape(rag.label)}</strong>')


def kpi_status_tag(status: KpiStatus | str, label: str) -> SafeString:
    css = STATUS_TAG_CLASSES.get(status, "govuk-tag--grey")
    return mark_safe(f'<strong class="govuk-tag {css}">{escape(label)}</strong>')


def direction_tag(direction: Direction) -> SafeString:
    """Direction of travel in words; the arrow is decoration, hidden from screen readers."""
    arrow = DIRECTION_ARROWS.get(direction, "")
    hidden = f'<span aria-hidden="true">{arrow}</span>' if arrow else ""
    return mark_safe(f'<span class="app-direction">{hidden}{escape(direction.label)}</span>')


def sparkline(values: list[Decimal | float | None]) -> SafeString:
    """A decorative trend line for tables (the table's cells carry the numbers)."""
    return mark_safe(sparkline_svg([float(value) for value in values if value is not None]))


def svg_chart(figure: dict, *, title: str, description: str, chart_id: str) -> SafeString:
    """A `kpis.charts` figure drawn as inline SVG (kpis.chart_svg), for PDFs and the pages that
    show the same content. figure_svg escapes every piece of text it writes: the title,
    description, legend names and labels.

    The same figure gives the same SVG, so it is cached by the figure's JSON: a pack redrawn
    with unchanged values draws no chart twice.
    """
    key = json.dumps(figure, sort_keys=True, default=str)
    return mark_safe(_drawn(key, title, description, chart_id))


@functools.lru_cache(maxsize=1024)
def _drawn(figure_json: str, title: str, description: str, chart_id: str) -> str:
    return figure_svg(
        json.loads(figure_json), title=title, description=description, chart_id=chart_id
    )


def clear_chart_cache() -> None:
    """Forget the drawn charts (for the benchmark's cold runs)."""
    _drawn.cache_clear()
