"""Writes that touch several models or have side effects: adding an action (with its audit
entry), recording a member's challenge (the challenge, its action and the entry), adding a
progress update (the update, its evidence document stored privately, the action's rating), and
closing an action (the move, and for a challenge the email of the answer, queued once the
transaction commits). The moves themselves, and who may make them, are the models'."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from boards.models import Board, BoardMembership, Meeting
from findings.models import Finding
from kpis.models import Kpi
from recommendations.choices import ActionStatus
from recommendations.models import (
    Action,
    Challenge,
    EvidenceDocument,
    MoveRefused,
    ProgressUpdate,
    Recommendation,
)
from recommendations.permissions import keeps_the_plan, may_update
from recommendations.tasks import email_challenge_answer
from recommendations.uploads import CheckedUpload
from wokingham_cs import private_files

EVIDENCE_FOLDER = "evidence"
#: The same words from the same person this soon again are a second click (or a resent form),
#: answered with what the first made, not a second entry.
REPEAT_WITHIN = datetime.timedelta(minutes=2)


@transaction.atomic
def add_action(
    *,
    by: AbstractBaseUser,
    title: str,
    owner: AbstractBaseUser | None,
    lead_board: Board | None,
    due_date: datetime.date | None,
    recommendation: Recommendation | None = None,
    finding: Finding | None = None,
) -> Action:
    """An officer or manager adds an action to a recommendation or to an area for
    improvement."""
    if not keeps_the_plan(by):
        raise MoveRefused("Only a performance officer or a manager can add an action")
    if finding is not None and finding.kind != Finding.Kind.IMPROVEMENT:
        raise MoveRefused("Actions are for areas for improvement, not strengths")
    action = Action.objects.create(
        recommendation=recommendation,
        finding=finding,
        title=title,
        owner=owner,
        lead_board=lead_board,
        due_date=due_date,
        created_by=by,
    )
    action.audit_entries.create(new_status=action.status, summary="Added", by=by)
    return action


def next_meeting_after(meeting: Meeting) -> Meeting | None:
    """The board's next meeting after this one (by date)."""
    return (
        Meeting.objects.filter(board_id=meeting.board_id, date__gt=meeting.date)
        .order_by("date")
        .first()
    )


@transaction.atomic
def record_challenge(
    *,
    meeting: Meeting,
    member: AbstractBaseUser,
    question: str,
    owner: AbstractBaseUser | None,
    by: AbstractBaseUser,
) -> Action:
    """An officer records a member's question or request at a meeting. It becomes an action
    of the board, due by its next meeting, whose pack lists it as a matter arising."""
    if not keeps_the_plan(by):
        raise MoveRefused("Only a performance officer or a manager can record a challenge")
    if meeting.date > timezone.localdate():
        raise MoveRefused(
            f"The meeting on {meeting.date_label} has not been held yet: record a member's "
            "challenge at or after the meeting where it was put"
        )
    if not BoardMembership.objects.filter(board_id=meeting.board_id, user=member).exists():
        raise MoveRefused(f"{member.get_full_name()} is not a member of the {meeting.board}")
    after = next_meeting_after(meeting)
    if after is None:
        raise MoveRefused(
            f"The {meeting.board.short_name} has no meeting after {meeting.date_label}, so the "
            "challenge has no date to come back by: add the board's next meeting first"
        )
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # one at a time
    repeat = (
        Challenge.objects.filter(meeting=meeting, member=member, question=question, recorded_by=by)
        .filter(recorded_at__gte=timezone.now() - REPEAT_WITHIN)
        .select_related("action")
        .first()
    )
    if repeat is not None:
        return repeat.action
    challenge = Challenge.objects.create(
        meeting=meeting, member=member, question=question, recorded_by=by
    )
    action = Action.objects.create(
        challenge=challenge,
        title=_title_of(question),
        owner=owner,
        lead_board=meeting.board,
        due_date=after.date,
        created_by=by,
    )
    action.audit_entries.create(
        new_status=action.status,
        summary=f"Recorded at the meeting on {meeting.date_label}: due by the next meeting, "
        f"on {after.date_label}",
        by=by,
    )
    return action


def _title_of(question: str) -> str:
    """The challenge's words as the action's title (one line, within the column's length)."""
    words = " ".join(question.split())
    limit = Action._meta.get_field("title").max_length
    title = f"Answer the member's challenge: {words}"
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


@transaction.atomic
def add_update(
    *,
    action: Action,
    by: AbstractBaseUser,
    text: str,
    progress: str = "",
    kpis: list[Kpi] | None = None,
    meeting: Meeting | None = None,
    upload: CheckedUpload | None = None,
    corrects: ProgressUpdate | None = None,
) -> ProgressUpdate:
    """A progress update with its evidence; a rating given with it becomes the action's."""
    if not may_update(by, action):
        raise MoveRefused(
            "Only the action's owner, a performance officer or a manager can add progress"
        )
    if corrects is not None and corrects.action_id != action.pk:
        raise MoveRefused("A correction follows an update of the same action")
    if action.status == ActionStatus.CLOSED and corrects is None:
        raise MoveRefused("This action is closed: reopen it to add progress, or correct an update")
    Action.objects.select_for_update(of=("self",)).filter(pk=action.pk).first()  # one at a time
    repeat = _repeated_update(action, by, text, progress, kpis, meeting, upload, corrects)
    if repeat is not None:
        return repeat
    update = ProgressUpdate.objects.create(
        action=action,
        author=by,
        text=text,
        progress=progress,
        meeting=meeting,
        corrects=corrects,
    )
    if kpis:
        update.kpis.set(kpis)
    if upload is not None:
        sha256, name = private_files.store(
            upload.content, folder=EVIDENCE_FOLDER, suffix=f".{upload.kind}"
        )
        EvidenceDocument.objects.create(
            update=update,
            original_name=upload.name,
            kind=upload.kind,
            sha256=sha256,
            size=len(upload.content),
            file_name=name,
            uploaded_by=by,
        )
    if progress and progress != action.progress:
        action.progress = progress
        action.save(update_fields=["progress"])
    return update


def _repeated_update(action, by, text, progress, kpis, meeting, upload, corrects):
    """The same update from the same person a moment ago, with the same evidence, if any."""
    for earlier in ProgressUpdate.objects.filter(
        action=action, author=by, text=text, progress=progress, meeting=meeting,
        corrects=corrects, written_at__gte=timezone.now() - REPEAT_WITHIN,
    ).prefetch_related("kpis", "documents"):  # fmt: skip
        same_kpis = {k.pk for k in earlier.kpis.all()} == {k.pk for k in kpis or []}
        documents = [d.sha256 for d in earlier.documents.all()]
        if same_kpis and documents == ([private_files.sha256_of(upload.content)] if upload else []):
            return earlier
    return None


def close_action(*, action_id: int, by: AbstractBaseUser, answer: str = "") -> Action:
    """A manager closes the action (on evidence; a challenge with its answer, which the member
    is then emailed by the background worker)."""
    with transaction.atomic():
        action = (
            Action.objects.select_for_update(of=("self",))
            .select_related("challenge__member")
            .get(pk=action_id)
        )
        action.close(by=by, answer=answer)
        if action.challenge_id:
            challenge_id = action.challenge_id
            transaction.on_commit(lambda: email_challenge_answer.enqueue(challenge_id))
    return action


def lock(action_id: int) -> Action:
    """The action, locked for a move (inside a transaction)."""
    return Action.objects.select_for_update(of=("self",)).get(pk=action_id)
