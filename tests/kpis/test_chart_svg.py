"""KPI trend charts drawn as SVG from the dashboards' plotly figures, for PDF packs."""

import datetime
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
import weasyprint
from hypothesis import given, settings
from hypothesis import strategies as st

from kpis.chart_axes import fit_y_axis, tick_label
from kpis.chart_svg import default_description, figure_svg
from kpis.charts import AMBER_FILL, COMPARATOR_COLOURS, Band, Point, kpi_trend_figure

SVG = "{http://www.w3.org/2000/svg}"


def month(number: int) -> datetime.date:
    """The first day of the number-th month from April 2024."""
    year, index = divmod(2024 * 12 + 3 + number, 12)
    return datetime.date(year, index + 1, 1)


def trend(
    values,
    *,
    target=95,
    amber=90,
    provisional=(),
    revised=(),
    comparators=None,
    unit="percent",
) -> dict:
    points = [
        Point(month(n), None if v is None else Decimal(str(v)), n in provisional, n in revised)
        for n, v in enumerate(values)
    ]
    bands = [Band(month(n), target, amber) for n in range(len(values))] if target else []
    series = {
        name: [Point(month(n), Decimal(str(v))) for n, v in enumerate(numbers)]
        for name, numbers in (comparators or {}).items()
    }
    return kpi_trend_figure(points, bands, series, unit=unit)


def draw(figure: dict, title="Care leavers in touch", description="A chart.") -> ET.Element:
    return ET.fromstring(figure_svg(figure, title=title, description=description))


def elements(svg: ET.Element, tag: str, css_class: str) -> list[ET.Element]:
    return [e for e in svg.iter(SVG + tag) if css_class in e.get("class", "").split()]


def plotted(svg: ET.Element, tag: str, css_class: str) -> list[ET.Element]:
    """Elements drawn in the plot, not the legend's samples."""
    (traces,) = elements(svg, "g", "traces")
    return elements(traces, tag, css_class)


def markers(svg: ET.Element, symbol: str) -> ET.Element:
    (path,) = plotted(svg, "path", symbol)
    return path


def marker_points(path: ET.Element) -> list[tuple[float, float]]:
    """Each marker is drawn from a move to its point."""
    return [(float(x), float(y)) for x, y in re.findall(r"M(-?[\d.]+),(-?[\d.]+)", path.get("d"))]


def value_markers(svg: ET.Element) -> list[tuple[float, float]]:
    found = plotted(svg, "path", "circle")
    return marker_points(found[0]) if found else []


def y_tick_labels(svg: ET.Element) -> list[str]:
    (group,) = elements(svg, "g", "y-ticks")
    return [text.text for text in group.iter(SVG + "text") if not text.get("class")]


def path_points(d: str) -> list[list[tuple[float, float]]]:
    """The vertices of each subpath of a path made of M, L, H and V commands."""
    subpaths: list[list[tuple[float, float]]] = []
    x = y = 0.0
    for command, first, second in re.findall(r"([MLHV])(-?[\d.]+)(?:,(-?[\d.]+))?", d):
        if command in "ML":
            x, y = float(first), float(second)
        elif command == "H":
            x = float(first)
        else:
            y = float(first)
        if command == "M":
            subpaths.append([])
        subpaths[-1].append((x, y))
    return subpaths


SAMPLE = trend(
    [94.5, 95.2, 96.0, None, 95.5, 94.1, 93.0, 95.5],
    provisional=(7,),
    revised=(2,),
    comparators={"England": [93.0, 93.4, 93.9], "Statistical neighbours": [92.1, 92.5, 92.8]},
)


def test_the_svg_is_an_image_named_by_its_title_and_description():
    svg = draw(SAMPLE, title="Care leavers in touch", description="Latest 95.5%, target 95%")
    assert svg.tag == SVG + "svg"
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.find(SVG + "title").get("id") == title_id
    assert svg.find(SVG + "title").text == "Care leavers in touch"
    assert svg.find(SVG + "desc").get("id") == desc_id
    assert svg.find(SVG + "desc").text == "Latest 95.5%, target 95%"
    assert svg.get("viewBox") == "0 0 640 280"


def test_each_drawn_trace_is_one_line_in_its_own_colour_and_dash():
    lines = plotted(draw(SAMPLE), "path", "line")
    # Target, two comparators and the value; the band's edges are drawn with no line.
    assert [(line.get("stroke"), line.get("stroke-dasharray")) for line in lines] == [
        ("#0b0c0c", "9,9"),
        (COMPARATOR_COLOURS["England"], "3,3"),
        (COMPARATOR_COLOURS["Statistical neighbours"], "3,3"),
        ("#0f385c", None),
    ]


def test_the_amber_band_is_filled_only_when_there_is_an_amber_threshold():
    (band,) = elements(draw(SAMPLE), "polygon", "band")
    assert band.get("fill") == "#f47738" and band.get("fill-opacity") == "0.22"
    assert "0.22" in AMBER_FILL
    assert elements(draw(trend([94, 96, 95], amber=None)), "polygon", "band") == []
    assert elements(draw(trend([94, 96, 95], target=None)), "polygon", "band") == []


def test_the_amber_band_runs_from_the_target_down_to_the_amber_threshold():
    svg = draw(trend([92, 97], target=95, amber=90))
    (band,) = elements(svg, "polygon", "band")
    band_ys = {float(point.split(",")[1]) for point in band.get("points").split()}
    target_line = plotted(svg, "path", "line")[0]
    target_y = path_points(target_line.get("d"))[0][0][1]
    assert min(band_ys) == target_y
    assert len(band_ys) == 2


def test_a_missing_value_leaves_a_gap_in_the_line():
    lines = plotted(draw(trend([94, 95, None, 96, 97])), "path", "line")
    assert [len(subpath) for subpath in path_points(lines[-1].get("d"))] == [2, 2]
    assert len(value_markers(draw(trend([94, 95, None, 96, 97])))) == 4


def test_the_target_is_drawn_as_steps():
    svg = draw(trend([94, 95, 96], target=95, amber=None))
    (target_line, _) = plotted(svg, "path", "line")
    assert "H" in target_line.get("d") and "L" not in target_line.get("d")


def test_provisional_values_are_open_circles_and_revised_values_diamonds():
    svg = draw(SAMPLE)
    centres = value_markers(svg)
    provisional = markers(svg, "circle-open")
    assert provisional.get("fill") == "none" and provisional.get("stroke") == "#0f385c"
    assert marker_points(provisional) == [centres[-1]]
    assert re.fullmatch(r"M[\d.]+,[\d.]+m-7,0a7,7 0 1 0 14,0a7,7 0 1 0 -14,0", provisional.get("d"))
    revised = markers(svg, "diamond")
    assert revised.get("fill") == "#0f385c"
    assert marker_points(revised) == [centres[2]]
    assert re.fullmatch(r"M[\d.]+,[\d.]+m0,-9.1l9.1,9.1l-9.1,9.1l-9.1,-9.1z", revised.get("d"))


def test_comparators_have_square_markers():
    squares = plotted(draw(SAMPLE), "path", "square")
    assert [len(marker_points(path)) for path in squares] == [3, 3]
    assert all(path.get("d").endswith("m-4,-4h8v8h-8z") for path in squares)


def test_the_legend_names_every_trace_shown_in_it_with_a_sample():
    (legend,) = elements(draw(SAMPLE), "g", "legend")
    assert [text.text for text in legend.iter(SVG + "text")] == [
        "Amber band (between target and amber threshold)",
        "Target",
        "England",
        "Statistical neighbours",
        "Value",
        "Provisional value",
        "Revised value",
    ]
    assert len(list(legend.iter(SVG + "rect"))) == 1  # the band's swatch
    assert len(elements(legend, "path", "line")) == 4
    assert [path.get("class") for path in elements(legend, "path", "markers")] == [
        "markers square",
        "markers square",
        "markers circle",
        "markers circle-open",
        "markers diamond",
    ]


def test_a_kpi_with_one_value_still_shows_its_target_and_amber_band():
    svg = draw(trend([71.4], target=75, amber=70))
    (area,) = elements(svg, "rect", "plot-area")
    (target_line,) = plotted(svg, "path", "line")  # a lone value has no line, only its marker
    (level,) = path_points(target_line.get("d"))
    assert level[-1][0] - level[0][0] > float(area.get("width")) / 2
    assert len(plotted(svg, "polygon", "band")) == 1


def test_a_trace_kept_out_of_the_legend_is_not_listed():
    figure = trend([94, 95], comparators={"England": [93, 94]})
    figure["data"][3]["showlegend"] = False
    (legend,) = elements(draw(figure), "g", "legend")
    assert "England" not in [text.text for text in legend.iter(SVG + "text")]


def test_the_amber_band_steps_when_the_threshold_changes():
    figure = kpi_trend_figure(
        [Point(month(n), Decimal(94)) for n in range(4)],
        [Band(month(n), 95, 90 if n < 2 else 92) for n in range(4)],
        {},
        unit="percent",
    )
    svg = draw(figure)
    (band,) = plotted(svg, "polygon", "band")
    corners = [tuple(map(float, point.split(","))) for point in band.get("points").split()]
    x_of_third = value_markers(svg)[2][0]
    # Along the threshold edge: level to the third period, then straight down to the new level.
    steps = [(x, y) for x, y in corners if x == x_of_third]
    assert len(steps) == 3  # two on the amber edge, one on the (level) target edge


def test_text_from_users_is_escaped():
    nasty = "<script>alert(1)</script> & \"quoted\" 'single'"
    figure = trend([94, 95], comparators={nasty: [93, 94]})
    text = figure_svg(figure, title=nasty, description=nasty)
    assert "<script" not in text
    svg = ET.fromstring(text)
    assert svg.find(SVG + "title").text == nasty
    assert svg.find(SVG + "desc").text == nasty
    assert nasty in [t.text for t in elements(svg, "g", "legend")[0].iter(SVG + "text")]


def test_the_y_axis_fits_the_values_target_and_amber_threshold_not_zero():
    svg = draw(trend([92, 93.5, 97, 96], target=95, amber=None))
    assert y_tick_labels(svg) == ["92", "93", "94", "95", "96", "97"]
    axis = fit_y_axis([92, 93.5, 97, 96, 95, 80])
    assert 70 < axis.low < 80 and 97 < axis.high < 100


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([0, 100], [0, 20, 40, 60, 80, 100]),
        ([90, 92, 97, 95], [90, 92, 94, 96]),
        ([12, 14, 15, 16, 13], [12, 13, 14, 15, 16]),
        ([0.12, 0.31], [0.15, 0.2, 0.25, 0.3]),
        ([1200, 5300], [1000, 2000, 3000, 4000, 5000]),
        ([-3, 4], [-2, 0, 2, 4]),
        ([50, 50], [49, 49.5, 50, 50.5, 51]),
        ([20, 32.5], [20, 22.5, 25, 27.5, 30, 32.5]),
    ],
)
def test_y_ticks_are_nice_numbers(values, expected):
    assert fit_y_axis(values).ticks == expected


def test_a_percentage_axis_stops_at_100_and_a_positive_one_at_zero():
    assert fit_y_axis([60, 100, 95], ceiling=100).high == 100
    assert fit_y_axis([0, 3, 5]).low == 0
    assert fit_y_axis([0, 3, 105], ceiling=100).high > 105
    assert fit_y_axis([-1, 3, 5]).low < -1


@pytest.mark.parametrize(
    ("value", "step", "label"),
    [(87.5, 2.5, "87.5"), (90.0, 2.5, "90"), (1000, 500, "1,000"), (0.15, 0.05, "0.15")],
)
def test_tick_labels_show_only_the_decimals_the_step_needs(value, step, label):
    assert tick_label(value, step) == label


def test_the_x_axis_is_labelled_by_month_and_year_on_financial_quarters():
    svg = draw(trend([90 + n % 5 for n in range(24)]))
    (group,) = elements(svg, "g", "x-ticks")
    labels = [text.text for text in group.iter(SVG + "text")]
    assert labels == [
        "Apr 24",
        "Jul 24",
        "Oct 24",
        "Jan 25",
        "Apr 25",
        "Jul 25",
        "Oct 25",
        "Jan 26",
    ]
    longer = draw(trend([90 + n % 5 for n in range(36)]))
    (group,) = elements(longer, "g", "x-ticks")
    assert [text.text for text in group.iter(SVG + "text")][:3] == ["Apr 24", "Oct 24", "Apr 25"]
    short = draw(trend([90, 91, 92, 93, 94, 95]))
    (group,) = elements(short, "g", "x-ticks")
    assert [text.text for text in group.iter(SVG + "text")][:3] == ["Apr 24", "May 24", "Jun 24"]


def test_the_same_figure_gives_the_same_bytes():
    first = figure_svg(SAMPLE, title="A", description="B")
    rebuilt = trend(
        [94.5, 95.2, 96.0, None, 95.5, 94.1, 93.0, 95.5],
        provisional=(7,),
        revised=(2,),
        comparators={"England": [93.0, 93.4, 93.9], "Statistical neighbours": [92.1, 92.5, 92.8]},
    )
    assert figure_svg(rebuilt, title="A", description="B") == first


def test_the_default_description_gives_the_period_latest_value_and_target():
    assert default_description(SAMPLE) == (
        "Values from Apr 2024 to Nov 2024; latest 95.5% (Nov 2024), target 95%, "
        "amber threshold 90%; compared with England and Statistical neighbours."
    )
    assert default_description(trend([], target=None)) == "No values to chart."


def test_a_figure_with_no_values_still_draws_an_empty_chart():
    svg = draw(trend([None, None], target=None))
    assert plotted(svg, "path", "line") == []
    assert value_markers(svg) == []


def test_a_range_set_in_the_layout_is_kept():
    figure = trend([92, 97])
    figure["layout"]["yaxis"].update(range=[0, 100], dtick=20)
    assert y_tick_labels(draw(figure)) == ["0", "20", "40", "60", "80", "100"]


def test_only_scatter_traces_can_be_drawn():
    with pytest.raises(ValueError, match="Only scatter traces"):
        figure_svg({"data": [{"type": "bar", "x": [], "y": []}]}, title="", description="")


@given(st.lists(st.floats(-1e9, 1e9), min_size=1, max_size=20), st.sampled_from([None, 100]))
def test_the_axis_holds_every_value_with_a_handful_of_ticks(values, ceiling):
    axis = fit_y_axis(values, ceiling=ceiling)
    assert axis.low <= min(values) and max(values) <= axis.high
    assert 3 <= len(axis.ticks) <= 8
    assert all(axis.low <= tick <= axis.high for tick in axis.ticks)


numbers = st.decimals(min_value=-100_000, max_value=100_000, places=2, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.one_of(st.none(), numbers), min_size=1, max_size=40),
    target=st.one_of(st.none(), numbers),
    amber=st.one_of(st.none(), numbers),
    comparator=st.lists(numbers, max_size=12),
    unit=st.sampled_from(["percent", "days", "count"]),
)
def test_every_plotted_point_lies_inside_the_plot_area(values, target, amber, comparator, unit):
    figure = trend(
        values,
        target=target,
        amber=amber if target is not None else None,
        comparators={"England": comparator} if comparator else {},
        unit=unit,
    )
    svg = draw(figure)
    (area,) = elements(svg, "rect", "plot-area")
    left, top = float(area.get("x")), float(area.get("y"))
    right, bottom = left + float(area.get("width")), top + float(area.get("height"))
    points = [
        point
        for line in plotted(svg, "path", "line")
        for p in path_points(line.get("d"))
        for point in p
    ]
    for band in elements(svg, "polygon", "band"):
        points += [tuple(map(float, p.split(","))) for p in band.get("points").split()]
    points += [point for path in plotted(svg, "path", "markers") for point in marker_points(path)]
    for x, y in points:
        assert left - 0.06 <= x <= right + 0.06 and top - 0.06 <= y <= bottom + 0.06, (x, y)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_the_chart_renders_in_a_weasyprint_pdf_with_its_text_readable(tmp_path):
    svg = figure_svg(SAMPLE, title="Care leavers in touch", description=default_description(SAMPLE))
    html = (
        "<html><head><style>@page { size: A4; margin: 20mm } svg { width: 100%; height: auto }"
        f"</style></head><body><h1>Care leavers in touch</h1>{svg}</body></html>"
    )
    pdf = tmp_path / "chart.pdf"
    pdf.write_bytes(weasyprint.HTML(string=html).write_pdf())
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for label in ["Statistical neighbours", "Provisional value", "Target", "Apr 24", "96", "%"]:
        assert label in text
