"""Demo data: published packs for the past demo meetings, one of them published late.

Works on whatever past meetings are marked is_demo (boards' demo makes them), for the boards
that receive KPIs, and only the latest few: each pack takes about a second to make. A meeting
that already has a published pack is left as it is, so running it again publishes nothing.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from boards.models import Board, Meeting
from packs.services import publish_pack
from wokingham_cs.working_days import add_working_days

#: How many of the latest past demo meetings get a published pack.
MOST = 4


def publish_demo_packs(
    *, today: datetime.date, publisher: AbstractBaseUser, most: int = MOST
) -> list[str]:
    """Publish version 1 of the pack for each of the latest `most` past demo meetings that has
    none: on the papers deadline, except the earliest of them, published the working day after
    it (late, so that the timeliness pages have a late example). No emails are sent. Returns
    the meetings published, as text."""
    latest = list(
        Meeting.objects.filter(
            is_demo=True, date__lt=today, board__in=Board.objects.receiving_kpis()
        )
        .select_related("board")
        .prefetch_related("agenda_items")
        .order_by("-date", "board__order")[:most]
    )
    published = []
    for position, meeting in enumerate(reversed(latest)):
        if meeting.pack_versions.exists():
            continue
        day = meeting.papers_deadline
        if position == 0:
            day = add_working_days(day, 1)
        at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
        publish_pack(meeting=meeting, user=publisher, at=at, notify=False, is_demo=True)
        published.append(str(meeting))
    return published
