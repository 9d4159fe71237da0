"""Demo data: published packs for past demo meetings, one of them published late.

Works on whatever past meetings are marked is_demo (boards' demo makes them): the latest past
one of each of the boards that receive the most KPIs (with the Wokingham seed, the Children's
Services Overview & Scrutiny Committee and the Corporate Parenting Board, the demo member's
boards). Only a few, because each pack takes most of a second and load_demo runs in many
tests. A meeting that already has a published pack is left as it is, so running it again
publishes nothing.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from boards.models import Board, Meeting
from packs.services import publish_pack
from wokingham_cs.working_days import add_working_days

#: How many boards get a published demo pack.
BOARDS = 2


def publish_demo_packs(
    *, today: datetime.date, publisher: AbstractBaseUser, boards: int = BOARDS
) -> list[str]:
    """Publish version 1 of the pack for the latest past demo meeting of each of the `boards`
    boards that receive the most KPIs, where it has none: on the papers deadline, except the
    earliest of them, published the working day after it (late, so that the timeliness pages
    have a late example). No emails are sent. Returns the meetings published, as text."""
    chosen = (
        Board.objects.with_counts()
        .filter(kpi_count__gt=0)
        .order_by("-kpi_count", "order", "short_name")[:boards]
    )
    latest = [
        meeting
        for board in chosen
        if (
            meeting := Meeting.objects.filter(board=board, is_demo=True, date__lt=today)
            .select_related("board")
            .prefetch_related("agenda_items")
            .order_by("-date")
            .first()
        )
    ]
    published = []
    for position, meeting in enumerate(sorted(latest, key=lambda meeting: meeting.date)):
        if meeting.pack_versions.exists():
            continue
        day = meeting.papers_deadline
        if position == 0:
            day = add_working_days(day, 1)
        at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
        publish_pack(meeting=meeting, user=publisher, at=at, notify=False, is_demo=True)
        published.append(str(meeting))
    return published
