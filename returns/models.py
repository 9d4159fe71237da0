import datetime

from django.conf import settings
from django.db import models


class ImportBatch(models.Model):
    """An uploaded file of KPI values, kept between the preview and the import."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(max_length=255)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    rows = models.JSONField(help_text="The file's rows as read, with their line numbers.")
    seen_versions = models.JSONField(
        default=dict, help_text="Versions of the values the preview said would be replaced."
    )
    imported_at = models.DateTimeField(null=True, blank=True)
    imported_count = models.PositiveIntegerField(default=0)
    imported_values = models.JSONField(
        default=list, help_text="The ids of the values the import wrote (all drafts then)."
    )

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"{self.file_name} ({self.uploaded_at:%d %b %Y %H:%M})"


class ReminderQuerySet(models.QuerySet):
    def due_to_send(self, now) -> "ReminderQuerySet":
        """Reminders waiting to go: new ones, ones whose retry time has come, and ones a worker
        claimed but never finished (it was stopped) after STUCK_AFTER."""
        return self.filter(
            models.Q(status=Reminder.Status.WAITING, next_attempt_at__lte=now)
            | models.Q(status=Reminder.Status.SENDING, claimed_at__lt=now - STUCK_AFTER)
        )


STUCK_AFTER = datetime.timedelta(minutes=10)


class Reminder(models.Model):
    """One email chasing one owner for one period's missing values: recorded when queued and
    when sent, so nobody is chased twice the same day and a failed send is tried again."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        NOT_NEEDED = "not-needed", "Not needed (submitted before it was sent)"
        FAILED = "failed", "Failed"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="return_reminders"
    )
    period = models.DateField(help_text="The period chased, as its first day.")
    kpi_codes = models.JSONField(help_text="The KPIs missing when the reminder was queued.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.WAITING)
    queued_at = models.DateTimeField(auto_now_add=True)
    queued_on = models.DateField(help_text="The day it was queued: one per owner, period and day.")
    queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Blank: queued by the schedule.",
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        ordering = ["-queued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "period", "queued_on"], name="one_reminder_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"Reminder to {self.owner} for {self.period:%B %Y} ({self.get_status_display()})"
