"""Recommendations of reviews and inspections, members' challenges at meetings, and the actions
that answer them and an inspection's areas for improvement.

A recommendation's status follows from its actions (recommendations.rules), unless a manager
overrides it with a reason. An action's workflow lives on Action (start, complete, close,
reopen), each move checking the state and the person and raising one MoveRefused with a
message a person can act on, and recording itself as an AuditEntry (models.progress).
"""

import datetime
import functools
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from boards.models import Board, Meeting, sees_every_paper
from findings.models import Finding, JudgementArea, SourceDocument
from recommendations import rules
from recommendations.choices import DONE, ActionStatus, Progress, RecommendationStatus
from recommendations.permissions import is_manager, keeps_the_plan, may_close, may_update


class MoveRefused(Exception):
    """A recommendation, action or update cannot make this move (wrong state, wrong person,
    nothing to show for it); the message says why, in words the person can act on."""


def person_name(user: AbstractBaseUser | None) -> str:
    if user is None:
        return "A deleted user"
    return user.get_full_name() or user.get_username()


def _count_of_actions(*statuses: str) -> Coalesce:
    actions = Action.objects.filter(recommendation=models.OuterRef("pk"))
    if statuses:
        actions = actions.filter(status__in=statuses)
    counted = actions.order_by().values("recommendation").annotate(n=models.Count("pk"))
    return Coalesce(models.Subquery(counted.values("n")), 0)


class RecommendationQuerySet(models.QuerySet):
    def with_status(self) -> "RecommendationQuerySet":
        """Annotate `status_from_actions` (recommendations.rules.recommendation_status, in
        SQL) and `current_status` (a manager's override where there is one), with
        `action_count` and `overdue_count`."""
        today = timezone.localdate()
        started = [s for s in ActionStatus if s != ActionStatus.NOT_STARTED]
        overdue = Action.objects.filter(recommendation=models.OuterRef("pk")).overdue(today)
        counted = self.annotate(
            action_count=_count_of_actions(),
            closed_count=_count_of_actions(ActionStatus.CLOSED),
            started_count=_count_of_actions(*started),
            overdue_count=Coalesce(
                models.Subquery(
                    overdue.order_by()
                    .values("recommendation")
                    .annotate(n=models.Count("pk"))
                    .values("n")
                ),
                0,
            ),
        )
        derived = models.Case(
            models.When(action_count=0, then=models.Value(RecommendationStatus.OPEN)),
            models.When(
                closed_count=models.F("action_count"),
                then=models.Value(RecommendationStatus.COMPLETE),
            ),
            models.When(started_count__gt=0, then=models.Value(RecommendationStatus.IN_PROGRESS)),
            default=models.Value(RecommendationStatus.OPEN),
            output_field=models.CharField(),
        )
        return counted.annotate(status_from_actions=derived).annotate(
            current_status=models.Case(
                models.When(status_override="", then=models.F("status_from_actions")),
                default=models.F("status_override"),
                output_field=models.CharField(),
            )
        )

    def open(self) -> "RecommendationQuerySet":
        return self.with_status().exclude(current_status=RecommendationStatus.COMPLETE)

    def led_by(self, board: Board) -> "RecommendationQuerySet":
        """The recommendations a board leads: those it is the lead board of, and those with
        an action it leads."""
        led_actions = Action.objects.filter(lead_board=board, recommendation__isnull=False)
        return self.filter(
            models.Q(lead_board=board) | models.Q(pk__in=led_actions.values("recommendation"))
        )

    def for_lists(self) -> "RecommendationQuerySet":
        return self.select_related("source", "lead_board", "judgement_area")


@functools.cache
def recommendation_url(pk: int) -> str:
    return reverse("recommendations:detail", args=[pk])


class Recommendation(models.Model):
    """A recommendation of a review or inspection, tracked through its actions until they are
    all closed."""

    Status = RecommendationStatus

    source = models.ForeignKey(
        SourceDocument, on_delete=models.PROTECT, related_name="recommendations"
    )
    number = models.PositiveIntegerField()
    text = models.TextField()
    theme = models.CharField(max_length=100)
    judgement_area = models.ForeignKey(
        JudgementArea,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
        help_text="The inspection judgement the recommendation bears on.",
    )
    lead_board = models.ForeignKey(
        Board,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_recommendations",
        help_text="The board that leads it, where the source names one.",
    )
    owner_role = models.CharField(
        "owner (role)",
        max_length=200,
        blank=True,
        help_text="Who the source says should act, as a role (for example the Director of "
        "Children's Services); blank where it names no one.",
    )
    status_override = models.CharField(
        max_length=16,
        choices=RecommendationStatus.choices,
        blank=True,
        help_text="Set by a manager, with a reason; blank: the status follows the actions.",
    )
    override_reason = models.TextField(blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    overridden_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True, help_text="How the source was read.")

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["source", "number"]
        constraints = [
            models.UniqueConstraint(fields=["source", "number"], name="unique_recommendation")
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number}: {self.theme}"

    def get_absolute_url(self) -> str:
        return recommendation_url(self.pk)

    @property
    def status(self) -> RecommendationStatus:
        """A manager's override, or what the actions make it (annotated by with_status(),
        else read here)."""
        if self.status_override:
            return RecommendationStatus(self.status_override)
        return self.status_from_its_actions

    @property
    def status_from_its_actions(self) -> RecommendationStatus:
        derived = self.__dict__.get("status_from_actions")
        if derived is None:
            derived = rules.recommendation_status(self.actions.values_list("status", flat=True))
        return RecommendationStatus(derived)

    @property
    def status_label(self) -> str:
        return self.status.label

    @property
    def is_overridden(self) -> bool:
        return bool(self.status_override)

    def override_status(self, *, by: AbstractBaseUser, status: str, reason: str) -> None:
        """A manager sets the status, whatever the actions say, giving the reason. Recorded,
        shown on the recommendation, and undone by follow_actions."""
        if not is_manager(by):
            raise MoveRefused("Only a manager can set a recommendation's status")
        reason = reason.strip()
        if not reason:
            raise MoveRefused("Give the reason for setting the status by hand")
        if status not in RecommendationStatus.values:
            raise MoveRefused("Choose Open, In progress or Complete")
        before = self.status
        self.status_override, self.override_reason = status, reason
        self.overridden_by, self.overridden_at = by, timezone.now()
        self.save(
            update_fields=["status_override", "override_reason", "overridden_by", "overridden_at"]
        )
        self.audit_entries.create(
            old_status=before,
            new_status=status,
            summary=f"Status set by a manager: {RecommendationStatus(status).label}",
            reason=reason,
            by=by,
        )

    def follow_actions(self, *, by: AbstractBaseUser) -> None:
        """A manager lifts the override: the status follows the actions again."""
        if not is_manager(by):
            raise MoveRefused("Only a manager can change how a recommendation's status is set")
        if not self.status_override:
            raise MoveRefused("The status already follows the actions")
        before = self.status
        self.status_override, self.override_reason = "", ""
        self.overridden_by = self.overridden_at = None
        self.save(
            update_fields=["status_override", "override_reason", "overridden_by", "overridden_at"]
        )
        self.__dict__.pop("status_from_actions", None)
        self.audit_entries.create(
            old_status=before,
            new_status=self.status,
            summary="The manager's setting was lifted: the status follows the actions again",
            by=by,
        )


class Challenge(models.Model):
    """A question or request a named member put at a meeting. It becomes an action due by the
    board's next meeting, appears in that meeting's pack as a matter arising, and is closed
    with the answer, which the member is emailed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="challenges")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="raised_challenges"
    )
    question = models.TextField(help_text="The member's question or request, as put.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answer_emailed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the member was emailed the answer."
    )
    is_demo = models.BooleanField(default=False, help_text="Made up for demonstration.")

    class Meta:
        ordering = ["meeting", "recorded_at"]

    def __str__(self) -> str:
        return f"{person_name(self.member)} at {self.meeting}"

    @property
    def member_name(self) -> str:
        return person_name(self.member)

    def set_answer(self, answer: str, *, by: AbstractBaseUser | None, at) -> None:
        """Give the answer (not yet emailed), or withdraw it with an empty one."""
        self.answer, self.answered_by, self.answered_at = answer, by, at
        self.answer_emailed_at = None
        self.save(update_fields=["answer", "answered_by", "answered_at", "answer_emailed_at"])


class ActionQuerySet(models.QuerySet):
    def for_lists(self) -> "ActionQuerySet":
        """With everything a row names: owner, lead board, and what it belongs to."""
        return self.select_related(
            "owner",
            "lead_board",
            "recommendation__source",
            "recommendation__lead_board",
            "finding__inspection",
            "challenge__meeting__board",
            "challenge__member",
        )

    def not_done(self) -> "ActionQuerySet":
        return self.exclude(status__in=DONE)

    def open(self) -> "ActionQuerySet":
        """Not yet closed (signed off)."""
        return self.exclude(status=ActionStatus.CLOSED)

    def overdue(self, today: datetime.date) -> "ActionQuerySet":
        """rules.is_overdue, in SQL."""
        return self.not_done().filter(due_date__lt=today)

    def with_last_update(self, hidden: Iterable[int] = ()) -> "ActionQuerySet":
        """When each was last updated, leaving out the updates the reader may not read."""
        readable = ~models.Q(updates__pk__in=hidden) if hidden else None
        return self.annotate(last_update_at=models.Max("updates__written_at", filter=readable))

    def overdue_first(self, today: datetime.date) -> "ActionQuerySet":
        """Overdue first, then by due date (none last), then the order they were added."""
        late = models.Q(due_date__lt=today) & ~models.Q(status__in=DONE)
        return self.annotate(
            late_rank=models.Case(models.When(late, then=0), default=1),
        ).order_by("late_rank", models.F("due_date").asc(nulls_last=True), "pk")

    def visible_to(self, user: AbstractBaseUser) -> "ActionQuerySet":
        """Actions this person may open: every one for officers and managers; for anyone
        else with a role, every action of a recommendation or finding, and a member's
        challenge only where they may open the meeting it was raised at, or raised or own it.
        """
        if sees_every_paper(user):
            return self
        if not roles.has_any_role(user):
            return self.none()
        meetings = Meeting.objects.papers_visible_to(user).values("pk")
        return self.filter(
            models.Q(challenge__isnull=True)
            | models.Q(challenge__member_id=user.pk)
            | models.Q(owner_id=user.pk)
            | models.Q(challenge__meeting__in=meetings)
        )


@functools.cache
def action_url(pk: int) -> str:
    return reverse("actions:detail", args=[pk])


class Action(models.Model):
    """Something to be done, by whom and when: for a recommendation, for an inspection's area
    for improvement, or to answer a member's challenge (exactly one of the three)."""

    Status = ActionStatus

    recommendation = models.ForeignKey(
        Recommendation, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    finding = models.ForeignKey(
        Finding,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
        help_text="An area for improvement of an inspection.",
    )
    challenge = models.OneToOneField(
        Challenge, null=True, blank=True, on_delete=models.PROTECT, related_name="action"
    )
    title = models.CharField("what is to be done", max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_actions",
        help_text="Blank: owner not set.",
    )
    lead_board = models.ForeignKey(
        Board, null=True, blank=True, on_delete=models.PROTECT, related_name="led_actions"
    )
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=16, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    progress = models.CharField(
        "progress rating",
        max_length=16,
        choices=Progress.choices,
        blank=True,
        help_text="The latest rating given with a progress update; blank: not yet rated.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Blank: loaded from the source documents.",
    )
    started_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True, help_text="How the source was read.")
    is_demo = models.BooleanField(default=False, help_text="Made up for demonstration.")

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        recommendation__isnull=False, finding__isnull=True, challenge__isnull=True
                    )
                    | models.Q(
                        recommendation__isnull=True, finding__isnull=False, challenge__isnull=True
                    )
                    | models.Q(
                        recommendation__isnull=True, finding__isnull=True, challenge__isnull=False
                    )
                ),
                name="action_belongs_to_one_thing",
                violation_error_message="An action belongs to one recommendation, one area for "
                "improvement or one member's challenge.",
            ),
            models.CheckConstraint(
                condition=models.Q(status="closed", closed_at__isnull=False)
                | (~models.Q(status="closed") & models.Q(closed_at__isnull=True)),
                name="closed_actions_say_when",
                violation_error_message="A closed action records when it was signed off.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return action_url(self.pk)

    @property
    def belongs_to_label(self) -> str:
        """What the action answers, in words: "Recommendation 5 of ...", "Finding 21 ..."."""
        if self.recommendation_id:
            return f"Recommendation {self.recommendation.number}: {self.recommendation.theme}"
        if self.finding_id:
            return f"Area for improvement (finding {self.finding.order})"
        challenge = self.challenge
        return f"Challenge from {challenge.member_name} at the {challenge.meeting}"

    @property
    def belongs_to_url(self) -> str:
        if self.recommendation_id:
            return self.recommendation.get_absolute_url()
        if self.finding_id:
            return self.finding.get_absolute_url()
        return self.challenge.meeting.get_absolute_url()

    @property
    def source_label(self) -> str:
        """The document or meeting it comes from."""
        if self.recommendation_id:
            return self.recommendation.source.title
        if self.finding_id:
            return self.finding.inspection.title
        return "Members' challenges at meetings"

    @property
    def owner_name(self) -> str:
        return person_name(self.owner) if self.owner_id else "Owner not set"

    def is_overdue_on(self, today: datetime.date) -> bool:
        return rules.is_overdue(self.due_date, self.status, today)

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())

    @property
    def days_overdue(self) -> int:
        return rules.days_overdue(self.due_date, self.status, timezone.localdate())

    @property
    def started_on(self) -> datetime.date:
        """When the work began: the move to in progress, or failing that when it was added."""
        return timezone.localdate(self.started_at or self.created_at)

    # The workflow. Callers lock the row (select_for_update) and wrap the move in a
    # transaction; each move saves the action and records an AuditEntry.

    def start(self, *, by: AbstractBaseUser) -> None:
        self._require_updater(by)
        if self.status != ActionStatus.NOT_STARTED:
            raise MoveRefused(f"This action is already {self.get_status_display().lower()}")
        self._move(by, ActionStatus.IN_PROGRESS, "Started", "")

    def complete(self, *, by: AbstractBaseUser) -> None:
        """The owner (or an officer or manager) says the work is done; a manager then closes
        it on the evidence."""
        self._require_updater(by)
        if self.status in DONE:
            raise MoveRefused(f"This action is already {self.get_status_display().lower()}")
        self._move(by, ActionStatus.COMPLETE, "Marked complete", "")

    def close_problem(self, by: AbstractBaseUser, answer: str = "") -> str | None:
        """Why this person may not close the action now, or None when they may."""
        if not may_close(by):
            return "Only a manager can close an action: it is the manager's sign-off"
        if self.status == ActionStatus.CLOSED:
            return "This action is already closed"
        if self.challenge_id:
            if not answer.strip():
                return "Write the answer to the member's challenge: it is what closes it"
            return None
        if not self.updates.with_evidence().exists():
            return (
                "This action has no evidence yet, so it cannot be closed: add a progress "
                "update that links a KPI, a document or the meeting where it was discussed"
            )
        return None

    def close(self, *, by: AbstractBaseUser, answer: str = "") -> None:
        """A manager signs the action off: on evidence, or for a member's challenge with its
        answer (which the caller emails to the member)."""
        problem = self.close_problem(by, answer)
        if problem:
            raise MoveRefused(problem)
        now, answer = timezone.now(), answer.strip()
        if self.challenge_id:
            self.challenge.set_answer(answer, by=by, at=now)
        self.closed_at, self.closed_by = now, by
        # The timeline keeps each answer given, should the action be reopened and answered again.
        summary = "Closed with the answer" if self.challenge_id else "Closed: signed off"
        kept = answer if self.challenge_id else ""
        self._move(by, ActionStatus.CLOSED, summary, kept, "closed_at", "closed_by")

    def reopen(self, *, by: AbstractBaseUser, reason: str) -> None:
        """Back to in progress, with a reason: a manager for a closed action; whoever may
        update it for one marked complete."""
        if self.status == ActionStatus.CLOSED and not may_close(by):
            raise MoveRefused("Only a manager can reopen a closed action")
        self._require_updater(by)
        if self.status not in DONE:
            raise MoveRefused("Only a complete or closed action can be reopened")
        reason = reason.strip()
        if not reason:
            raise MoveRefused("Give the reason for reopening the action")
        self.closed_at = self.closed_by = None
        if self.challenge_id:  # the answer is withdrawn: the next one is emailed in its turn
            self.challenge.set_answer("", by=None, at=None)
        self._move(by, ActionStatus.IN_PROGRESS, "Reopened", reason, "closed_at", "closed_by")

    def change_details(
        self,
        *,
        by: AbstractBaseUser,
        title: str,
        owner: AbstractBaseUser | None,
        lead_board: Board | None,
        due_date: datetime.date | None,
    ) -> list[str]:
        """An officer or manager changes what is to be done, by whom, where and when; each
        change is recorded in words. Returns the changes (none: nothing was saved)."""
        if not keeps_the_plan(by):
            raise MoveRefused("Only a performance officer or a manager can change an action")
        if self.status == ActionStatus.CLOSED:
            raise MoveRefused("A closed action cannot be changed: reopen it first")
        changes, fields = [], []
        for name, new, words in (
            ("title", title.strip(), lambda value: f"“{value}”"),
            ("owner", owner, lambda value: person_name(value) if value else "not set"),
            ("lead_board", lead_board, lambda value: value.short_name if value else "none"),
            ("due_date", due_date, lambda value: f"{value:%-d %B %Y}" if value else "none"),
        ):
            old = getattr(self, name)
            if old != new:
                label = self._meta.get_field(name).verbose_name
                changes.append(f"{label.capitalize()} changed from {words(old)} to {words(new)}")
                setattr(self, name, new)
                fields.append(name)
        if changes:
            self.save(update_fields=fields)
            self.audit_entries.create(summary="; ".join(changes), by=by)
        return changes

    def _require_updater(self, by: AbstractBaseUser) -> None:
        if not may_update(by, self):
            raise MoveRefused(
                "Only the action's owner, a performance officer or a manager can do that"
            )

    def _move(
        self, by: AbstractBaseUser, status: ActionStatus, summary: str, reason: str, *fields: str
    ) -> None:
        before = self.status
        self.status = status
        if status == ActionStatus.IN_PROGRESS and self.started_at is None:
            self.started_at = timezone.now()
            fields = (*fields, "started_at")
        self.save(update_fields=["status", *fields])
        self.audit_entries.create(
            old_status=before, new_status=status, summary=summary, reason=reason, by=by
        )
