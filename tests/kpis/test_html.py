"""kpis/html.py is the one place that marks HTML built in Python as safe: every piece of text it
puts in the page is escaped."""

import datetime
from decimal import Decimal

import pytest

from kpis import html
from kpis.charts import Point, kpi_trend_figure
from kpis.rag import Direction, Rag

NASTY = "<script>alert('x')</script> & \"quoted\""


def assert_escaped(markup: str) -> None:
    assert "<script" not in markup
    assert "&lt;script&gt;" in markup
    assert "&quot;quoted&quot;" in markup or "&#x27;" in markup


def test_a_kpi_status_label_is_escaped():
    assert_escaped(html.kpi_status_tag("live", NASTY))


def test_an_unknown_status_gets_the_grey_tag_and_an_escaped_label():
    markup = html.kpi_status_tag('"><script>', NASTY)
    assert 'class="govuk-tag govuk-tag--grey"' in markup
    assert_escaped(markup)


class Labelled:
    """Something with a label, as a RAG or direction is, carrying hostile text."""

    label = NASTY

    def __hash__(self) -> int:
        return 0


def test_rag_and_direction_labels_are_escaped():
    assert_escaped(html.rag_tag(Labelled()))
    assert_escaped(html.direction_tag(Labelled()))


@pytest.mark.parametrize("rag", list(Rag))
def test_every_rag_shows_its_word(rag):
    assert f">{rag.label}</strong>" in html.rag_tag(rag)


@pytest.mark.parametrize("direction", list(Direction))
def test_every_direction_shows_its_word_and_hides_the_arrow(direction):
    markup = html.direction_tag(direction)
    assert markup.endswith(f"{direction.label}</span>")
    if direction != Direction.NOT_COMPARABLE:
        assert '<span aria-hidden="true">' in markup


def test_a_sparkline_is_numbers_only_and_hidden_from_screen_readers():
    markup = html.sparkline([Decimal("1.5"), None, Decimal("3")])
    assert markup.startswith('<svg class="app-sparkline"') and 'aria-hidden="true"' in markup
    assert set(markup.split('points="')[1].split('"')[0]) <= set("0123456789., ")
    assert html.sparkline([Decimal("1")]) == ""


def chart_figure(name: str) -> dict:
    points = [Point(datetime.date(2026, month, 1), Decimal(80 + month)) for month in (8, 9, 10)]
    figure = kpi_trend_figure(points, [], {name: points[:1]}, unit="percent")
    # A comparator's name as the figure carries it, unescaped, as a chart from elsewhere may.
    figure["data"][0]["name"] = name
    return figure


def test_a_chart_escapes_its_title_description_id_and_legend():
    markup = html.svg_chart(
        chart_figure(NASTY), title=NASTY, description=NASTY, chart_id='x" onload="alert(1)'
    )
    assert markup.startswith("<svg ") and markup.endswith("</svg>")
    assert "<script" not in markup and 'onload="alert' not in markup
    assert markup.count("&lt;script&gt;") >= 3


def test_the_same_figure_is_drawn_once():
    html.clear_chart_cache()
    figure = chart_figure("England")
    first = html.svg_chart(figure, title="PEP", description="Values", chart_id="chart-PEP")
    again = html.svg_chart(
        chart_figure("England"), title="PEP", description="Values", chart_id="chart-PEP"
    )
    assert first == again
    assert html._drawn.cache_info().hits == 1
    other = html.svg_chart(figure, title="PEP", description="Values", chart_id="chart-PEP-2")
    assert other != first and html._drawn.cache_info().misses == 2
