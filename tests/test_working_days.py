"""Working days in England and Wales: weekends and bank holidays, for return deadlines."""

import datetime

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wokingham_cs.working_days import (
    add_working_days,
    bank_holidays,
    is_working_day,
    nth_working_day,
)

D = datetime.date

# From gov.uk/bank-holidays (England and Wales).
KNOWN = {
    2015: {D(2015, 1, 1), D(2015, 4, 3), D(2015, 4, 6), D(2015, 5, 4), D(2015, 5, 25),
           D(2015, 8, 31), D(2015, 12, 25), D(2015, 12, 28)},
    2016: {D(2016, 1, 1), D(2016, 3, 25), D(2016, 3, 28), D(2016, 5, 2), D(2016, 5, 30),
           D(2016, 8, 29), D(2016, 12, 26), D(2016, 12, 27)},
    2020: {D(2020, 1, 1), D(2020, 4, 10), D(2020, 4, 13), D(2020, 5, 8), D(2020, 5, 25),
           D(2020, 8, 31), D(2020, 12, 25), D(2020, 12, 28)},
    2021: {D(2021, 1, 1), D(2021, 4, 2), D(2021, 4, 5), D(2021, 5, 3), D(2021, 5, 31),
           D(2021, 8, 30), D(2021, 12, 27), D(2021, 12, 28)},
    2022: {D(2022, 1, 3), D(2022, 4, 15), D(2022, 4, 18), D(2022, 5, 2), D(2022, 6, 2),
           D(2022, 6, 3), D(2022, 8, 29), D(2022, 9, 19), D(2022, 12, 26), D(2022, 12, 27)},
    2023: {D(2023, 1, 2), D(2023, 4, 7), D(2023, 4, 10), D(2023, 5, 1), D(2023, 5, 8),
           D(2023, 5, 29), D(2023, 8, 28), D(2023, 12, 25), D(2023, 12, 26)},
    2024: {D(2024, 1, 1), D(2024, 3, 29), D(2024, 4, 1), D(2024, 5, 6), D(2024, 5, 27),
           D(2024, 8, 26), D(2024, 12, 25), D(2024, 12, 26)},
    2026: {D(2026, 1, 1), D(2026, 4, 3), D(2026, 4, 6), D(2026, 5, 4), D(2026, 5, 25),
           D(2026, 8, 31), D(2026, 12, 25), D(2026, 12, 28)},
}  # fmt: skip


@pytest.mark.parametrize("year", sorted(KNOWN))
def test_bank_holidays_match_the_published_list_for(year):
    assert bank_holidays(year) == KNOWN[year]


def test_in_2020_the_early_may_bank_holiday_moved_to_ve_day_on_8_may():
    assert D(2020, 5, 8) in bank_holidays(2020)
    assert D(2020, 5, 4) not in bank_holidays(2020)
    assert is_working_day(D(2020, 5, 4))


def test_2022_had_the_jubilee_days_and_the_state_funeral_instead_of_the_late_may_holiday():
    days = bank_holidays(2022)
    assert {D(2022, 6, 2), D(2022, 6, 3), D(2022, 9, 19)} <= days
    assert D(2022, 5, 30) not in days


@pytest.mark.parametrize(
    ("year", "substitutes"),
    [
        (2021, {D(2021, 12, 27), D(2021, 12, 28)}),  # Christmas on a Saturday
        (2022, {D(2022, 12, 26), D(2022, 12, 27)}),  # Christmas on a Sunday
        (2020, {D(2020, 12, 25), D(2020, 12, 28)}),  # Boxing Day on a Saturday
        (2019, {D(2019, 12, 25), D(2019, 12, 26)}),  # midweek: no substitutes
    ],
)
def test_christmas_and_boxing_day_at_a_weekend_move_to_the_following_weekdays(year, substitutes):
    december = {day for day in bank_holidays(year) if day.month == 12}
    assert december == substitutes


def test_new_year_on_a_weekend_moves_to_the_monday():
    assert D(2022, 1, 3) in bank_holidays(2022)  # Saturday 1 January
    assert D(2023, 1, 2) in bank_holidays(2023)  # Sunday 1 January


def test_one_off_days_the_old_hand_kept_table_missed_are_bank_holidays():
    assert D(1977, 6, 7) in bank_holidays(1977)  # Silver Jubilee
    assert D(1981, 7, 29) in bank_holidays(1981)  # Wedding of Charles and Diana
    assert not is_working_day(D(1981, 7, 29))


def test_the_early_may_bank_holiday_began_in_1978():
    assert D(1977, 5, 2) not in bank_holidays(1977)
    assert D(1978, 5, 1) in bank_holidays(1978)


@pytest.mark.parametrize(
    "day",
    [
        D(2026, 1, 2),  # Scotland: 2 January
        D(2026, 3, 17),  # Northern Ireland: St Patrick's Day
        D(2026, 6, 15),  # Scotland: the FIFA World Cup final
        D(2026, 7, 13),  # Northern Ireland: Battle of the Boyne, observed
        D(2026, 8, 3),  # Scotland: summer bank holiday
        D(2026, 11, 30),  # Scotland: St Andrew's Day
    ],
)
def test_scottish_and_northern_irish_bank_holidays_are_working_days_here(day):
    assert day not in bank_holidays(day.year)
    assert is_working_day(day)


def test_wales_has_the_same_bank_holidays_as_england():
    # bank_holidays() asks the package for England only. If Wales is ever given a day of its
    # own (St David's Day has been proposed), this fails and the choice must be revisited.
    years = range(1995, 2041)
    england = holidays.country_holidays("GB", subdiv="ENG", years=years)
    wales = holidays.country_holidays("GB", subdiv="WLS", years=years)
    assert set(england) == set(wales)


@pytest.mark.parametrize(
    ("year", "month", "n", "expected"),
    [
        (2026, 11, 1, D(2026, 11, 2)),  # 1 November 2026 is a Sunday
        (2026, 11, 10, D(2026, 11, 13)),
        (2021, 1, 1, D(2021, 1, 4)),  # New Year's Day, then a weekend
        (2022, 1, 1, D(2022, 1, 4)),  # the substitute Monday is not a working day
        (2020, 5, 3, D(2020, 5, 5)),  # 4 May 2020 was a working day (VE Day moved)
        (2022, 6, 10, D(2022, 6, 16)),  # two jubilee days in the first week
        (2020, 12, 19, D(2020, 12, 29)),  # across Christmas and the substitute Boxing Day
    ],
)
def test_nth_working_day_skips_weekends_and_bank_holidays(year, month, n, expected):
    assert nth_working_day(year, month, n) == expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2020, 12, 24), 1, D(2020, 12, 29)),
        (D(2022, 9, 16), 1, D(2022, 9, 20)),
        (D(2022, 1, 4), -1, D(2021, 12, 31)),
        (D(2026, 11, 20), 5, D(2026, 11, 27)),
        (D(2026, 11, 22), 0, D(2026, 11, 22)),
    ],
)
def test_add_working_days_counts_forwards_and_backwards(start, n, expected):
    assert add_working_days(start, n) == expected


days = st.dates(min_value=D(1995, 1, 1), max_value=D(2040, 12, 31))


@given(days, st.integers(min_value=-40, max_value=40).filter(bool))
def test_adding_working_days_lands_on_a_working_day_and_can_be_undone(day, n):
    later = add_working_days(day, n)
    assert is_working_day(later)
    assert (later > day) == (n > 0)
    if is_working_day(day):
        assert add_working_days(later, -n) == day


@given(
    st.integers(min_value=1995, max_value=2040),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=15),
)
def test_the_nth_working_day_is_a_working_day_after_the_one_before(year, month, n):
    day = nth_working_day(year, month, n)
    assert is_working_day(day)
    assert day.year == year and day.month == month
    if n > 1:
        assert day > nth_working_day(year, month, n - 1)
        assert add_working_days(nth_working_day(year, month, n - 1), 1) == day


@given(st.integers(min_value=1995, max_value=2040))
def test_every_year_has_at_least_eight_bank_holidays_all_on_weekdays(year):
    days = bank_holidays(year)
    assert len(days) >= 8
    assert all(day.weekday() < 5 and day.year == year for day in days)
