"""The demo meetings' dates: a year of them around today, on working days, at each board's
cadence (boards/demo.py explains the rule)."""

import datetime
import itertools

from hypothesis import given
from hypothesis import strategies as st

from boards.demo import cadence_months, meeting_dates
from boards.models import Board
from wokingham_cs.working_days import is_working_day

days = st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2035, 12, 31))


@given(today=days, every=st.sampled_from([1, 2, 3]), turn=st.integers(0, 20))
def test_a_year_of_meetings_around_today_on_working_days_at_the_cadence(today, every, turn):
    dates = meeting_dates(every=every, turn=turn, today=today)
    assert dates == sorted(dates)
    assert all(is_working_day(day) for day in dates)
    assert all(abs(day - today) <= datetime.timedelta(days=183) for day in dates)
    months = [day.year * 12 + day.month for day in dates]
    assert all(later - earlier == every for earlier, later in itertools.pairwise(months))
    # About six months each way: at least a meeting on each side of today.
    assert len(dates) >= 12 // every - 1
    assert any(day < today for day in dates) and any(day >= today for day in dates)


def test_the_third_week_on_the_boards_own_weekday():
    mondays = meeting_dates(every=1, turn=0, today=datetime.date(2026, 11, 29))
    assert {day.weekday() for day in mondays} == {0}
    assert all(15 <= day.day <= 21 for day in mondays)
    thursdays = meeting_dates(every=1, turn=3, today=datetime.date(2026, 11, 29))
    assert {day.weekday() for day in thursdays} == {3}


def test_a_bank_holiday_moves_the_meeting_to_the_next_working_day():
    # Easter Monday 2028 is 17 April, the third Monday of the month.
    dates = meeting_dates(every=1, turn=0, today=datetime.date(2028, 4, 1))
    assert datetime.date(2028, 4, 17) not in dates
    assert datetime.date(2028, 4, 18) in dates


def board(nature: str) -> Board:
    return Board(slug="b", short_name="B", name="B", nature=nature)


def test_cadence_follows_what_the_board_receives():
    assert cadence_months(board("internal"), {"monthly", "quarterly"}) == 1
    assert cadence_months(board("committee"), {"weekly"}) == 1
    assert cadence_months(board("committee"), {"quarterly", ""}) == 2
    assert cadence_months(board("partnership"), {"quarterly"}) == 3
    assert cadence_months(board("internal"), set()) == 3
    assert cadence_months(board("internal"), {"annual", "twice-yearly"}) == 3
