"""Making packs in the background (the database queue and `manage.py db_worker`), with progress
the meeting page shows while it waits."""

import logging

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.tasks import task
from django.utils import timezone

from boards.models import Meeting
from packs.models import PackBuild
from packs.services import PublishError, forget_older_drafts, prepare_draft, publish_pack
from wokingham_cs.private_files import StorageError

logger = logging.getLogger(__name__)


def request_build(
    *, meeting: Meeting, kind: str, user: AbstractBaseUser, reason: str = ""
) -> tuple[PackBuild, bool]:
    """Queue a background build of the meeting's pack, unless one of the same kind is already
    queued or running: then that one is returned, with False. (A build stuck for longer than
    PackBuild.ABANDONED_AFTER is marked failed first, so that a stopped worker blocks nothing.)
    """
    now = timezone.now()
    for active in PackBuild.objects.active().filter(meeting=meeting, kind=kind):
        if not active.is_abandoned(now):
            return active, False
        _finish(
            active,
            PackBuild.Status.FAILED,
            error=f"It did not finish within {PackBuild.ABANDONED_AFTER.seconds // 60} minutes: "
            "the background worker may have stopped. Try again.",
        )
    try:
        with transaction.atomic():
            build = PackBuild.objects.create(
                meeting=meeting, kind=kind, requested_by=user, reason=reason.strip()
            )
    except IntegrityError:
        # Someone asked at the same moment: theirs is the build to follow.
        return PackBuild.objects.active().get(meeting=meeting, kind=kind), False
    build_pack.enqueue(build.pk)
    build.refresh_from_db()
    return build, True


@task
def build_pack(build_id: int) -> str:
    """Make the pack a PackBuild asks for, a draft or a publication, recording progress and the
    outcome on the build. Failures are recorded for the page, with a message a person can act
    on, rather than raised."""
    build = PackBuild.objects.select_related("requested_by").get(pk=build_id)
    if build.status != PackBuild.Status.QUEUED:
        return f"Build {build_id} is {build.status}: nothing to do"
    build.status, build.started_at = PackBuild.Status.RUNNING, timezone.now()
    build.progress = "Starting"
    build.save(update_fields=["status", "started_at", "progress"])

    def progress(text: str) -> None:
        PackBuild.objects.filter(pk=build.pk).update(progress=text[:200])

    meeting = (
        Meeting.objects.select_related("board")
        .prefetch_related("agenda_items")
        .get(pk=build.meeting_id)
    )
    try:
        if build.kind == PackBuild.Kind.PUBLISH:
            build.version = publish_pack(
                meeting=meeting, user=build.requested_by, reason=build.reason, progress=progress
            )
        else:
            build.draft_html_sha256, build.draft_file_name = prepare_draft(
                meeting=meeting, progress=progress
            )
    except PublishError as error:
        _finish(build, PackBuild.Status.FAILED, error=str(error))
    except (StorageError, OSError) as error:
        logger.exception("Pack build %s could not store its file", build.pk)
        _finish(build, PackBuild.Status.FAILED, error=f"The PDF could not be stored: {error}.")
    except Exception as error:
        logger.exception("Pack build %s failed", build.pk)
        _finish(
            build,
            PackBuild.Status.FAILED,
            error=f"The pack could not be made: {error}. Try again; if it fails again, tell "
            "the service's administrators.",
        )
    else:
        _finish(build, PackBuild.Status.DONE)
        if build.kind == PackBuild.Kind.DRAFT:
            forget_older_drafts(build)
    return f"Build {build_id}: {build.status}"


def _finish(build: PackBuild, status: str, *, error: str = "") -> None:
    build.status, build.error, build.finished_at = status, error[:2000], timezone.now()
    build.progress = "" if status == PackBuild.Status.FAILED else "Done"
    build.save(
        update_fields=[
            "status", "error", "finished_at", "progress", "version", "draft_file_name",
            "draft_html_sha256",
        ]
    )  # fmt: skip
