"""Working days in England and Wales: weekends and bank holidays excluded.

Used for return deadlines ("the 10th working day of the following month") and, for committee
papers, clear days. Bank holidays follow the Banking and Financial Dealings Act 1971 rules with
substitute days, plus the one-off changes made by proclamation.
"""

import datetime
from functools import cache

# One-off changes: moved or extra bank holidays. (removed, added)
MOVED = {
    1995: ([datetime.date(1995, 5, 1)], [datetime.date(1995, 5, 8)]),  # VE Day 50th anniversary
    2002: ([datetime.date(2002, 5, 27)], [datetime.date(2002, 6, 4), datetime.date(2002, 6, 3)]),
    2012: ([datetime.date(2012, 5, 28)], [datetime.date(2012, 6, 4), datetime.date(2012, 6, 5)]),
    2020: ([datetime.date(2020, 5, 4)], [datetime.date(2020, 5, 8)]),  # VE Day 75th anniversary
    2022: ([datetime.date(2022, 5, 30)], [datetime.date(2022, 6, 2), datetime.date(2022, 6, 3),
                                         datetime.date(2022, 9, 19)]),
}  # fmt: skip
EXTRA = {
    1999: [datetime.date(1999, 12, 31)],  # Millennium
    2011: [datetime.date(2011, 4, 29)],  # Royal wedding
    2023: [datetime.date(2023, 5, 8)],  # Coronation
}


def easter_sunday(year: int) -> datetime.date:
    """Gregorian Easter (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def _first_monday(year: int, month: int) -> datetime.date:
    day = datetime.date(year, month, 1)
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7)


def _last_monday(year: int, month: int) -> datetime.date:
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last = next_month - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=last.weekday())


@cache
def bank_holidays(year: int) -> frozenset[datetime.date]:
    """England and Wales bank holidays in a year."""
    easter = easter_sunday(year)
    days = {
        easter - datetime.timedelta(days=2),  # Good Friday
        easter + datetime.timedelta(days=1),  # Easter Monday
        _first_monday(year, 5),  # Early May
        _last_monday(year, 5),  # Spring
        _last_monday(year, 8),  # Summer
    }
    new_year = datetime.date(year, 1, 1)
    days.add(new_year + datetime.timedelta(days={5: 2, 6: 1}.get(new_year.weekday(), 0)))
    christmas = datetime.date(year, 12, 25)
    # Christmas on a Saturday: Monday 27 and Tuesday 28; on a Sunday: Monday 26 (Boxing Day)
    # and Tuesday 27; Boxing Day on a Saturday: Monday 28.
    substitutes = {5: (27, 28), 6: (26, 27), 4: (25, 28)}
    christmas_days = substitutes.get(christmas.weekday(), (25, 26))
    days |= {datetime.date(year, 12, day) for day in christmas_days}
    removed, added = MOVED.get(year, ([], []))
    days = (days - set(removed)) | set(added) | set(EXTRA.get(year, []))
    return frozenset(days)


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
