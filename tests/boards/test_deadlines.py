"""Clear days for committee papers: the deadline for publishing, and whether papers were on time.

Every example date below was checked against the calendar and the England and Wales bank
holidays; the weekday is in the comment.
"""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boards.deadlines import (
    STATUTORY_CLEAR_DAYS,
    Timeliness,
    clear_days_between,
    papers_deadline,
    timeliness,
)
from wokingham_cs.working_days import add_working_days, is_working_day

D = datetime.date


# Clear days


@pytest.mark.parametrize(
    ("published", "meeting", "expected"),
    [
        (D(2026, 11, 9), D(2026, 11, 17), 5),  # Mon to Tue: Tue 10 to Fri 13, Mon 16
        (D(2026, 11, 6), D(2026, 11, 17), 6),  # Fri: the weekend after it adds nothing
        (D(2026, 11, 7), D(2026, 11, 17), 6),  # Sat: as good as the Friday
        (D(2026, 11, 10), D(2026, 11, 17), 4),
        (D(2026, 11, 16), D(2026, 11, 17), 0),  # the day before: nothing in between
        (D(2026, 11, 13), D(2026, 11, 16), 0),  # Fri to Mon: only the weekend in between
        (D(2026, 12, 22), D(2027, 1, 4), 5),  # Christmas and New Year: Dec 23, 24, 29, 30, 31
    ],
)
def test_clear_days_leave_out_publication_day_meeting_day_weekends_and_bank_holidays(
    published, meeting, expected
):
    assert clear_days_between(published, meeting) == expected


@pytest.mark.parametrize("published", [D(2026, 11, 17), D(2026, 11, 18), D(2026, 12, 1)])
def test_papers_published_on_or_after_the_meeting_day_give_no_clear_days(published):
    assert clear_days_between(published, D(2026, 11, 17)) == 0


# The deadline


def test_a_tuesday_meeting_with_five_clear_days_has_its_deadline_on_the_monday_a_week_before():
    # Tue 17 Nov 2026: the clear days are Tue 10, Wed 11, Thu 12, Fri 13 and Mon 16.
    assert papers_deadline(D(2026, 11, 17), 5) == D(2026, 11, 9)


def test_the_statutory_number_of_clear_days_is_five():
    assert STATUTORY_CLEAR_DAYS == 5


@pytest.mark.parametrize(
    ("meeting", "clear_days", "deadline"),
    [
        (D(2026, 11, 16), 5, D(2026, 11, 6)),  # Mon meeting: Fri deadline, over a weekend
        (D(2026, 11, 18), 5, D(2026, 11, 10)),  # Wed meeting: Tue a week before
        (D(2026, 11, 17), 0, D(2026, 11, 16)),  # no clear days: the working day before
        (D(2026, 11, 17), 1, D(2026, 11, 13)),  # one: Mon 16 clear, so Fri 13
        (D(2026, 11, 17), 10, D(2026, 11, 2)),  # a board that asks for ten
        # Christmas Day (Fri), Boxing Day's substitute (Mon 28) and New Year's Day (Fri).
        (D(2027, 1, 4), 5, D(2026, 12, 22)),  # Mon 4 Jan: clear Dec 23, 24, 29, 30, 31
        (D(2027, 1, 7), 5, D(2026, 12, 29)),  # Thu 7 Jan: clear Dec 30, 31, Jan 4, 5, 6
        # Easter 2027: Good Friday 26 March, Easter Monday 29 March.
        (D(2027, 4, 6), 5, D(2027, 3, 25)),  # Tue 6 Apr: clear Mar 30, 31, Apr 1, 2, 5
        (D(2027, 4, 1), 5, D(2027, 3, 22)),  # Thu 1 Apr: clear Mar 23, 24, 25, 30, 31
        # The late May bank holiday, Monday 31 May 2027.
        (D(2027, 6, 8), 5, D(2027, 5, 28)),  # Tue 8 Jun: clear Jun 1, 2, 3, 4, 7
        (D(2027, 6, 4), 5, D(2027, 5, 26)),  # Fri 4 Jun: clear May 27, 28, Jun 1, 2, 3
    ],
)
def test_the_deadline_skips_weekends_and_bank_holidays(meeting, clear_days, deadline):
    assert papers_deadline(meeting, clear_days) == deadline


def test_a_negative_number_of_clear_days_is_refused():
    with pytest.raises(ValueError, match="cannot be negative"):
        papers_deadline(D(2026, 11, 17), -1)
    with pytest.raises(ValueError, match="cannot be negative"):
        timeliness(None, D(2026, 11, 17), -1, today=D(2026, 11, 1))


# Timeliness of published papers


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (D(2026, 11, 2), Timeliness.ON_TIME),  # a week early
        (D(2026, 11, 9), Timeliness.ON_TIME),  # Mon: the deadline itself
        (D(2026, 11, 10), Timeliness.LATE),  # Tue: the working day after
        (D(2026, 11, 16), Timeliness.LATE),  # Mon: the day before the meeting
        (D(2026, 11, 17), Timeliness.TABLED),  # Tue: the meeting day
        (D(2026, 11, 18), Timeliness.AFTER_MEETING),
    ],
)
def test_papers_for_a_meeting_on_tuesday_17_november_2026_published_on(published, expected):
    assert timeliness(published, D(2026, 11, 17), 5, today=D(2026, 11, 20)) == expected


@pytest.mark.parametrize(
    ("published", "meeting", "expected"),
    [
        # Mon 16 Nov 2026 meeting, deadline Fri 6 Nov.
        (D(2026, 11, 6), D(2026, 11, 16), Timeliness.ON_TIME),  # Fri: the deadline
        (D(2026, 11, 7), D(2026, 11, 16), Timeliness.ON_TIME),  # Sat: still five clear days
        (D(2026, 11, 9), D(2026, 11, 16), Timeliness.LATE),  # Mon, after the weekend
        # Mon 4 Jan 2027 meeting, deadline Tue 22 Dec 2026.
        (D(2026, 12, 22), D(2027, 1, 4), Timeliness.ON_TIME),
        (D(2026, 12, 23), D(2027, 1, 4), Timeliness.LATE),
        (D(2026, 12, 31), D(2027, 1, 4), Timeliness.LATE),  # Thu, then New Year and a weekend
        (D(2027, 1, 4), D(2027, 1, 4), Timeliness.TABLED),
        # Thu 7 Jan 2027 meeting, deadline Tue 29 Dec 2026.
        (D(2026, 12, 24), D(2027, 1, 7), Timeliness.ON_TIME),
        (D(2026, 12, 25), D(2027, 1, 7), Timeliness.ON_TIME),  # Christmas Day
        (D(2026, 12, 28), D(2027, 1, 7), Timeliness.ON_TIME),  # Boxing Day substitute
        (D(2026, 12, 29), D(2027, 1, 7), Timeliness.ON_TIME),  # the deadline
        (D(2026, 12, 30), D(2027, 1, 7), Timeliness.LATE),
        # Tue 6 Apr 2027 meeting, deadline Thu 25 Mar, before Easter.
        (D(2027, 3, 25), D(2027, 4, 6), Timeliness.ON_TIME),
        (D(2027, 3, 26), D(2027, 4, 6), Timeliness.ON_TIME),  # Good Friday: still five
        (D(2027, 3, 29), D(2027, 4, 6), Timeliness.ON_TIME),  # Easter Monday: still five
        (D(2027, 3, 30), D(2027, 4, 6), Timeliness.LATE),  # Tue after Easter
        # Tue 8 Jun 2027 meeting, deadline Fri 28 May, before the late May bank holiday.
        (D(2027, 5, 28), D(2027, 6, 8), Timeliness.ON_TIME),
        (D(2027, 5, 31), D(2027, 6, 8), Timeliness.ON_TIME),  # the bank holiday itself
        (D(2027, 6, 1), D(2027, 6, 8), Timeliness.LATE),
        (D(2027, 6, 8), D(2027, 6, 8), Timeliness.TABLED),
    ],
)
def test_publication_around_weekends_and_bank_holidays(published, meeting, expected):
    assert timeliness(published, meeting, 5, today=D(2027, 7, 1)) == expected


def test_once_published_the_rating_does_not_depend_on_today():
    for today in (D(2026, 11, 1), D(2026, 11, 17), D(2027, 1, 1)):
        assert timeliness(D(2026, 11, 10), D(2026, 11, 17), 5, today=today) == Timeliness.LATE


# Timeliness of papers not yet published


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 11, 1), Timeliness.DUE),
        (D(2026, 11, 9), Timeliness.DUE),  # the deadline: publishing today is on time
        (D(2026, 11, 10), Timeliness.OVERDUE),
        (D(2026, 11, 17), Timeliness.OVERDUE),  # the meeting day: it could still be tabled
        (D(2026, 11, 18), Timeliness.NOT_PUBLISHED),  # the meeting has been held
    ],
)
def test_unpublished_papers_for_a_meeting_on_tuesday_17_november_2026_on(today, expected):
    assert timeliness(None, D(2026, 11, 17), 5, today=today) == expected


def test_unpublished_papers_are_due_on_the_weekend_after_a_friday_deadline_and_overdue_monday():
    meeting = D(2026, 11, 16)  # Mon, deadline Fri 6 Nov
    assert timeliness(None, meeting, 5, today=D(2026, 11, 8)) == Timeliness.DUE  # Sun
    assert timeliness(None, meeting, 5, today=D(2026, 11, 9)) == Timeliness.OVERDUE  # Mon


def test_with_no_clear_days_asked_for_papers_are_overdue_on_the_meeting_day():
    assert timeliness(None, D(2026, 11, 17), 0, today=D(2026, 11, 16)) == Timeliness.DUE
    assert timeliness(None, D(2026, 11, 17), 0, today=D(2026, 11, 17)) == Timeliness.OVERDUE
    assert timeliness(D(2026, 11, 17), D(2026, 11, 17), 0, today=D(2026, 11, 17)) == (
        Timeliness.TABLED
    )


# Labels


def test_every_state_has_a_label_a_person_reads():
    assert {state: state.label for state in Timeliness} == {
        Timeliness.ON_TIME: "On time",
        Timeliness.LATE: "Late",
        Timeliness.TABLED: "Tabled on the day",
        Timeliness.AFTER_MEETING: "Published after the meeting",
        Timeliness.DUE: "Due",
        Timeliness.OVERDUE: "Overdue",
        Timeliness.NOT_PUBLISHED: "Not published",
    }


def test_only_papers_on_time_or_not_yet_due_are_not_late():
    assert {state for state in Timeliness if not state.is_late} == {
        Timeliness.ON_TIME,
        Timeliness.DUE,
    }


# Properties

meetings = st.dates(min_value=D(2000, 1, 1), max_value=D(2039, 12, 31))
any_dates = st.dates(min_value=D(1999, 6, 1), max_value=D(2039, 12, 31))
clear_day_counts = st.integers(min_value=1, max_value=20)


@given(meetings, clear_day_counts)
def test_the_deadline_is_a_working_day_that_gives_the_clear_days(meeting, n):
    deadline = papers_deadline(meeting, n)
    assert is_working_day(deadline)
    assert deadline < meeting
    assert clear_days_between(deadline, meeting) >= n
    assert timeliness(deadline, meeting, n, today=meeting) == Timeliness.ON_TIME


@given(meetings, clear_day_counts)
def test_the_deadline_is_the_latest_working_day_that_gives_the_clear_days(meeting, n):
    next_working_day = add_working_days(papers_deadline(meeting, n), 1)
    assert clear_days_between(next_working_day, meeting) < n
    assert timeliness(next_working_day, meeting, n, today=meeting) != Timeliness.ON_TIME


@given(meetings, meetings, clear_day_counts)
def test_a_later_meeting_never_has_an_earlier_deadline(one, other, n):
    earlier, later = sorted((one, other))
    assert papers_deadline(earlier, n) <= papers_deadline(later, n)


@given(meetings, clear_day_counts, clear_day_counts)
def test_asking_for_more_clear_days_never_gives_a_later_deadline(meeting, n, m):
    fewer, more = sorted((n, m))
    assert papers_deadline(meeting, more) <= papers_deadline(meeting, fewer)


@given(any_dates, meetings, clear_day_counts)
def test_a_working_day_is_on_time_exactly_when_it_is_on_or_before_the_deadline(day, meeting, n):
    if is_working_day(day) and day < meeting:
        on_time = timeliness(day, meeting, n, today=meeting) == Timeliness.ON_TIME
        assert on_time == (day <= papers_deadline(meeting, n))


@given(any_dates, any_dates, any_dates)
def test_clear_days_add_up_across_a_day_in_between(one, two, three):
    start, middle, end = sorted((one, two, three))
    if start < middle < end:
        assert clear_days_between(start, end) == (
            clear_days_between(start, middle)
            + is_working_day(middle)
            + clear_days_between(middle, end)
        )


@given(any_dates, meetings, clear_day_counts)
def test_unpublished_papers_are_due_exactly_when_publishing_today_would_be_on_time(
    today, meeting, n
):
    if_published_today = timeliness(today, meeting, n, today=today)
    expected = {
        Timeliness.ON_TIME: Timeliness.DUE,
        Timeliness.LATE: Timeliness.OVERDUE,
        Timeliness.TABLED: Timeliness.OVERDUE,
        Timeliness.AFTER_MEETING: Timeliness.NOT_PUBLISHED,
    }[if_published_today]
    assert timeliness(None, meeting, n, today=today) == expected
