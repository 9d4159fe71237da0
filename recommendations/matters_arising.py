"""Matters arising for a meeting's pack: the challenges members put at the board's earlier
meetings that are still open, or were closed (answered) since the previous meeting, so each
comes back to the board at the meeting it was due by, with its answer once there is one.

A public (Part 1) pack does not list a challenge put while the board was in private session
(a meeting whose performance report was Part 2): its words may carry exempt information. The
pack says how many were left out; the board's Part 2 pack lists them."""

from dataclasses import dataclass

from django.db import models

from boards.models import AgendaItem, Meeting
from recommendations.choices import ActionStatus
from recommendations.models import Challenge


@dataclass(frozen=True)
class MattersArising:
    challenges: list[Challenge]
    left_out: int = 0

    def __bool__(self) -> bool:
        return bool(self.challenges or self.left_out)


def matters_arising(meeting: Meeting, *, previous: Meeting | None, public: bool) -> MattersArising:
    """The board's challenges from before this meeting that are open, or closed on or after
    the previous meeting's date. Two queries (the challenges, and the agendas of the meetings
    they were put at)."""
    still_open = ~models.Q(action__status=ActionStatus.CLOSED)
    recently_closed = (
        models.Q(action__closed_at__date__gte=previous.date) if previous else models.Q()
    )
    challenges = list(
        Challenge.objects.filter(meeting__board_id=meeting.board_id, meeting__date__lt=meeting.date)
        .filter(still_open | recently_closed)
        .select_related("action", "member", "meeting")
        .prefetch_related("meeting__agenda_items")
        .order_by("meeting__date", "recorded_at", "pk")
    )
    if not public:
        return MattersArising(challenges)
    shown = [c for c in challenges if c.meeting.report_part == AgendaItem.Part.ONE]
    return MattersArising(shown, left_out=len(challenges) - len(shown))
