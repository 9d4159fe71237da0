"""A meeting's page: when and where, its agenda, its papers deadline and whether the papers
were on time; the report pack is shown and downloaded from here."""

import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from boards.models import Meeting


def _get_meeting_for_user(request: HttpRequest, slug: str, date: str) -> Meeting:
    """The meeting, if this person may open its papers; otherwise a 404 that says nothing of
    whether it exists (Meeting.papers_visible_to is the rule)."""
    try:
        day = datetime.date.fromisoformat(date)
    except ValueError:
        raise Http404("No such meeting") from None
    meeting = (
        Meeting.objects.select_related("board")
        .prefetch_related("agenda_items")
        .filter(board__slug=slug, date=day)
        .first()
    )
    if meeting is None or not meeting.papers_visible_to(request.user):
        raise Http404("No such meeting")
    return meeting


def meeting(request: HttpRequest, slug: str, date: str) -> HttpResponse:
    meeting = _get_meeting_for_user(request, slug, date)
    return render(
        request,
        "packs/meeting.html",
        {
            "meeting": meeting,
            "timeliness": meeting.papers_timeliness(timezone.localdate()),
        },
    )
