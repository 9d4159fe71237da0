"""The timeline of an action or recommendation: its audit entries (status moves and other
changes) and its progress updates, with the evidence documents uploaded with them."""

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.urls import reverse
from django.utils import timezone

from boards.models import Meeting
from kpis.models import Kpi
from recommendations import rules
from recommendations.choices import ActionStatus, Progress, RecommendationStatus
from recommendations.models.plan import Action, MoveRefused, Recommendation, person_name


class AuditEntry(models.Model):
    """A recorded change to an action or a recommendation: its status moved, a manager set or
    lifted a recommendation's status, or an action's owner, due date, lead board or words were
    changed. Who, when, what and why; the timelines are made of these and the progress
    updates, and nothing changes them."""

    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.CASCADE, related_name="audit_entries"
    )
    recommendation = models.ForeignKey(
        Recommendation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="audit_entries",
    )
    old_status = models.CharField(max_length=16, blank=True, help_text="Blank: not a move.")
    new_status = models.CharField(max_length=16, blank=True, help_text="Blank: not a move.")
    summary = models.TextField(help_text="What changed, in words.")
    reason = models.TextField(blank=True, help_text="Why, as the person gave it.")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name_plural = "audit entries"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__isnull=False, recommendation__isnull=True)
                | models.Q(action__isnull=True, recommendation__isnull=False),
                name="audit_entry_of_one_thing",
            )
        ]

    def __str__(self) -> str:
        return f"{self.summary} ({self.at:%Y-%m-%d %H:%M})"

    def _label(self, status: str) -> str:
        if not status:
            return ""
        choices = RecommendationStatus if self.recommendation_id else ActionStatus
        return choices(status).label

    @property
    def new_label(self) -> str:
        return self._label(self.new_status)

    @property
    def old_label(self) -> str:
        return self._label(self.old_status)

    @property
    def by_name(self) -> str:
        return person_name(self.by)


class ProgressUpdateQuerySet(models.QuerySet):
    def with_evidence(self) -> "ProgressUpdateQuerySet":
        """Updates that link a KPI, a document or a meeting."""
        return self.filter(
            models.Q(meeting__isnull=False)
            | models.Q(kpis__isnull=False)
            | models.Q(documents__isnull=False)
        ).distinct()

    def for_timeline(self) -> "ProgressUpdateQuerySet":
        return self.select_related(
            "author", "meeting__board", "corrects", "action"
        ).prefetch_related(
            "kpis",
            "documents",
            models.Prefetch("corrections", queryset=ProgressUpdate.objects.order_by("written_at")),
        )


class ProgressUpdate(models.Model):
    """A dated entry in an action's progress, by its author, optionally linking evidence: KPIs
    (whose approved values before the action started and now are shown beside it), uploaded
    documents, or the meeting where it was discussed. Its author may change its words for 24
    hours; after that it stands, and only a correcting entry can follow it."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)
    text = models.TextField()
    progress = models.CharField(
        "progress rating",
        max_length=16,
        choices=Progress.choices,
        blank=True,
        help_text="The rating given with this update, if any.",
    )
    kpis = models.ManyToManyField(Kpi, blank=True, related_name="+")
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="progress_updates",
        help_text="The meeting where it was discussed.",
    )
    corrects = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
        help_text="The earlier update this entry corrects.",
    )
    edited_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False, help_text="Made up for demonstration.")

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self) -> str:
        return f"Update of {self.written_at:%Y-%m-%d %H:%M} on action {self.action_id}"

    @property
    def author_name(self) -> str:
        return person_name(self.author)

    @property
    def editable_until(self) -> datetime.datetime:
        return rules.editable_until(self.written_at)

    def edit_problem(self, by: AbstractBaseUser, now: datetime.datetime) -> str | None:
        if self.author_id is None or by.pk != self.author_id:
            return "Only the person who wrote an update can change it: add a correcting entry"
        if not rules.may_still_edit(self.written_at, now):
            return (
                "This update was written more than 24 hours ago, so it can no longer be "
                "changed: add a correcting entry instead"
            )
        return None

    def may_be_edited_by(self, user: AbstractBaseUser) -> bool:
        return self.edit_problem(user, timezone.now()) is None

    def edit(self, *, by: AbstractBaseUser, text: str) -> None:
        problem = self.edit_problem(by, timezone.now())
        if problem:
            raise MoveRefused(problem)
        text = text.strip()
        if not text:
            raise MoveRefused("Write what has happened")
        self.text, self.edited_at = text, timezone.now()
        self.save(update_fields=["text", "edited_at"])


class EvidenceDocument(models.Model):
    """A document uploaded with a progress update, stored under PRIVATE_STORAGE_ROOT by its
    SHA-256 and served only through a view that checks who is asking. Its kind was checked
    from its content, not its name (recommendations.uploads)."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word document"
        XLSX = "xlsx", "Excel workbook"
        CSV = "csv", "CSV file"
        PNG = "png", "PNG image"
        JPEG = "jpeg", "JPEG image"

    update = models.ForeignKey(ProgressUpdate, on_delete=models.PROTECT, related_name="documents")
    original_name = models.CharField(max_length=255, help_text="As it was uploaded.")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField(help_text="In bytes.")
    file_name = models.CharField(
        max_length=200, help_text="Where it is stored, under PRIVATE_STORAGE_ROOT."
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("actions:evidence", args=[self.update.action_id, self.pk])
