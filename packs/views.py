"""A meeting's page and its report pack: the pack in HTML, its PDF downloads (the published
versions, byte for byte, and drafts for the people who prepare them), and making the pack in
the background, drafts and publications, with a status the page polls.

Every view fetches through _get_meeting_for_user first, so whoever may not open a meeting gets
the same 404 as for a meeting that does not exist.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from boards.models import Meeting, sees_every_paper
from packs.assembly import Edition, assemble_pack
from packs.cutoff import too_early_to_publish
from packs.forms import PublishForm
from packs.models import PackBuild, PackVersion, reads_part_2_papers
from packs.services import current_draft_pdf
from packs.tasks import request_build
from recommendations.models import Challenge
from recommendations.permissions import keeps_the_plan
from wokingham_cs import private_files


def _get_meeting_for_user(request: HttpRequest, slug: str, date: datetime.date) -> Meeting:
    """The meeting, if this person may open its papers; otherwise a 404 that says nothing of
    whether it exists (Meeting.papers_visible_to is the rule)."""
    meeting = (
        Meeting.objects.select_related("board")
        .prefetch_related("agenda_items")
        .filter(board__slug=slug, date=date)
        .first()
    )
    if meeting is None or not meeting.papers_visible_to(request.user):
        raise Http404("No such meeting")
    return meeting


def _get_pack_for_user(
    request: HttpRequest, slug: str, date: datetime.date, number: int
) -> PackVersion:
    """A published version of the meeting's pack, if this person may open it (a Part 2
    version only for those who read the board's Part 2 papers); otherwise a 404."""
    meeting = _get_meeting_for_user(request, slug, date)
    version = meeting.pack_versions.filter(number=number).first()
    if version is None:
        raise Http404("No such pack")
    version.meeting = meeting
    if not version.visible_to(request.user):
        raise Http404("No such pack")
    return version


def _require_preparer(request: HttpRequest) -> None:
    """Performance officers and managers prepare and publish packs; others who may read the
    meeting are refused (they know it exists)."""
    if not sees_every_paper(request.user):
        raise PermissionDenied


def meeting(request: HttpRequest, slug: str, date: datetime.date) -> HttpResponse:
    return _meeting_page(request, _get_meeting_for_user(request, slug, date))


def _meeting_page(
    request: HttpRequest, meeting: Meeting, publish_form: PublishForm | None = None, status=200
) -> HttpResponse:
    user = request.user
    preparer = sees_every_paper(user)
    reads_part_2 = preparer or reads_part_2_papers(user, meeting.board)
    versions = []
    for version in meeting.pack_versions.for_meeting_page():
        version.meeting = meeting
        if version.visible_to(user, reads_part_2=reads_part_2):
            versions.append(version)
    context = {
        "meeting": meeting,
        "timeliness": meeting.papers_timeliness(timezone.localdate()),
        "versions": versions,
        "preparer": preparer,
        # Members' challenges put at this meeting: read by whoever may open the meeting.
        "challenges": Challenge.objects.filter(meeting=meeting)
        .select_related("member", "action")
        .order_by("recorded_at", "pk"),
        # At or after the meeting: a challenge is a question put at it.
        "may_record_challenge": keeps_the_plan(user) and meeting.date <= timezone.localdate(),
    }
    if preparer:
        latest = {}
        for build in PackBuild.objects.filter(meeting=meeting).select_related(
            "requested_by", "version"
        )[:20]:
            build.meeting = meeting
            latest.setdefault(build.kind, build)
        # Officers and managers see every version, newest first.
        revising = bool(versions)
        context |= {
            "pack": assemble_pack(meeting, edition=Edition.draft(timezone.localdate())),
            "draft_build": latest.get(PackBuild.Kind.DRAFT),
            "publish_build": latest.get(PackBuild.Kind.PUBLISH),
            "next_number": versions[0].number + 1 if revising else 1,
            "publish_form": publish_form or PublishForm(revising=revising),
            "too_early": too_early_to_publish(meeting.papers_deadline, timezone.localdate()),
        }
    return render(request, "packs/meeting.html", context, status=status)


def pack_pdf(request: HttpRequest, slug: str, date: datetime.date) -> HttpResponse:
    """The latest published version, byte for byte; before publication a draft made from the
    figures as they stand, for officers and managers only."""
    meeting = _get_meeting_for_user(request, slug, date)
    latest = meeting.pack_versions.order_by("-number").first()
    if latest is not None:
        return pack_version(request, slug, date, latest.number)
    if not sees_every_paper(request.user):
        raise Http404("No such pack")
    return _draft_response(meeting)


def pack_draft_pdf(request: HttpRequest, slug: str, date: datetime.date) -> HttpResponse:
    """The draft as the figures stand, before or after publication (a revision to check):
    officers and managers only."""
    meeting = _get_meeting_for_user(request, slug, date)
    if not sees_every_paper(request.user):
        raise Http404("No such pack")
    return _draft_response(meeting)


def _draft_response(meeting: Meeting) -> HttpResponse:
    filename = f"{meeting.board.slug}-{meeting.date.isoformat()}-pack-draft.pdf"
    return _pdf_response(current_draft_pdf(meeting), filename)


def pack_version(request: HttpRequest, slug: str, date: datetime.date, number: int) -> HttpResponse:
    """A published version exactly as it was stored, checked against its SHA-256."""
    version = _get_pack_for_user(request, slug, date, number)
    try:
        content = private_files.read(version.file_name, sha256=version.sha256)
    except private_files.StorageError as error:
        return render(
            request,
            "packs/stored_file_problem.html",
            {"version": version, "problem": str(error)},
            status=500,
        )
    return _pdf_response(content, version.filename)


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Content-Length"] = str(len(content))
    # Papers may be restricted: never kept by shared caches or the browser's cache.
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def prepare_draft(request: HttpRequest, slug: str, date: datetime.date) -> HttpResponse:
    meeting = _get_meeting_for_user(request, slug, date)
    _require_preparer(request)
    build, created = request_build(meeting=meeting, kind=PackBuild.Kind.DRAFT, user=request.user)
    if not created:
        messages.info(request, _already(build, "A draft"))
    elif build.status == PackBuild.Status.DONE:
        messages.success(request, "The draft PDF is ready.")
    return redirect(f"{meeting.get_absolute_url()}#pack")


@require_POST
def publish(request: HttpRequest, slug: str, date: datetime.date) -> HttpResponse:
    meeting = _get_meeting_for_user(request, slug, date)
    _require_preparer(request)
    too_early = too_early_to_publish(meeting.papers_deadline, timezone.localdate())
    if too_early:
        messages.error(request, f"{too_early}.")
        return redirect(f"{meeting.get_absolute_url()}#pack")
    form = PublishForm(request.POST, revising=meeting.pack_versions.exists())
    if not form.is_valid():
        return _meeting_page(request, meeting, publish_form=form, status=400)
    build, created = request_build(
        meeting=meeting,
        kind=PackBuild.Kind.PUBLISH,
        user=request.user,
        reason=form.cleaned_data.get("reason", ""),
    )
    if not created:
        messages.info(request, _already(build, "The pack"))
    elif build.status == PackBuild.Status.DONE:
        messages.success(request, f"Version {build.version.number} of the pack is published.")
    return redirect(f"{meeting.get_absolute_url()}#pack")


def _already(build: PackBuild, what: str) -> str:
    who = build.requested_by.get_full_name() if build.requested_by else "someone"
    action = "published" if build.kind == PackBuild.Kind.PUBLISH else "prepared"
    return (
        f"{what} is already being {action} (asked for by {who} at "
        f"{timezone.localtime(build.requested_at):%H:%M}): follow it below."
    )


def pack_build(request: HttpRequest, slug: str, date: datetime.date, build_id: int) -> JsonResponse:
    """How a background build is getting on, for the page's progress indicator."""
    meeting = _get_meeting_for_user(request, slug, date)
    if not sees_every_paper(request.user):
        raise Http404("No such build")
    build = get_object_or_404(PackBuild, pk=build_id, meeting=meeting)
    response = JsonResponse(
        {
            "status": build.status,
            "label": build.get_status_display(),
            "progress": build.progress,
            "finished": not build.is_active,
            "error": build.error,
        }
    )
    response["Cache-Control"] = "private, no-store"
    return response
