"""The pure rules of the action plan: a recommendation's status from its actions', overdue,
the 24-hour window for changing an update, and when an owner is reminded."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recommendations.choices import ActionStatus, RecommendationStatus, ReminderKind
from recommendations.rules import (
    days_overdue,
    is_overdue,
    may_still_edit,
    recommendation_status,
    reminder_kind,
)

OPEN, IN_PROGRESS, COMPLETE = (
    RecommendationStatus.OPEN,
    RecommendationStatus.IN_PROGRESS,
    RecommendationStatus.COMPLETE,
)
NOT_STARTED, STARTED, DONE, CLOSED = (
    ActionStatus.NOT_STARTED,
    ActionStatus.IN_PROGRESS,
    ActionStatus.COMPLETE,
    ActionStatus.CLOSED,
)
statuses = st.lists(st.sampled_from(list(ActionStatus)), max_size=8)
days = st.dates(min_value=datetime.date(2015, 1, 1), max_value=datetime.date(2035, 12, 31))
RANK = {OPEN: 0, IN_PROGRESS: 1, COMPLETE: 2}
# How far along an action is: a move forward never sets its recommendation back.
FORWARD = {NOT_STARTED: [STARTED, DONE, CLOSED], STARTED: [DONE, CLOSED], DONE: [CLOSED],
           CLOSED: []}  # fmt: skip


@pytest.mark.parametrize(
    ("actions", "expected"),
    [
        ([], OPEN),
        ([NOT_STARTED], OPEN),
        ([NOT_STARTED, NOT_STARTED], OPEN),
        ([STARTED], IN_PROGRESS),
        ([NOT_STARTED, STARTED], IN_PROGRESS),
        # Done but not yet signed off: still in progress.
        ([DONE], IN_PROGRESS),
        ([CLOSED, DONE], IN_PROGRESS),
        ([CLOSED, NOT_STARTED], IN_PROGRESS),
        ([CLOSED], COMPLETE),
        ([CLOSED, CLOSED, CLOSED], COMPLETE),
    ],
)
def test_a_recommendations_status_follows_from_its_actions(actions, expected):
    assert recommendation_status(actions) == expected


@given(statuses)
def test_complete_exactly_when_there_are_actions_and_all_are_closed(actions):
    complete = recommendation_status(actions) == COMPLETE
    assert complete == (bool(actions) and all(status == CLOSED for status in actions))


@given(statuses)
def test_open_exactly_when_no_action_has_started(actions):
    assert (recommendation_status(actions) == OPEN) == all(s == NOT_STARTED for s in actions)


@given(statuses, st.permutations(range(8)))
def test_the_order_of_the_actions_does_not_matter(actions, order):
    shuffled = [actions[i] for i in order if i < len(actions)]
    assert recommendation_status(shuffled) == recommendation_status(actions)


@given(statuses, st.data())
def test_moving_an_action_forward_never_sets_its_recommendation_back(actions, data):
    movable = [i for i, status in enumerate(actions) if FORWARD[status]]
    if not movable:
        return
    index = data.draw(st.sampled_from(movable))
    moved = list(actions)
    moved[index] = data.draw(st.sampled_from(FORWARD[actions[index]]))
    assert RANK[recommendation_status(moved)] >= RANK[recommendation_status(actions)]


@given(statuses)
def test_a_new_action_reopens_a_complete_recommendation(actions):
    assert recommendation_status([*actions, NOT_STARTED]) != COMPLETE


def test_overdue_is_past_the_due_date_and_not_done():
    today = datetime.date(2027, 3, 10)
    assert is_overdue(datetime.date(2027, 3, 9), NOT_STARTED, today)
    assert is_overdue(datetime.date(2027, 3, 9), STARTED, today)
    assert not is_overdue(datetime.date(2027, 3, 10), STARTED, today), "due today is not late"
    assert not is_overdue(datetime.date(2027, 3, 9), DONE, today)
    assert not is_overdue(datetime.date(2027, 3, 9), CLOSED, today)
    assert not is_overdue(None, STARTED, today)
    assert days_overdue(datetime.date(2027, 3, 1), STARTED, today) == 9
    assert days_overdue(datetime.date(2027, 3, 1), CLOSED, today) == 0


@given(days, days, st.sampled_from(list(ActionStatus)))
def test_days_overdue_is_positive_exactly_when_overdue(due, today, status):
    assert (days_overdue(due, status, today) > 0) == is_overdue(due, status, today)


@given(days, st.sampled_from([NOT_STARTED, STARTED]), st.integers(min_value=1, max_value=400))
def test_an_open_action_once_overdue_stays_overdue(due, status, later):
    first_late_day = due + datetime.timedelta(days=1)
    assert is_overdue(due, status, first_late_day)
    assert is_overdue(due, status, first_late_day + datetime.timedelta(days=later))


def test_an_update_may_be_changed_for_24_hours_after_it_was_written():
    written = datetime.datetime(2027, 3, 1, 9, 30, tzinfo=datetime.UTC)
    assert may_still_edit(written, written)
    assert may_still_edit(written, written + datetime.timedelta(hours=23, minutes=59))
    assert not may_still_edit(written, written + datetime.timedelta(hours=24))
    assert not may_still_edit(written, written + datetime.timedelta(days=30))


@pytest.mark.parametrize(
    ("due_in", "status", "expected"),
    [
        (8, NOT_STARTED, None),
        (7, NOT_STARTED, ReminderKind.DUE_SOON),
        (1, STARTED, ReminderKind.DUE_SOON),
        (0, STARTED, ReminderKind.DUE_SOON),
        (-1, STARTED, ReminderKind.OVERDUE),
        (-30, NOT_STARTED, ReminderKind.OVERDUE),
        (-1, DONE, None),
        (3, CLOSED, None),
    ],
)
def test_owners_are_reminded_before_an_action_falls_due_and_once_it_is_overdue(
    due_in, status, expected
):
    today = datetime.date(2027, 3, 10)
    due = today + datetime.timedelta(days=due_in)
    assert reminder_kind(due, status, today, days_before=7) == expected
    assert reminder_kind(None, status, today, days_before=7) is None


@given(days, days, st.sampled_from(list(ActionStatus)), st.integers(min_value=0, max_value=60))
def test_an_overdue_reminder_is_exactly_for_an_overdue_action(due, today, status, before):
    assert (reminder_kind(due, status, today, before) == ReminderKind.OVERDUE) == is_overdue(
        due, status, today
    )
