"""The cut-off rule: a pack holds the periods that had ended before its papers deadline, and
reports each period to a board once (at most a year of them)."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from kpis.periods import Period
from packs.cutoff import (
    MOST_MONTHS,
    cut_off_for,
    first_reported,
    publishable_from,
    too_early_to_publish,
)

days = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 12, 31))


def last_day(period: Period) -> datetime.date:
    return period.next().first_day - datetime.timedelta(days=1)


def test_a_deadline_of_30_november_gives_october():
    assert cut_off_for(datetime.date(2026, 11, 30)) == Period(2026, 10)


def test_a_deadline_on_the_first_of_a_month_gives_the_month_just_ended():
    assert cut_off_for(datetime.date(2026, 12, 1)) == Period(2026, 11)
    assert cut_off_for(datetime.date(2027, 1, 1)) == Period(2026, 12)


@given(days)
def test_the_cut_off_is_the_latest_month_that_ended_before_the_deadline(deadline):
    cut_off = cut_off_for(deadline)
    assert last_day(cut_off) < deadline
    assert last_day(cut_off.next()) >= deadline


@given(days, days)
def test_a_later_deadline_never_gives_an_earlier_cut_off(one, other):
    earlier, later = sorted((one, other))
    assert cut_off_for(earlier) <= cut_off_for(later)


def test_the_periods_reported_start_after_the_previous_meetings_cut_off():
    assert first_reported(Period(2026, 10), Period(2026, 7)) == Period(2026, 8)


def test_a_first_meeting_reports_the_cut_off_period_alone():
    assert first_reported(Period(2026, 10), None) == Period(2026, 10)
    assert first_reported(Period(2026, 10), Period(2026, 10)) == Period(2026, 10)


@given(days, days)
def test_at_most_a_year_is_reported_and_never_after_the_cut_off(one, other):
    previous, this = sorted((cut_off_for(one), cut_off_for(other)))
    first = first_reported(this, previous)
    assert first <= this
    assert first >= this.shift(-(MOST_MONTHS - 1))
    assert first > previous or first == this


def test_a_pack_may_be_published_once_its_cut_off_month_has_ended():
    # A meeting on 17 March 2027 with its deadline on 10 March reports February 2027.
    deadline = datetime.date(2027, 3, 10)
    assert publishable_from(deadline) == datetime.date(2027, 3, 1)
    assert too_early_to_publish(deadline, datetime.date(2027, 3, 1)) is None
    assert too_early_to_publish(deadline, datetime.date(2027, 2, 28)) == (
        "The pack reports the figures for February 2027, which has not ended yet: it can be "
        "published from 1 March 2027. Until then, prepare a draft to check it"
    )


@given(days, days)
def test_publishing_is_allowed_exactly_when_the_cut_off_month_has_ended(deadline, today):
    allowed = too_early_to_publish(deadline, today) is None
    assert allowed == (today > last_day(cut_off_for(deadline)))
