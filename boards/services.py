"""Writes that touch several of the boards app's models at once."""

import datetime

from django.db import transaction

from boards.models import AgendaItem, Meeting


@transaction.atomic
def save_meeting(
    *,
    meeting: Meeting,
    date: datetime.date,
    starts_at: datetime.time | None,
    venue: str,
    agenda: list[dict],
) -> Meeting:
    """Save a new or changed meeting and replace its agenda with `agenda` (dicts of number,
    title, part, exempt_paragraph, is_performance_report), all or nothing.

    The agenda is replaced rather than matched row by row, so items can swap numbers or pass
    the performance report from one to another in one save without tripping the database's
    own checks (one number, one performance report per meeting) half way through. A date
    taken by another meeting of the board raises IntegrityError and saves nothing.
    """
    if date != meeting.date:
        # A date typed in full is known to the day; a month-only date left as it was stays so.
        meeting.precision = Meeting.Precision.DAY
    meeting.date, meeting.starts_at, meeting.venue = date, starts_at, venue
    if meeting.pk:
        meeting.save(update_fields=["date", "precision", "starts_at", "venue"])
        meeting.agenda_items.all().delete()
    else:
        meeting.save()
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            number=item["number"],
            title=item["title"],
            part=item["part"],
            exempt_paragraph=item["exempt_paragraph"],
            is_performance_report=item["is_performance_report"],
        )
        for item in agenda
    )
    return meeting
