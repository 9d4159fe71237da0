"""Making, publishing and preparing report packs: the writes, with their side effects."""

import datetime
import logging
from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from accounts import roles
from boards.models import BoardMembership, Meeting, sees_every_paper
from packs.assembly import Edition, Pack, assemble_pack
from packs.cutoff import too_early_to_publish
from packs.models import PackBuild, PackVersion, classification_of
from packs.rendering import html_sha256, pack_html, pdf_from_html
from wokingham_cs import private_files

logger = logging.getLogger(__name__)

Progress = Callable[[str], None]


def _quiet(text: str) -> None:
    """No one is watching: progress goes nowhere."""


class PublishError(Exception):
    """A pack cannot be published as asked; the message says why, in words a person can act on."""


def next_version_number(meeting: Meeting) -> int:
    latest = meeting.pack_versions.order_by("-number").values_list("number", flat=True).first()
    return (latest or 0) + 1


def publish_pack(
    *,
    meeting: Meeting,
    user: AbstractBaseUser,
    reason: str = "",
    progress: Progress = _quiet,
    at: datetime.datetime | None = None,
    notify: bool = True,
    is_demo: bool = False,
) -> PackVersion:
    """Publish the meeting's pack as its next version: render the PDF, store it under its
    SHA-256 where it is never changed, record the version, and email the board's subscribed
    members once it is committed.

    The first publication sets `meeting.papers_published_at`, which the papers' timeliness is
    measured by; later ones are revisions, which need a reason printed on their cover.

    Rendering takes seconds, so it happens before the transaction, for the number expected.
    The version is then recorded in a transaction that locks the meeting's row: if someone
    published meanwhile, the pack is made again under the lock with the number it gets, so two
    publications never both become version 1 (the unique constraint on meeting and number
    backs this up). `at` (default now) and `is_demo` are for demo data.
    """
    if user is None or not sees_every_paper(user):
        raise PublishError("Only performance officers and managers can publish a pack")
    reason = reason.strip()
    at = at or timezone.now()
    too_early = too_early_to_publish(meeting.papers_deadline, timezone.localdate(at))
    if too_early:
        raise PublishError(too_early)
    number = next_version_number(meeting)
    _require_reason(number, reason)
    pack, pdf = _render(meeting, Edition(number, timezone.localdate(at), reason), progress)

    progress(f"Storing version {number}")
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if next_version_number(locked) != number:
            number = next_version_number(locked)
            _require_reason(number, reason)
            pack, pdf = _render(meeting, Edition(number, timezone.localdate(at), reason), _quiet)
        sha256, name = private_files.store(pdf, folder="packs")
        version = PackVersion.objects.create(
            meeting=locked,
            number=number,
            sha256=sha256,
            size=len(pdf),
            file_name=name,
            part=pack.part,
            classification=classification_of(pack.part),
            cut_off=pack.cut_off.first_day,
            published_by=user,
            publisher_name=user.get_full_name() or user.get_username(),
            published_at=at,
            reason=reason,
            is_demo=is_demo,
        )
        if locked.papers_published_at is None:
            # What timeliness measures: when members first had the papers.
            locked.papers_published_at = at
            locked.save(update_fields=["papers_published_at"])
        meeting.papers_published_at = locked.papers_published_at
        if notify:
            # After the commit: no email for a version that was rolled back. Robust: a mail
            # server that is down must not undo or hide a publication that has happened.
            transaction.on_commit(
                partial(notify_members, version=version, progress=progress), robust=True
            )
    return version


def _require_reason(number: int, reason: str) -> None:
    if number > 1 and not reason:
        raise PublishError(
            f"Version {number - 1} is already published: give the reason for the revision "
            "(it is printed on the cover of the new version)"
        )


def _render(meeting: Meeting, edition: Edition, progress: Progress) -> tuple[Pack, bytes]:
    progress("Reading the approved figures and drawing the charts")
    pack = assemble_pack(meeting, edition=edition)
    html = pack_html(pack)
    progress(f"Making the PDF ({len(pack.sections)} KPIs)")
    return pack, pdf_from_html(html)


def notify_members(*, version: PackVersion, progress: Progress = _quiet) -> int:
    """Email the board's members who subscribed, and may open the pack, a link to it.
    Returns the number of emails sent."""
    meeting = version.meeting
    board = meeting.board
    memberships = (
        BoardMembership.objects.filter(board=board, subscribed=True, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user__username")
    )
    readers = [
        membership.user
        for membership in memberships
        if roles.has_any_role(membership.user) and meeting.papers_visible_to(membership.user)
    ]
    progress(f"Emailing {len(readers)} subscribed member{'' if len(readers) == 1 else 's'}")
    site, sent = settings.SITE_URL.rstrip("/"), 0
    revised = f" (revised: version {version.number})" if version.is_revised else ""
    for reader in readers:
        lines = [
            f"Dear {reader.get_full_name() or reader.get_username()},",
            "",
            f"The performance report for the {board.name} meeting on {meeting.date_label} has "
            f"been published{revised}. It is {version.classification}.",
        ]
        if version.is_revised:
            lines += ["", f"Why it was revised: {version.reason}"]
        lines += [
            "",
            f"Download it: {site}{version.get_absolute_url()}",
            f"The meeting's page: {site}{meeting.get_absolute_url()}",
            "",
            f"You get this email because you sit on the {board.short_name} and asked to be told "
            "when its papers are published.",
        ]
        try:
            send_mail(
                subject=f"{board.short_name} papers for {meeting.date_label} published{revised}",
                message="\n".join(lines) + "\n",
                from_email=None,
                recipient_list=[reader.email],
            )
        except OSError:
            logger.exception("Could not email %s about %s", reader.email, version)
        else:
            sent += 1
    return sent


def prepare_draft(*, meeting: Meeting, progress: Progress = _quiet) -> tuple[str, str]:
    """Render the pack as a draft and keep the PDF under the private root. Returns the SHA-256
    of its HTML (to know later whether it is still current) and the stored file's name."""
    edition = Edition.draft(timezone.localdate())
    progress("Reading the approved figures and drawing the charts")
    pack = assemble_pack(meeting, edition=edition)
    html = pack_html(pack)
    progress(f"Making the PDF ({len(pack.sections)} KPIs)")
    pdf = pdf_from_html(html)
    _, name = private_files.store(pdf, folder="drafts")
    return html_sha256(html), name


def forget_older_drafts(build: PackBuild) -> int:
    """Once a draft build is done, remove the files of the meeting's earlier drafts: only the
    newest draft is ever offered, so without this every press of "Prepare the draft" would
    leave a PDF behind for good. A file another kept build still names (drafts are stored
    under their SHA-256, so two builds of the same content share one) is left. Returns the
    number of files removed."""
    older = PackBuild.objects.filter(
        meeting_id=build.meeting_id, kind=PackBuild.Kind.DRAFT, finished_at__lt=build.finished_at
    ).exclude(draft_file_name="")
    names = set(older.values_list("draft_file_name", flat=True))
    older.update(draft_file_name="")
    kept = set(
        PackBuild.objects.filter(draft_file_name__in=names).values_list(
            "draft_file_name", flat=True
        )
    )
    for name in names - kept:
        private_files.delete(name)
    return len(names - kept)


def current_draft_pdf(meeting: Meeting) -> bytes:
    """The draft PDF as the figures stand now: the one a background build prepared if its
    content is still the same, otherwise made now."""
    html = pack_html(assemble_pack(meeting, edition=Edition.draft(timezone.localdate())))
    prepared = (
        PackBuild.objects.filter(
            meeting=meeting,
            kind=PackBuild.Kind.DRAFT,
            status=PackBuild.Status.DONE,
            draft_html_sha256=html_sha256(html),
        )
        .exclude(draft_file_name="")  # a newer draft's file replaced it
        .order_by("-finished_at")
        .first()
    )
    if prepared is not None:
        try:
            return private_files.read(prepared.draft_file_name)
        except private_files.StorageError:
            logger.warning("Draft file %s is missing; making the draft again", prepared.pk)
    return pdf_from_html(html)
