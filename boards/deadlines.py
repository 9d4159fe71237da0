"""Clear days for committee papers: when papers must be published, and whether they were.

Local Government Act 1972 s.100B: the agenda and reports for a meeting of a council committee
must be open to inspection at least five clear days before the meeting. A clear day is a whole
day between publication and the meeting, so neither the day of publication nor the day of the
meeting counts, and councils leave out weekends and England and Wales bank holidays as well.
Other boards (internal, or partnership boards such as the safeguarding partnership) set their
own number of working days; the arithmetic is the same.

Pure functions with no database access, so a meeting page, a pack and a reminder give the same
answer.
"""

import datetime
from enum import StrEnum

from wokingham_cs.working_days import add_working_days, is_working_day

#: The statutory minimum for a council committee (LGA 1972 s.100B).
STATUTORY_CLEAR_DAYS = 5


class Timeliness(StrEnum):
    """Whether a meeting's papers were, or still can be, published in time."""

    ON_TIME = "on-time"
    LATE = "late"
    TABLED = "tabled"
    AFTER_MEETING = "after-meeting"
    DUE = "due"
    OVERDUE = "overdue"
    NOT_PUBLISHED = "not-published"

    @property
    def label(self) -> str:
        return TIMELINESS_LABELS[self]

    @property
    def is_late(self) -> bool:
        """Members did not, or will not, get the papers with the clear days they were owed.

        The independent review found important papers tabled on the day; every one of these
        states is to be shown openly, not only "Late".
        """
        return self not in (Timeliness.ON_TIME, Timeliness.DUE)


TIMELINESS_LABELS = {
    Timeliness.ON_TIME: "On time",
    Timeliness.LATE: "Late",
    Timeliness.TABLED: "Tabled on the day",
    Timeliness.AFTER_MEETING: "Published after the meeting",
    Timeliness.DUE: "Due",
    Timeliness.OVERDUE: "Overdue",
    Timeliness.NOT_PUBLISHED: "Not published",
}


def clear_days_between(published: datetime.date, meeting: datetime.date) -> int:
    """The clear days papers published on one date give before a meeting on another.

    Counts the working days strictly between the two dates: the day of publication and the day
    of the meeting never count, and nor do weekends and bank holidays. Papers published on or
    after the meeting day give no clear days, so the answer is never negative; `timeliness`
    tells those cases apart.
    """
    count = 0
    day = published + datetime.timedelta(days=1)
    while day < meeting:
        if is_working_day(day):
            count += 1
        day += datetime.timedelta(days=1)
    return count


def papers_deadline(meeting: datetime.date, clear_days: int) -> datetime.date:
    """The last working day on which papers can be published and still give the clear days.

    A meeting on Tuesday 17 November 2026 needs five clear days: Tuesday 10 to Monday 16
    November, leaving out the weekend, so the papers must be out by Monday 9 November.

    The deadline is always a working day, because that is when officers publish. Papers put
    out on a weekend or bank holiday straight after it still give the full count of clear days,
    and `timeliness` rates them on time.
    """
    if clear_days < 0:
        raise ValueError(f"A number of clear days cannot be negative (got {clear_days})")
    # The clear days are the `clear_days` working days before the meeting; the deadline is
    # the working day before the first of them.
    return add_working_days(meeting, -(clear_days + 1))


def timeliness(
    published: datetime.date | None,
    meeting: datetime.date,
    clear_days: int,
    today: datetime.date,
) -> Timeliness:
    """Rate the publication of a meeting's papers against the clear days it needs.

    Published papers are rated by their publication date alone: on time when they gave at
    least `clear_days` clear days, late when they gave fewer but came out before the meeting
    day, tabled when they came out on the meeting day itself, and after the meeting when later
    still. Unpublished papers are rated by `today`: due while publishing today would still be
    on time, overdue once it would not (up to and including the meeting day), and not
    published once the meeting has been held.
    """
    if clear_days < 0:
        raise ValueError(f"A number of clear days cannot be negative (got {clear_days})")
    if published is None:
        if today > meeting:
            return Timeliness.NOT_PUBLISHED
        if today < meeting and clear_days_between(today, meeting) >= clear_days:
            return Timeliness.DUE
        return Timeliness.OVERDUE
    if published > meeting:
        return Timeliness.AFTER_MEETING
    if published == meeting:
        return Timeliness.TABLED
    if clear_days_between(published, meeting) >= clear_days:
        return Timeliness.ON_TIME
    return Timeliness.LATE
