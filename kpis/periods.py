"""Reporting periods, named by the month in which they end ("2015-06"), whatever the frequency.

Councils' financial year runs April to March: Q1 is April-June, so quarters end in June,
September, December and March, and an annual value for 2015-16 is the period 2016-03.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from kpis.choices import Frequency

PERIOD_PATTERN = re.compile(r"^([0-9]{4})-([0-9]{2})$")  # ASCII: \d takes any script's digits
MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip

# The month in which each frequency's periods end. Weekly figures are reported monthly (the
# month's latest weekly figure). Terms end with the autumn term (December), the spring term
# (around Easter: April) and the summer term (July).
DUE_MONTHS = {
    Frequency.WEEKLY: frozenset(range(1, 13)),
    Frequency.MONTHLY: frozenset(range(1, 13)),
    Frequency.QUARTERLY: frozenset({6, 9, 12, 3}),
    Frequency.TERMLY: frozenset({12, 4, 7}),
    Frequency.TWICE_YEARLY: frozenset({9, 3}),
    # Annual KPIs may name their own due month; without one they are due in March.
    Frequency.ANNUAL: frozenset({3}),
}
DEFAULT_ANNUAL_MONTH = 3

# The years a reporting period may be read in: the service holds figures from the 1990s on, and
# a year after 2099 is a typing slip, not a plan. The upper limit also keeps the month after any
# period a parsed text names (when it opens, when it is due) well inside the dates Python holds:
# "9999-12" would otherwise open on 1 January 10000.
FIRST_YEAR, LAST_YEAR = 1990, 2099


class PeriodError(ValueError):
    """Text that is not a period in the form YYYY-MM."""


@dataclass(frozen=True, order=True)
class Period:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise PeriodError(f"{self.month} is not a month")
        # Every Period has a first day: arithmetic that would leave the calendar (a month
        # after 9999-12, before 0001-01) fails here, with a PeriodError, not later in a date.
        if not datetime.MINYEAR <= self.year <= datetime.MAXYEAR:
            raise PeriodError(f"{self.year} is outside the calendar")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read "YYYY-MM". Raises PeriodError with a message a person can act on."""
        match = PERIOD_PATTERN.match(str(text).strip())
        if not match:
            raise PeriodError(
                f"'{text}' is not a period: use the form YYYY-MM, for example 2015-06"
            )
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise PeriodError(f"'{text}' is not a period: the month must be 01 to 12")
        if year < FIRST_YEAR:
            raise PeriodError(f"'{text}' is too early to be a reporting period")
        if year > LAST_YEAR:
            raise PeriodError(
                f"'{text}' is too late to be a reporting period: use a year up to {LAST_YEAR}"
            )
        return cls(year, month)

    @classmethod
    def parse_loose(cls, text: str) -> Period:
        """Read a period as a spreadsheet may have rewritten "2026-10": "Oct-26", "Oct 2026",
        "October 2026", "01/10/2026", "10/2026" or "2026-10-01". Falls back to parse()'s
        message when none fits."""
        cleaned = str(text).strip()
        if PERIOD_PATTERN.match(cleaned):
            return cls.parse(cleaned)
        for pattern in ("%b-%y", "%b %Y", "%B %Y", "%b-%Y", "%d/%m/%Y", "%m/%Y", "%Y-%m-%d"):
            try:
                day = datetime.datetime.strptime(cleaned, pattern).date()
            except ValueError:
                continue
            return cls.parse(f"{day.year:04d}-{day.month:02d}")
        return cls.parse(cleaned)

    @classmethod
    def from_date(cls, day: datetime.date) -> Period:
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"

    @property
    def short_label(self) -> str:
        return f"{MONTH_NAMES[self.month - 1][:3]} {self.year}"

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    @property
    def financial_year(self) -> int:
        """The year in which the period's financial year starts (2015 for 2015-16)."""
        return self.year if self.month >= 4 else self.year - 1

    def shift(self, months: int) -> Period:
        index = self.year * 12 + (self.month - 1) + months
        return Period(index // 12, index % 12 + 1)

    def previous(self) -> Period:
        return self.shift(-1)

    def next(self) -> Period:
        return self.shift(1)

    def same_period_last_year(self) -> Period:
        return self.shift(-12)


def financial_year_label(start_year: int) -> str:
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def is_due(frequency: Frequency | str, period: Period, due_month: int | None = None) -> bool:
    """Whether a KPI of this frequency has a value for this period (whatever its status:
    Kpi.objects.due_in() adds the KPI's lifecycle)."""
    if frequency == Frequency.ANNUAL and due_month:
        return period.month == due_month
    return period.month in DUE_MONTHS[frequency]


def frequencies_due_every_year_in(month: int) -> list[Frequency]:
    """The frequencies, other than annual, with a period ending in this month."""
    return [
        frequency
        for frequency, months in DUE_MONTHS.items()
        if frequency != Frequency.ANNUAL and month in months
    ]


def previous_due(
    frequency: Frequency | str, period: Period, due_month: int | None = None
) -> Period:
    """The due period before this one (three months back for a quarterly KPI)."""
    candidate = period.previous()
    while not is_due(frequency, candidate, due_month):
        candidate = candidate.previous()
    return candidate


def due_periods(
    frequency: Frequency | str, start: Period, end: Period, due_month: int | None = None
) -> list[Period]:
    """Every due period from start to end, inclusive, oldest first."""
    # Counted rather than stepped past the end, which may be the calendar's last month.
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    candidates = (start.shift(n) for n in range(months))
    return [period for period in candidates if is_due(frequency, period, due_month)]


def current_period(today: datetime.date) -> Period:
    return Period(today.year, today.month)
