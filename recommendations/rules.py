"""The rules of the action plan, with no database access: what a recommendation's status is
given its actions', when an action is overdue, how long an update may be changed, and when an
owner is reminded. Models, views and the reminders all ask these; tests/recommendations
checks them, with hypothesis where a property exists."""

import datetime
from collections.abc import Iterable

from recommendations.choices import DONE, ActionStatus, RecommendationStatus, ReminderKind

#: An update can be changed by its author for this long after it was written; after that it
#: stands, and only a correcting entry can follow it.
EDIT_WINDOW = datetime.timedelta(hours=24)


def recommendation_status(action_statuses: Iterable[str]) -> RecommendationStatus:
    """A recommendation's status from its actions': complete when every action is closed
    (signed off on evidence), in progress once any has started, otherwise open (including
    when it has no action yet)."""
    statuses = [ActionStatus(status) for status in action_statuses]
    if statuses and all(status == ActionStatus.CLOSED for status in statuses):
        return RecommendationStatus.COMPLETE
    if any(status != ActionStatus.NOT_STARTED for status in statuses):
        return RecommendationStatus.IN_PROGRESS
    return RecommendationStatus.OPEN


def is_overdue(due: datetime.date | None, status: str, today: datetime.date) -> bool:
    """Past its due date and not yet done (complete or closed). Due today is not overdue;
    without a due date nothing is."""
    return due is not None and due < today and ActionStatus(status) not in DONE


def days_overdue(due: datetime.date | None, status: str, today: datetime.date) -> int:
    """How many days past its due date an overdue action is (0 when it is not overdue)."""
    return (today - due).days if is_overdue(due, status, today) else 0


def editable_until(written_at: datetime.datetime) -> datetime.datetime:
    return written_at + EDIT_WINDOW


def may_still_edit(written_at: datetime.datetime, now: datetime.datetime) -> bool:
    """Whether an update written at `written_at` may still be changed at `now`."""
    return now < editable_until(written_at)


def reminder_kind(
    due: datetime.date | None, status: str, today: datetime.date, days_before: int
) -> ReminderKind | None:
    """The reminder an action's owner needs today, if any: "overdue" once it is overdue,
    "due soon" from `days_before` days before its due date up to that day; none without a due
    date or once the work is done."""
    if due is None or ActionStatus(status) in DONE:
        return None
    if due < today:
        return ReminderKind.OVERDUE
    if (due - today).days <= days_before:
        return ReminderKind.DUE_SOON
    return None
