"""Recording a member's challenge at a meeting: routed with the meeting's pages in the "boards"
namespace (packs.urls_boards), reached from the meeting's page."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from boards.models import Meeting
from recommendations import services
from recommendations.forms import ChallengeForm
from recommendations.models import MoveRefused
from recommendations.permissions import keeps_the_plan


def _get_meeting_for_user(request: HttpRequest, slug: str, date: datetime.date) -> Meeting:
    """The meeting, if this person may open its papers; otherwise a 404 (as the meeting page
    gives)."""
    meeting = (
        Meeting.objects.select_related("board")
        .prefetch_related("agenda_items")
        .filter(board__slug=slug, date=date)
        .first()
    )
    if meeting is None or not meeting.papers_visible_to(request.user):
        raise Http404("No such meeting")
    return meeting


def challenge_new(request: HttpRequest, slug: str, date: datetime.date) -> HttpResponse:
    meeting = _get_meeting_for_user(request, slug, date)
    if not keeps_the_plan(request.user):
        raise PermissionDenied
    if meeting.date > timezone.localdate():
        messages.error(
            request,
            f"The meeting on {meeting.date_label} has not been held yet: record a member's "
            "challenge at or after the meeting where it was put.",
        )
        return redirect(f"{meeting.get_absolute_url()}#challenges")
    form = ChallengeForm(request.POST or None, meeting=meeting)
    next_meeting = services.next_meeting_after(meeting)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.record_challenge(
                meeting=meeting, by=request.user, **form.cleaned_data
            )
        except MoveRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                f"Challenge from {action.challenge.member_name} recorded: due by the "
                f"{meeting.board.short_name}'s next meeting, on {next_meeting.date_label}, whose "
                "pack lists it under matters arising.",
            )
            return redirect(f"{meeting.get_absolute_url()}#challenges")
    return render(
        request,
        "recommendations/challenge_form.html",
        {"meeting": meeting, "form": form, "next_meeting": next_meeting},
    )
