"""Axis rules for KPI charts: a value axis fitted to the figures, "nice" ticks, month ticks.

Pure and shared: kpis.chart_svg draws PDF charts with them, and the dashboards' plotly figures can
use `fit_y_axis` for their `yaxis.range` and `dtick`.
"""

import datetime
import math
from collections.abc import Iterable
from dataclasses import dataclass

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Month intervals tried for date ticks, smallest first. Ticks count from April, so they fall on
# the council's financial years and quarters.
TICK_MONTHS = (1, 2, 3, 6, 12, 24, 60, 120)


@dataclass(frozen=True)
class YAxis:
    """A value axis: its range and the step between its ticks."""

    low: float
    high: float
    step: float

    @property
    def ticks(self) -> list[float]:
        """The multiples of the step within the range (to 12 significant digits, so that three
        times 0.1 is 0.3)."""
        first = math.ceil(self.low / self.step - 1e-9)
        last = math.floor(self.high / self.step + 1e-9)
        return [float(f"{n * self.step:.12g}") for n in range(first, last + 1)]


def nice_step(rough: float) -> float:
    """The one of 1, 2, 2.5 and 5 times a power of ten nearest to `rough` (by ratio)."""
    exponent = math.floor(math.log10(rough))
    # Made from decimal text so that 2.5e-1 is exactly 0.25, not 0.25000000000000006.
    steps = [float(f"{multiple}e{exponent}") for multiple in (1, 2, 2.5, 5, 10)]
    return min(steps, key=lambda step: abs(math.log(step / rough)))


def fit_y_axis(
    values: Iterable[float | None],
    *,
    ticks: int = 5,
    floor: float | None = 0.0,
    ceiling: float | None = None,
) -> YAxis:
    """A value axis fitted to the values (pass the target and amber threshold among them).

    As plotly's autorange does, the range reaches 5% of the values' spread past them, and ticks
    fall on the multiples of a "nice" step inside it, about `ticks` of them. It does not run to
    zero, so a KPI moving between 92 and 97 does not look flat; it never goes below `floor` or
    above `ceiling` (0 and 100 for a percentage) unless a value does.
    """
    numbers = [value for value in values if value is not None]
    if not numbers:
        return YAxis(0.0, 1.0, 0.2)
    smallest, largest = min(numbers), max(numbers)
    low, high = smallest, largest
    # A flat or nearly flat series still gets an axis 5% of its size tall, so that a change in
    # the second decimal place does not fill the chart.
    least = max(abs(low), abs(high)) * 0.05 or 1.0
    if high - low < least:
        low, high = (low + high - least) / 2, (low + high + least) / 2
    headroom = (high - low) * 0.05
    low, high = low - headroom, high + headroom
    if floor is not None and smallest >= floor:
        low = max(low, floor)
    if ceiling is not None and largest <= ceiling:
        high = min(high, ceiling)
    return YAxis(low, high, nice_step((high - low) / ticks))


def tick_label(value: float, step: float) -> str:
    """A tick's number with thousands separators and no more decimals than the step needs."""
    decimals = len(f"{step:.10f}".rstrip("0").split(".")[1])
    text = f"{round(value, decimals) + 0.0:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def month_ticks(first: datetime.date, last: datetime.date, *, most: int) -> list[datetime.date]:
    """First days of months from `first` to `last`, at the smallest interval (1, 2, 3, 6, 12...
    months) giving no more than `most` ticks, counted from April."""
    start = first.year * 12 + first.month - 1 + (first.day > 1)
    end = last.year * 12 + last.month - 1
    for months in TICK_MONTHS:
        ticks = [month for month in range(start, end + 1) if (month - 3) % months == 0]
        if len(ticks) <= most:
            break
    return [datetime.date(month // 12, month % 12 + 1, 1) for month in ticks]


def month_label(day: datetime.date) -> str:
    """A date tick's label, such as "Apr 24" (fixed English names, whatever the locale)."""
    return f"{MONTHS[day.month - 1]} {day.year % 100:02d}"
