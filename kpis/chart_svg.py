"""Static SVG charts drawn from the plotly figures in kpis.charts, for PDFs.

Board packs are made with WeasyPrint, which runs no JavaScript, and plotly's own static export
needs a Chromium and takes seconds a figure. This module draws the figure dict that the dashboards
hand to plotly.js as a small, accessible SVG in about a millisecond. It covers what
`kpi_trend_figure` produces: scatter traces drawn as lines, steps and markers, a band filled
between two traces, date and value axes, and a legend; hover settings are ignored.

Pure: no database and no Django. The same figure gives the same bytes, so output can be cached.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass
from html import escape
from itertools import pairwise

from kpis.chart_axes import (
    MONTHS,
    YAxis,
    fit_y_axis,
    month_label,
    month_ticks,
    nice_step,
    tick_label,
)
from kpis.charts import UNIT_LABELS

FONT_FAMILY = "Arial, Helvetica, sans-serif"
FONT_SIZE = 12
# PDFs here fall back to DejaVu Sans, which is wider than Arial: label and legend widths are
# estimated for it, so that nothing overlaps whichever font is used.
CHARACTER_WIDTH = 0.6 * FONT_SIZE
TEXT_COLOUR = "#0b0c0c"
SECONDARY_TEXT_COLOUR = "#505a5f"
GRID_COLOUR = "#e0e0e0"
AXIS_COLOUR = "#b1b4b6"
FALLBACK_COLOUR = "#505a5f"
LEGEND_ROW_HEIGHT = 18
LEGEND_SAMPLE_WIDTH = 26
# Kept clear inside the plot's left and right edges, so that markers on the first and last
# periods are not cut by the frame.
X_INSET = 10
# plotly's named dashes, in multiples of the line width (at least 3).
DASHES = {"dot": (1, 1), "dash": (3, 3), "longdash": (5, 5), "dashdot": (3, 1, 1, 1)}
RGBA = re.compile(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+)\s*)?\)")


def default_description(figure: dict) -> str:
    """A short text alternative for a `kpi_trend_figure` chart, e.g. "Values from Apr 2024 to
    Mar 2026; latest 95.5% (Mar 2026), target 95%, amber threshold 90%; compared with England."
    """
    traces = [_Trace.from_plotly(trace) for trace in figure.get("data", [])]
    named = {trace.name: trace for trace in traces}
    value = named.get("Value")
    points = [point for run in value.runs() for point in run] if value else []
    if not points:
        return "No values to chart."
    suffix = {"%": "%", "days": " days"}.get(_axis_title(figure, "yaxis"), "")
    (first, _), (last, latest) = points[0], points[-1]
    text = f"Values from {_month_year(first)} to {_month_year(last)}; "
    text += f"latest {_number(latest)}{suffix} ({_month_year(last)})"
    amber = next((trace for trace in traces if trace.fill == "tonexty"), None)
    for label, trace in (("target", named.get("Target")), ("amber threshold", amber)):
        current = trace.value_on(last) if trace else None
        if current is not None:
            text += f", {label} {_number(current)}{suffix}"
    comparators = [t.name for t in traces if t.mode == "lines+markers" and t is not value]
    if comparators:
        *others, final = comparators
        text += "; compared with " + (f"{', '.join(others)} and {final}" if others else final)
    return text + "."


def figure_svg(
    figure: dict,
    *,
    width: int = 640,
    height: int = 280,
    title: str,
    description: str,
    chart_id: str | None = None,
) -> str:
    """The figure as an SVG document string, standalone or inline in HTML.

    `title` and `description` become the SVG's accessible name and description (see
    `default_description`); neither is drawn. `chart_id` prefixes the element ids and must be
    unique within a page; by default it is made from the title and description.
    """
    layout = figure.get("layout") or {}
    traces = [_Trace.from_plotly(t) for t in figure.get("data", []) if t.get("visible", True)]
    y_title, x_title = _axis_title(figure, "yaxis"), _axis_title(figure, "xaxis")
    y_axis = _y_axis(layout.get("yaxis") or {}, traces, percent=y_title == UNIT_LABELS["percent"])
    y_labels = [(tick, tick_label(tick, y_axis.step)) for tick in y_axis.ticks]
    legend = _legend_rows([t for t in traces if t.showlegend and t.name], width)
    widest = max((len(label) for _, label in y_labels), default=1)
    plot = _Plot(
        left=round(12 + widest * CHARACTER_WIDTH),
        top=26 if y_title else 10,
        right=width - 22,
        bottom=height - 30 - (18 if x_title else 0) - len(legend) * LEGEND_ROW_HEIGHT,
        days=_x_range(layout.get("xaxis") or {}, traces),
        y_axis=y_axis,
    )
    left, top, right, bottom = plot.left, plot.top, plot.right, plot.bottom
    ident = escape(
        chart_id or "chart-" + hashlib.sha1(f"{title}\n{description}".encode()).hexdigest()[:8]
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'font-family="{FONT_FAMILY}" font-size="{FONT_SIZE}" fill="{TEXT_COLOUR}">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
        f'<rect class="plot-area" x="{left}" y="{top}" width="{right - left}" '
        f'height="{bottom - top}" fill="#ffffff"/>'
    ]
    grid = "".join(f"M{left},{plot.y(tick):.1f}H{right}" for tick, _ in y_labels)
    out.append(f'<path class="grid" d="{grid}" stroke="{GRID_COLOUR}"/>')
    out.append(f'<g class="y-ticks" fill="{SECONDARY_TEXT_COLOUR}" text-anchor="end">')
    for tick, label in y_labels:
        out.append(f'<text x="{left - 6}" y="{plot.y(tick) + 4:.1f}">{escape(label)}</text>')
    out.append("</g>")
    if y_title:
        out.append(f'<text class="y-title" x="2" y="{top - 12}">{escape(y_title)}</text>')
    out.append(f'<g class="x-ticks" fill="{SECONDARY_TEXT_COLOUR}" text-anchor="middle">')
    room = int((right - left) // (8 * CHARACTER_WIDTH))  # labels such as "Apr 24", spaced
    days = month_ticks(*plot.days, most=room) if any(t.runs() for t in traces) else []
    for day in days:
        out.append(f'<text x="{plot.x(day):.1f}" y="{bottom + 17}">{month_label(day)}</text>')
    marks = "".join(f"M{plot.x(day):.1f},{bottom}v4" for day in days)
    out.append(
        f'</g><path class="x-axis" d="M{left},{bottom}H{right}{marks}" stroke="{AXIS_COLOUR}"/>'
    )
    if x_title:
        out.append(
            f'<text class="x-title" x="{(left + right) / 2:.1f}" y="{bottom + 35}" '
            f'text-anchor="middle">{escape(x_title)}</text>'
        )
    out.append('<g class="traces">')
    for below, trace in pairwise(traces):
        if trace.fill == "tonexty":
            out.extend(_band(trace, below, plot))
    for trace in traces:
        if "lines" in trace.mode and trace.line_width > 0:
            out.append(_line(trace, plot.runs(trace)))
        if "markers" in trace.mode:
            out.append(_markers(trace, plot.points(trace)))
    out.append('</g><g class="legend">')
    for number, row in enumerate(legend):
        y = height - (len(legend) - number - 0.5) * LEGEND_ROW_HEIGHT - 4
        for x, trace in row:
            out.append(
                f'{_legend_sample(trace, x, y)}<text x="{x + LEGEND_SAMPLE_WIDTH + 6}" '
                f'y="{y + 4:.1f}">{escape(trace.name)}</text>'
            )
    out.append("</g></svg>")
    return "".join(out)


@dataclass(frozen=True)
class _Trace:
    """What the SVG needs of one plotly scatter trace, with plotly's defaults filled in."""

    name: str
    days: list[datetime.date]
    values: list[float | None]
    mode: str
    colour: str
    line_width: float
    dash: str
    step: bool
    symbol: str
    marker_size: float
    marker_colour: str
    marker_line_width: float
    fill: str
    fill_colour: str
    showlegend: bool

    @classmethod
    def from_plotly(cls, trace: dict) -> "_Trace":
        if trace.get("type", "scatter") != "scatter":
            raise ValueError(f"Only scatter traces can be drawn, not {trace['type']!r}.")
        line, marker = trace.get("line") or {}, trace.get("marker") or {}
        colour = line.get("color") or marker.get("color") or FALLBACK_COLOUR
        return cls(
            name=str(trace.get("name") or ""),
            days=[_day(x) for x in trace.get("x", [])],
            values=[None if y is None else float(y) for y in trace.get("y", [])],
            mode=trace.get("mode", "lines+markers"),
            colour=colour,
            line_width=float(line.get("width", 2)),
            dash=line.get("dash") or "solid",
            step=line.get("shape") == "hv",
            symbol=marker.get("symbol", "circle"),
            marker_size=float(marker.get("size", 6)),
            marker_colour=marker.get("color") or colour,
            marker_line_width=float((marker.get("line") or {}).get("width", 0)),
            fill=trace.get("fill") or "none",
            fill_colour=trace.get("fillcolor") or colour,
            showlegend=trace.get("showlegend", True) is not False,
        )

    def runs(self) -> list[list[tuple[datetime.date, float]]]:
        """Unbroken stretches of points: a missing value (None) ends one."""
        runs: list[list[tuple[datetime.date, float]]] = [[]]
        for day, value in zip(self.days, self.values, strict=True):
            if value is None:
                runs.append([])
            else:
                runs[-1].append((day, value))
        return [run for run in runs if run]

    def value_on(self, day: datetime.date) -> float | None:
        """The value in force on the day: that of the latest point on or before it."""
        known = [(d, v) for d, v in zip(self.days, self.values, strict=True) if d <= day]
        return max(known, key=lambda point: point[0])[1] if known else None


@dataclass(frozen=True)
class _Plot:
    """The plot area, in SVG units, and the scales from dates and values into it."""

    left: float
    top: float
    right: float
    bottom: float
    days: tuple[datetime.date, datetime.date]
    y_axis: YAxis

    def x(self, day: datetime.date) -> float:
        first, last = self.days
        width = self.right - self.left - 2 * X_INSET
        return self.left + X_INSET + (day - first).days * width / ((last - first).days or 1)

    def y(self, value: float) -> float:
        low, high = self.y_axis.low, self.y_axis.high
        return self.bottom - (value - low) * (self.bottom - self.top) / (high - low)

    def level(self, x: float) -> tuple[float, float]:
        """Where a lone period of a step trace (a KPI's only target, say) is drawn: half a month
        either side of it, as plotly would not draw it at all."""
        half = self.x(self.days[0] + datetime.timedelta(days=15)) - self.x(self.days[0])
        return max(self.left, x - half), min(self.right, x + half)

    def runs(self, trace: _Trace) -> list[list[tuple[float, float]]]:
        """The trace's unbroken runs of points, in SVG units, as its line is drawn."""
        runs = []
        for run in trace.runs():
            points = [(self.x(day), self.y(value)) for day, value in run]
            if trace.step and len(points) == 1:
                points = [(x, points[0][1]) for x in self.level(points[0][0])]
            runs.append(_corners(points) if trace.step else points)
        return runs

    def points(self, trace: _Trace) -> list[tuple[float, float]]:
        """The trace's points, in SVG units, as its markers are drawn."""
        return [(self.x(day), self.y(value)) for run in trace.runs() for day, value in run]


def _line(trace: _Trace, runs: list[list[tuple[float, float]]]) -> str:
    """One path for the whole trace, each unbroken run a subpath, so that gaps stay gaps."""
    commands = []
    for run in (run for run in runs if len(run) >= 2):
        commands.append(f"M{run[0][0]:.1f},{run[0][1]:.1f}")
        for x, y in run[1:]:
            commands.append(f"H{x:.1f}V{y:.1f}" if trace.step else f"L{x:.1f},{y:.1f}")
    if not commands:
        return ""
    unit = max(trace.line_width, 3)
    dashes = ",".join(f"{length * unit:g}" for length in DASHES.get(trace.dash, ()))
    return (
        f'<path class="line" d="{"".join(commands)}" fill="none"{_paint("stroke", trace.colour)}'
        f' stroke-width="{trace.line_width:g}" stroke-linejoin="round"'
        + (f' stroke-dasharray="{dashes}"' if dashes else "")
        + "/>"
    )


def _markers(trace: _Trace, points: list[tuple[float, float]], *, largest: float = 99) -> str:
    """All the trace's markers as one path (WeasyPrint's time goes by SVG element, not by
    point); an "-open" symbol is an outline only."""
    if not points:
        return ""
    open_symbol = trace.symbol.endswith("-open")
    outline = trace.marker_line_width or (2 if open_symbol else 0)
    paint = ' fill="none"' if open_symbol else _paint("fill", trace.marker_colour)
    if outline:
        paint += f'{_paint("stroke", trace.marker_colour)} stroke-width="{outline:g}"'
    shape, size = trace.symbol.removesuffix("-open"), min(trace.marker_size, largest)
    r = size / 2
    if shape == "circle" and not outline:
        # A dot is a zero-length line with round ends: one command, where a circle would take
        # two arcs that WeasyPrint turns into four curves.
        dots = "".join(f"M{x:.1f},{y:.1f}h0" for x, y in points)
        paint = f'{_paint("stroke", trace.marker_colour)} stroke-width="{size:g}"'
        return (
            f'<path class="markers circle" d="{dots}" fill="none"{paint} stroke-linecap="round"/>'
        )
    if shape == "square":
        mark = f"m{-r:g},{-r:g}h{size:g}v{size:g}h{-size:g}z"
    elif shape == "diamond":
        r *= 1.3  # as in plotly, so that a diamond looks as large as a circle
        mark = f"m0,{-r:.1f}l{r:.1f},{r:.1f}l{-r:.1f},{r:.1f}l{-r:.1f},{-r:.1f}z"
    else:
        mark = f"m{-r:g},0a{r:g},{r:g} 0 1 0 {size:g},0a{r:g},{r:g} 0 1 0 {-size:g},0"
    # Each mark starts from a move to its point, so the points can be read back from the path.
    marks = "".join(f"M{x:.1f},{y:.1f}{mark}" for x, y in points)
    return f'<path class="markers {escape(trace.symbol)}" d="{marks}"{paint}/>'


def _band(trace: _Trace, below: _Trace, plot: _Plot) -> list[str]:
    """Polygons filling between a `fill="tonexty"` trace and the trace before it, over each
    stretch of periods where both have a value."""
    others = dict(zip(below.days, below.values, strict=True))
    runs: list[list[tuple[float, float, float]]] = [[]]
    for day, value in zip(trace.days, trace.values, strict=True):
        if value is None or others.get(day) is None:
            runs.append([])
        else:
            runs[-1].append((plot.x(day), plot.y(value), plot.y(others[day])))
    polygons = []
    for run in (_corners(run) if trace.step else run for run in runs if run):
        edge = run[:1] if len(run) > 1 else [(x, *run[0][1:]) for x in plot.level(run[0][0])]
        for before, after in pairwise(run):
            if trace.step:  # each period's band is level until the next period
                edge.append((after[0], *before[1:]))
            edge.append(after)
        outline = [(x, one) for x, one, _ in edge] + [(x, two) for x, _, two in reversed(edge)]
        corners = [f"{x:.1f},{y:.1f}" for x, y in outline]
        points = " ".join(
            c for c, before in zip(corners, [None, *corners], strict=False) if c != before
        )
        polygons.append(
            f'<polygon class="band" points="{points}"{_paint("fill", trace.fill_colour)}/>'
        )
    return polygons


def _corners(points: list[tuple[float, ...]]) -> list[tuple[float, ...]]:
    """A step line's ends and the points where it changes level: a target that holds for three
    years is one segment, not 36 (WeasyPrint's time goes by path command)."""
    kept = points[:1]
    for point in points[1:-1]:
        if point[1:] != kept[-1][1:]:
            kept.append(point)
    return kept + points[-1:] if len(points) > 1 else kept


def _legend_rows(traces: list[_Trace], width: float) -> list[list[tuple[float, _Trace]]]:
    """Legend entries laid out left to right, wrapping onto new rows."""
    rows: list[list[tuple[float, _Trace]]] = []
    x = width
    for trace in traces:
        entry = LEGEND_SAMPLE_WIDTH + 6 + len(trace.name) * CHARACTER_WIDTH
        if x + entry > width - 8:
            rows.append([])
            x = 8
        rows[-1].append((x, trace))
        x += round(entry) + 18
    return rows


def _legend_sample(trace: _Trace, x: float, y: float) -> str:
    """The trace's look in small: its fill, line and marker, so that no entry relies on colour."""
    sample = ""
    if trace.fill != "none":
        sample += (
            f'<rect x="{x}" y="{y - 6:.1f}" width="{LEGEND_SAMPLE_WIDTH}" height="12"'
            f"{_paint('fill', trace.fill_colour)}/>"
        )
    if "lines" in trace.mode and trace.line_width > 0:
        sample += _line(trace, [[(x, y), (x + LEGEND_SAMPLE_WIDTH, y)]])
    if "markers" in trace.mode:
        sample += _markers(trace, [(x + LEGEND_SAMPLE_WIDTH / 2, y)], largest=12)
    return sample


def _y_axis(settings: dict, traces: list[_Trace], *, percent: bool) -> YAxis:
    # A range set in the layout is kept; plotly's "rangemode": "tozero" is not, since it
    # flattens a KPI that moves between 92 and 97.
    if settings.get("range"):
        low, high = (float(end) for end in settings["range"])
        return YAxis(low, high, float(settings.get("dtick") or nice_step((high - low) / 5)))
    values = [value for trace in traces for value in trace.values]
    return fit_y_axis(values, ceiling=100 if percent else None)


def _x_range(settings: dict, traces: list[_Trace]) -> tuple[datetime.date, datetime.date]:
    if settings.get("range"):
        first, last = (_day(end) for end in settings["range"])
        return first, last
    days = [day for trace in traces for run in trace.runs() for day, _ in run]
    first, last = (min(days), max(days)) if days else (datetime.date(2000, 1, 1),) * 2
    if first == last:  # a single period sits in the middle
        return first - datetime.timedelta(days=15), last + datetime.timedelta(days=15)
    return first, last


def _axis_title(figure: dict, axis: str) -> str:
    title = ((figure.get("layout") or {}).get(axis) or {}).get("title") or ""
    return str(title.get("text") or "" if isinstance(title, dict) else title)


def _day(x: datetime.date | str) -> datetime.date:
    """A trace's x: charts.py turns dates into ISO text for JSON; dates are taken as well."""
    if isinstance(x, datetime.datetime):
        return x.date()
    return x if isinstance(x, datetime.date) else datetime.date.fromisoformat(str(x)[:10])


def _month_year(day: datetime.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _paint(attribute: str, colour: str) -> str:
    """A fill or stroke; "rgba(...)" is split into colour and opacity, as SVG 1.1 readers want."""
    match = RGBA.fullmatch(colour.strip())
    if not match:
        return f' {attribute}="{escape(colour)}"'
    red, green, blue, alpha = match.groups()
    paint = f' {attribute}="#{int(red):02x}{int(green):02x}{int(blue):02x}"'
    return paint + (f' {attribute}-opacity="{alpha}"' if alpha else "")
