"""Reminders to actions' owners: a row per email, and a line per action it is about."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from recommendations.choices import ReminderKind
from recommendations.models.plan import Action


class ActionReminderQuerySet(models.QuerySet):
    def due_to_send(self, now: datetime.datetime) -> "ActionReminderQuerySet":
        """Waiting to go: new ones, ones whose retry time has come, and ones a worker claimed
        but never finished (it was stopped) after STUCK_AFTER."""
        return self.filter(
            models.Q(status=ActionReminder.Status.WAITING, next_attempt_at__lte=now)
            | models.Q(status=ActionReminder.Status.SENDING, claimed_at__lt=now - STUCK_AFTER)
        )


STUCK_AFTER = datetime.timedelta(minutes=10)


class ActionReminder(models.Model):
    """One email to an action's owner about their actions that fall due soon or have become
    overdue: recorded when queued and when sent, at most one per owner a day, and tried again
    when the mail server refuses it."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        NOT_NEEDED = "not-needed", "Not needed (done or changed before it was sent)"
        FAILED = "failed", "Failed"

    #: Reminders that count as having reminded someone (a failed one is tried again the next
    #: day).
    COUNTED = (Status.WAITING, Status.SENDING, Status.SENT)

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="action_reminders"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.WAITING)
    queued_at = models.DateTimeField(default=timezone.now)
    queued_on = models.DateField(help_text="The day it was queued: one per owner a day.")
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    objects = ActionReminderQuerySet.as_manager()

    class Meta:
        ordering = ["-queued_at"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "queued_on"], name="one_action_reminder_a_day")
        ]

    def __str__(self) -> str:
        return f"Action reminder to {self.owner} on {self.queued_on} ({self.get_status_display()})"


class ReminderLine(models.Model):
    """One action a reminder is about, and why: it falls due soon, or it has become overdue.
    An action is reminded of once for each reason and due date."""

    reminder = models.ForeignKey(ActionReminder, on_delete=models.CASCADE, related_name="lines")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminder_lines")
    kind = models.CharField(max_length=16, choices=ReminderKind.choices)
    due_date = models.DateField(help_text="The action's due date when it was queued.")

    class Meta:
        ordering = ["reminder", "due_date", "action"]
        constraints = [
            models.UniqueConstraint(fields=["reminder", "action"], name="one_line_per_action")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.action}"
