"""Working days in England and Wales: weekends and bank holidays excluded.

Used for return deadlines ("the 10th working day of the following month") and, for committee
papers, clear days. Bank holidays come from the maintained `holidays` package rather than a table
kept here: one-off days (a jubilee, a state funeral, a coronation) are proclaimed at a few months'
notice, and they should arrive with an upgrade of the pinned package, not a code change.
"""

import datetime
from functools import cache

import holidays


@cache
def bank_holidays(year: int) -> frozenset[datetime.date]:
    """England and Wales bank holidays in a year, as gov.uk/bank-holidays lists them.

    England and Wales share one list, which the package files under England ("ENG"); Scotland's
    and Northern Ireland's own days (St Andrew's Day, 2 January, 12 July...) are not in it.
    """
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=year)
    # The package lists a holiday on its own date even at a weekend (Boxing Day on a Saturday)
    # next to the weekday substitute; only the weekday is a bank holiday in the published list.
    return frozenset(day for day in calendar if day.weekday() < 5)


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def nth_working_day(year: int, month: int, n: int) -> datetime.date:
    """The n-th working day of a month (n=1 is the first)."""
    day = datetime.date(year, month, 1)
    count = 0
    while True:
        if is_working_day(day):
            count += 1
            if count == n:
                return day
        day += datetime.timedelta(days=1)


def add_working_days(day: datetime.date, n: int) -> datetime.date:
    """The working day n working days after (n > 0) or before (n < 0) the given day."""
    step = datetime.timedelta(days=1 if n >= 0 else -1)
    remaining = abs(n)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day
