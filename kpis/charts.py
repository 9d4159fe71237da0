"""Charts from plain series: plotly figures for pages (and, later, packs), SVG sparklines.

Nothing here touches the database: callers pass lists of points. Colours meet WCAG contrast
against white, and every series is told apart by line style or marker shape as well as colour.
Figures are built as plotly's own JSON structure (a dict of data and layout) rather than through
plotly.graph_objects, whose validation costs tens of milliseconds a chart; plotly.js, plotly.io
and kaleido all take the dict as it is.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from kpis.chart_axes import fit_y_axis
from kpis.choices import Unit

# Council blue for the KPI, black for the target; comparators in colours with 4.5:1 contrast.
VALUE_COLOUR = "#0f385c"
TARGET_COLOUR = "#0b0c0c"
AMBER_FILL = "rgba(244, 119, 56, 0.22)"
COMPARATOR_COLOURS = {
    "England": "#5f3d7a",
    "Statistical neighbours": "#6b4b00",
    "Region": "#28574a",
}
UNIT_LABELS = {Unit.PERCENT: "%", Unit.DAYS: "days", Unit.COUNT: "count", Unit.NUMBER: "number"}


@dataclass(frozen=True)
class Point:
    """One value of a series at the first day of its period."""

    day: datetime.date
    value: Decimal | float | None
    provisional: bool = False
    revised: bool = False


@dataclass(frozen=True)
class Band:
    """The target and amber threshold in force at a period."""

    day: datetime.date
    target: Decimal | float | None
    amber: Decimal | float | None


def _float(number) -> float | None:
    return None if number is None else float(number)


def kpi_trend_figure(
    points: list[Point],
    bands: list[Band],
    comparators: dict[str, list[Point]],
    *,
    unit: Unit | str,
    title: str = "",
    start_at_zero: bool = False,
) -> dict:
    """A KPI's values over time with its target line, amber band and comparator series.

    Provisional values are drawn as open circles and revised values as diamonds, each with its
    own legend entry, so the marks do not rely on colour. The value axis is fitted to the
    values, target and amber threshold (chart_axes.fit_y_axis), so a KPI moving between 92
    and 97 does not look flat; `start_at_zero` runs it from zero instead.
    """
    data: list[dict] = []
    if bands and any(band.amber is not None for band in bands):
        days = [band.day for band in bands]
        data.append(
            dict(
                type="scatter",
                x=days,
                y=[_float(band.target) for band in bands],
                mode="lines",
                line={"width": 0, "shape": "hv"},
                hoverinfo="skip",
                showlegend=False,
            )
        )
        data.append(
            dict(
                type="scatter",
                x=days,
                y=[_float(band.amber) for band in bands],
                name="Amber band (between target and amber threshold)",
                mode="lines",
                fill="tonexty",
                fillcolor=AMBER_FILL,
                line={"width": 0, "shape": "hv"},
                hovertemplate="Amber threshold %{y}<extra></extra>",
            )
        )
    if bands:
        data.append(
            dict(
                type="scatter",
                x=[band.day for band in bands],
                y=[_float(band.target) for band in bands],
                name="Target",
                mode="lines",
                line={"color": TARGET_COLOUR, "dash": "dash", "width": 2, "shape": "hv"},
                hovertemplate="Target %{y}<extra></extra>",
            )
        )
    for name, series in comparators.items():
        data.append(
            dict(
                type="scatter",
                x=[point.day for point in series],
                y=[_float(point.value) for point in series],
                name=name,
                mode="lines+markers",
                line={"color": COMPARATOR_COLOURS.get(name, "#505a5f"), "dash": "dot"},
                marker={"symbol": "square", "size": 8},
                hovertemplate=f"{escape(name)} %{{y}}<extra></extra>",
            )
        )
    data.append(
        dict(
            x=[point.day for point in points],
            y=[_float(point.value) for point in points],
            name="Value",
            mode="lines+markers",
            line={"color": VALUE_COLOUR, "width": 3},
            marker={"size": 7, "color": VALUE_COLOUR},
            hovertemplate="%{x|%b %Y}: %{y}<extra></extra>",
        )
    )
    for label, chosen, symbol in (
        ("Provisional value", [p for p in points if p.provisional], "circle-open"),
        ("Revised value", [p for p in points if p.revised], "diamond"),
    ):
        if chosen:
            data.append(
                dict(
                    type="scatter",
                    x=[point.day for point in chosen],
                    y=[_float(point.value) for point in chosen],
                    name=label,
                    mode="markers",
                    marker={
                        "symbol": symbol,
                        "size": 14,
                        "color": VALUE_COLOUR,
                        "line": {"width": 2, "color": VALUE_COLOUR},
                    },
                    hovertemplate=f"{label}: %{{y}}<extra></extra>",
                )
            )
    layout = dict(
        title={"text": escape(title)} if title else None,
        font={"family": "Arial, sans-serif", "size": 14, "color": "#0b0c0c"},
        margin={"l": 60, "r": 20, "t": 40 if title else 10, "b": 40},
        hovermode="x unified",
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
        yaxis={
            "title": {"text": UNIT_LABELS.get(unit, "")},
            "gridcolor": "#e0e0e0",
            **_value_axis(data, unit, start_at_zero),
        },
        xaxis={"gridcolor": "#f0f0f0", "tickformat": "%b %Y"},
        height=420,
    )
    return {"data": [_plain(trace) for trace in data], "layout": layout}


def _value_axis(data: list[dict], unit: Unit | str, start_at_zero: bool) -> dict:
    """The value axis's range and tick step, fitted to everything drawn."""
    drawn = [_float(y) for trace in data for y in trace["y"]]
    if start_at_zero:
        drawn.append(0.0)
    ceiling = 100.0 if unit == Unit.PERCENT else None
    axis = fit_y_axis(drawn, floor=0.0, ceiling=ceiling)
    return {"range": [axis.low, axis.high], "dtick": axis.step}


def _plain(trace: dict) -> dict:
    """Dates and Decimals as JSON-ready values."""
    for axis in ("x", "y"):
        if axis in trace:
            trace[axis] = [
                value.isoformat() if isinstance(value, datetime.date) else value
                for value in trace[axis]
            ]
    return trace


def sparkline_svg(
    values: list[float | Decimal | None], *, width: int = 120, height: int = 28
) -> str:
    """A small inline SVG line of the recent values, for tables. Decorative: the table's own
    cells carry the numbers, so the SVG is hidden from assistive technology."""
    numbers = [float(value) for value in values if value is not None]
    if len(numbers) < 2:
        return ""
    low, high = min(numbers), max(numbers)
    spread = (high - low) or 1.0
    step = (width - 4) / (len(numbers) - 1)
    points = " ".join(
        f"{2 + index * step:.1f},{height - 2 - (number - low) / spread * (height - 4):.1f}"
        for index, number in enumerate(numbers)
    )
    last_x, last_y = points.split(" ")[-1].split(",")
    return (
        f'<svg class="app-sparkline" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-hidden="true" focusable="false">'
        f'<polyline fill="none" stroke="{VALUE_COLOUR}" stroke-width="2" points="{points}"/>'
        f'<circle cx="{last_x}" cy="{last_y}" r="3" fill="{VALUE_COLOUR}"/></svg>'
    )
