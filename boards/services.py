"""Writes that touch several of the boards app's models at once."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from boards.models import AgendaItem, Meeting

AGENDA_FIELDS = ("number", "title", "part", "exempt_paragraph", "is_performance_report")


class MeetingChanged(Exception):
    """Someone saved the meeting after the form was opened; nothing was saved. `current` is
    the meeting as it is now."""

    def __init__(self, current: Meeting):
        super().__init__(f"Meeting {current.pk} is at version {current.version}")
        self.current = current


@transaction.atomic
def save_meeting(
    *,
    meeting: Meeting,
    date: datetime.date,
    starts_at: datetime.time | None,
    venue: str,
    agenda: list[dict],
    by: AbstractBaseUser,
    seen_version: int | None = None,
) -> Meeting:
    """Save a new or changed meeting and replace its agenda with `agenda` (dicts of number,
    title, part, exempt_paragraph, is_performance_report), all or nothing.

    A changed meeting is saved only from the version the form was opened at (`seen_version`):
    otherwise MeetingChanged, unless the save that came between was this person's own of the
    same meeting (a double click). Its row is locked meanwhile, as publishing locks it, so a
    date cannot change as the papers are published (Meeting.clean raises ValidationError).

    The agenda is replaced rather than matched row by row, so items can swap numbers or pass
    the performance report from one to another in one save without tripping the database's
    own checks (one number, one performance report per meeting) half way through. A date
    taken by another meeting of the board raises IntegrityError and saves nothing.
    """
    if meeting.pk:
        stored = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if stored.version != seen_version:
            if stored.updated_by_id == by.pk and _is_as_typed(
                stored, date, starts_at, venue, agenda
            ):
                return stored
            raise MeetingChanged(stored)
        meeting.version = stored.version + 1
    if date != meeting.date:
        # A date typed in full is known to the day; a month-only date left as it was stays so.
        meeting.precision = Meeting.Precision.DAY
    meeting.date, meeting.starts_at, meeting.venue = date, starts_at, venue
    meeting.updated_at, meeting.updated_by = timezone.now(), by
    if meeting.pk:
        meeting.clean()
        meeting.save(
            update_fields=[
                "date", "precision", "starts_at", "venue", "version", "updated_at", "updated_by",
            ]
        )  # fmt: skip
        meeting.agenda_items.all().delete()
    else:
        meeting.save()
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, **{name: item[name] for name in AGENDA_FIELDS})
        for item in agenda
    )
    return meeting


def _is_as_typed(
    meeting: Meeting,
    date: datetime.date,
    starts_at: datetime.time | None,
    venue: str,
    agenda: list[dict],
) -> bool:
    typed = [tuple(item[name] for name in AGENDA_FIELDS) for item in agenda]
    stored = list(meeting.agenda_items.order_by("number").values_list(*AGENDA_FIELDS))
    return (meeting.date, meeting.starts_at, meeting.venue, stored) == (
        date, starts_at, venue, typed
    )  # fmt: skip
