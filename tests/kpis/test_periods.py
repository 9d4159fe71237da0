"""Reporting periods: named by the month they end in, in a financial year running April-March."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpis.periods import (
    DUE_MONTHS,
    FIRST_YEAR,
    LAST_YEAR,
    Period,
    PeriodError,
    due_periods,
    financial_year_label,
    is_due,
    previous_due,
)

P = Period.parse
FREQUENCIES = sorted(DUE_MONTHS)
months = st.integers(min_value=1, max_value=12)
periods = st.builds(Period, st.integers(min_value=FIRST_YEAR, max_value=LAST_YEAR), months)
# Any period the calendar holds, 0001-01 to 9999-12, with its ends drawn often.
calendar_periods = st.builds(
    Period,
    st.one_of(
        st.sampled_from([datetime.MINYEAR, datetime.MAXYEAR]),
        st.integers(min_value=datetime.MINYEAR, max_value=datetime.MAXYEAR),
    ),
    months,
)
EXTREMES = [Period(datetime.MINYEAR, 1), Period(datetime.MAXYEAR, 12)]


def test_a_period_is_read_from_and_written_as_year_dash_month():
    period = P("2015-06")
    assert (period.year, period.month) == (2015, 6)
    assert str(period) == "2015-06"
    assert period.label == "June 2015"
    assert period.first_day == datetime.date(2015, 6, 1)
    assert P(" 2016-03 ") == Period(2016, 3)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2015-6", "use the form YYYY-MM, for example 2015-06"),
        ("June 2015", "use the form YYYY-MM"),
        ("2015/06", "use the form YYYY-MM"),
        ("", "use the form YYYY-MM"),
        ("2015-06-01", "use the form YYYY-MM"),
        ("2015-13", "the month must be 01 to 12"),
        ("2015-00", "the month must be 01 to 12"),
        ("1989-12", "too early to be a reporting period"),
        ("0001-01", "too early to be a reporting period"),
        ("0000-01", "too early to be a reporting period"),
        ("2100-01", "too late to be a reporting period: use a year up to 2099"),
        ("9999-12", "too late to be a reporting period: use a year up to 2099"),
    ],
)
def test_text_that_is_not_a_period_is_refused_with_a_message_saying_why(text, message):
    with pytest.raises(PeriodError, match=message):
        P(text)


def test_a_period_cannot_have_a_thirteenth_month():
    with pytest.raises(PeriodError):
        Period(2015, 13)


def test_a_quarter_is_named_by_its_last_month_and_a_year_by_march():
    # April-June 2015 is the quarter 2015-06; the financial year 2015-16 is 2016-03.
    assert is_due("quarterly", P("2015-06"))
    assert not any(is_due("quarterly", P(text)) for text in ("2015-04", "2015-05"))
    assert [str(p) for p in due_periods("annual", P("2015-04"), P("2016-03"))] == ["2016-03"]


@pytest.mark.parametrize(
    ("text", "year", "label"),
    [
        ("2015-04", 2015, "2015-16"),
        ("2016-03", 2015, "2015-16"),
        ("2016-01", 2015, "2015-16"),
        ("2016-04", 2016, "2016-17"),
        ("1999-12", 1999, "1999-00"),
    ],
)
def test_the_financial_year_runs_april_to_march(text, year, label):
    assert P(text).financial_year == year
    assert financial_year_label(P(text).financial_year) == label


def test_shifting_crosses_year_ends_both_ways():
    assert P("2015-12").shift(1) == P("2016-01")
    assert P("2015-01").shift(-1) == P("2014-12")
    assert P("2016-03").shift(-25) == P("2014-02")
    assert P("2016-03").same_period_last_year() == P("2015-03")


def test_quarters_end_in_june_september_december_and_march():
    year = due_periods("quarterly", P("2015-04"), P("2016-03"))
    assert [str(p) for p in year] == ["2015-06", "2015-09", "2015-12", "2016-03"]


def test_an_annual_kpi_is_due_in_march_unless_it_names_another_month():
    assert is_due("annual", P("2016-03"))
    assert not is_due("annual", P("2016-09"))
    assert is_due("annual", P("2016-09"), due_month=9)
    assert not is_due("annual", P("2016-03"), due_month=9)


@pytest.mark.parametrize(
    ("frequency", "period", "due_month", "expected"),
    [
        ("monthly", "2016-01", None, "2015-12"),
        ("quarterly", "2015-06", None, "2015-03"),
        ("quarterly", "2015-08", None, "2015-06"),
        ("annual", "2016-03", None, "2015-03"),
        ("annual", "2016-03", 9, "2015-09"),
        ("twice-yearly", "2016-03", None, "2015-09"),
        ("termly", "2016-04", None, "2015-12"),
    ],
)
def test_the_previous_due_period_goes_back_to_the_last_one_the_kpi_reports(
    frequency, period, due_month, expected
):
    assert previous_due(frequency, P(period), due_month) == P(expected)


def test_due_periods_is_empty_when_the_range_is_backwards():
    assert due_periods("monthly", P("2016-03"), P("2015-04")) == []


@pytest.mark.parametrize(
    ("frequency", "count"),
    [
        ("weekly", 12),
        ("monthly", 12),
        ("quarterly", 4),
        ("termly", 3),
        ("twice-yearly", 2),
        ("annual", 1),
    ],
)
def test_a_financial_year_has_the_right_number_of_due_periods(frequency, count):
    assert len(due_periods(frequency, P("2015-04"), P("2016-03"))) == count


@given(periods, st.integers(min_value=-600, max_value=600))
def test_shifting_forward_then_back_returns_to_the_same_period(period, months):
    assert period.shift(months).shift(-months) == period
    assert (period.shift(months) > period) == (months > 0)


@given(periods)
def test_a_periods_financial_year_starts_in_its_year_or_the_year_before(period):
    assert period.financial_year in (period.year, period.year - 1)
    assert period.shift(12).financial_year == period.financial_year + 1
    assert P(str(period)) == period


@given(periods, st.sampled_from(FREQUENCIES), st.one_of(st.none(), st.integers(1, 12)))
def test_the_previous_due_period_is_due_and_nothing_due_lies_between(period, frequency, month):
    due_month = month if frequency == "annual" else None
    earlier = previous_due(frequency, period, due_month)
    assert earlier < period
    assert is_due(frequency, earlier, due_month)
    assert due_periods(frequency, earlier.next(), period.previous(), due_month) == []


@given(periods, periods, st.sampled_from(FREQUENCIES))
def test_due_periods_are_exactly_the_due_months_in_the_range_oldest_first(one, two, frequency):
    start, end = min(one, two), max(one, two)
    if (end.year - start.year) > 20:
        end = start.shift(240)
    found = due_periods(frequency, start, end)
    assert found == sorted(found)
    assert all(start <= p <= end and is_due(frequency, p) for p in found)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    expected = [start.shift(n) for n in range(months) if is_due(frequency, start.shift(n))]
    assert found == expected


def test_the_first_and_last_years_are_read_and_their_neighbours_have_dates():
    assert P("1990-01").previous().first_day == datetime.date(1989, 12, 1)
    assert P("2099-12").next().first_day == datetime.date(2100, 1, 1)
    assert Period.parse_loose("Dec 2099") == P("2099-12")


@pytest.mark.parametrize("text", ["31/12/9999", "01/0001", "9999-12-31", "Dec 9999"])
def test_a_spreadsheets_date_outside_the_years_is_refused_with_a_message(text):
    with pytest.raises(PeriodError, match="reporting period"):
        Period.parse_loose(text)


@pytest.mark.parametrize("period", EXTREMES, ids=str)
def test_the_calendars_first_and_last_months_have_a_first_day_and_no_neighbour_beyond(period):
    assert Period.from_date(period.first_day) == period
    beyond = -1 if period.year == datetime.MINYEAR else 1
    with pytest.raises(PeriodError, match="outside the calendar"):
        period.shift(beyond)


@given(calendar_periods, st.integers(min_value=-240, max_value=240))
def test_date_arithmetic_on_any_period_gives_a_dated_period_or_a_period_error(period, months):
    assert Period.from_date(period.first_day) == period
    try:
        shifted = period.shift(months)
    except PeriodError:
        edge = period.year * 12 + period.month - 1 + months
        assert not 12 * datetime.MINYEAR <= edge < 12 * (datetime.MAXYEAR + 1)
    else:
        assert shifted.first_day.year == shifted.year


@given(calendar_periods, st.sampled_from(FREQUENCIES), st.one_of(st.none(), months))
def test_due_periods_and_previous_due_near_the_calendars_ends_never_leave_it(
    period, frequency, month
):
    due_month = month if frequency == "annual" else None
    try:
        earlier = previous_due(frequency, period, due_month)
    except PeriodError:
        assert period.year == datetime.MINYEAR
    else:
        assert earlier.first_day < period.first_day
    end = Period(min(period.year + 1, datetime.MAXYEAR), 12)
    found = due_periods(frequency, period, end, due_month)
    assert all(period <= p <= end and is_due(frequency, p, due_month) for p in found)


@given(
    st.integers(min_value=0, max_value=9999),
    st.integers(min_value=0, max_value=99),
    st.sampled_from(FREQUENCIES),
)
def test_any_period_text_is_refused_or_has_dated_neighbours(year, month, frequency):
    """Whatever four-digit year a person types, a period that is read has a month before and
    after it with a first day (when it opens, when it is due), so no page can fail on one."""
    try:
        period = P(f"{year:04d}-{month:02d}")
    except PeriodError as error:
        assert "period" in str(error)
        assert not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12)
        return
    assert FIRST_YEAR <= period.year <= LAST_YEAR
    assert period.next().first_day > period.first_day > period.previous().first_day
    assert period.same_period_last_year().first_day < period.first_day
    assert previous_due(frequency, period).first_day < period.first_day
