"""The papers timeliness report: for each board and municipal year, how many meetings had their
papers on time, late, tabled on the day, after the meeting, or not at all.

Pure functions with no database access: the view passes (board, meeting date, timeliness)
triples and gets rows back, so the page and its CSV download count the same way.

A council's municipal year runs from its annual meeting in May to the following April, and
committee business (memberships, calendars of meetings) is planned by it, so the report is
counted by municipal year rather than by the April-to-March financial year the KPIs use.
"""

import datetime
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from boards.deadlines import Timeliness

MUNICIPAL_YEAR_START_MONTH = 5

#: The outcomes counted, in the order the report shows them. Papers still due, or overdue for a
#: meeting not yet held, may yet be published in time, so they are not counted until the
#: meeting has been held.
COUNTED = (
    Timeliness.ON_TIME,
    Timeliness.LATE,
    Timeliness.TABLED,
    Timeliness.AFTER_MEETING,
    Timeliness.NOT_PUBLISHED,
)


def municipal_year(day: datetime.date) -> int:
    """The calendar year in which the municipal year containing this day began (May)."""
    return day.year if day.month >= MUNICIPAL_YEAR_START_MONTH else day.year - 1


def municipal_year_label(start: int) -> str:
    """A municipal year as councils write it: 2026-27 for May 2026 to April 2027."""
    return f"{start}-{(start + 1) % 100:02d}"


@dataclass
class TimelinessRow:
    """One board's meetings in one municipal year, counted by outcome. `board` is whatever the
    caller counts by (a Board); None on a year's total row."""

    year: int
    board: Hashable | None
    counts: dict[Timeliness, int]

    @property
    def year_label(self) -> str:
        return municipal_year_label(self.year)

    @property
    def cells(self) -> list[int]:
        """The counts in the order of COUNTED."""
        return [self.counts.get(outcome, 0) for outcome in COUNTED]

    @property
    def total(self) -> int:
        return sum(self.cells)

    @property
    def on_time_percent(self) -> int | None:
        """Whole per cent of the counted meetings whose papers were on time."""
        if not self.total:
            return None
        return round(100 * self.counts.get(Timeliness.ON_TIME, 0) / self.total)


@dataclass
class TimelinessYear:
    year: int
    rows: list[TimelinessRow]
    total: TimelinessRow

    @property
    def label(self) -> str:
        return municipal_year_label(self.year)


def timeliness_by_year(
    meetings: Iterable[tuple[Hashable, datetime.date, Timeliness]],
) -> list[TimelinessYear]:
    """Count meetings by municipal year (newest first) and board (in the order each board is
    first met, so pass meetings sorted by board), with a total for each year. Meetings whose
    outcome is not yet settled (see COUNTED) are left out, and so are years with none left."""
    counts: dict[int, dict[Hashable, Counter]] = {}
    for board, day, outcome in meetings:
        if outcome not in COUNTED:
            continue
        counts.setdefault(municipal_year(day), {}).setdefault(board, Counter())[outcome] += 1
    years = []
    for year in sorted(counts, reverse=True):
        rows = [TimelinessRow(year, board, dict(tally)) for board, tally in counts[year].items()]
        total = sum((Counter(row.counts) for row in rows), Counter())
        years.append(TimelinessYear(year, rows, TimelinessRow(year, None, dict(total))))
    return years
