"""The life of an email queued as a row and sent by the background worker: the KPI return
reminders (returns.Reminder) and the action reminders (recommendations.ActionReminder) share it.

A row is claimed for sending under a lock (so two workers never send it twice), marked sent,
not needed, or failed; a failure waits RETRY_AFTER and is tried again, at most that many times.
A row claimed by a worker that was then stopped is due again after the model's STUCK_AFTER
(its queryset's `due_to_send`). The rows have: status (Status.WAITING, SENDING, SENT,
NOT_NEEDED, FAILED), claimed_at, attempts, next_attempt_at, last_error and sent_at.
"""

import datetime
import logging

from django.db import models, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

RETRY_AFTER = [datetime.timedelta(minutes=m) for m in (1, 5, 30, 120)]


def claim(model: type[models.Model], pk: int, now: datetime.datetime):
    """The row, locked and marked as being sent, if it is due to be sent; otherwise None."""
    with transaction.atomic():
        row = model.objects.select_for_update(of=("self",)).select_related("owner").filter(pk=pk)
        row = row.first()
        if row is None or not model.objects.due_to_send(now).filter(pk=pk).exists():
            return None
        row.status, row.claimed_at = model.Status.SENDING, now
        row.attempts += 1
        row.save(update_fields=["status", "claimed_at", "attempts"])
    return row


def not_needed(row) -> str:
    row.status = row.Status.NOT_NEEDED
    row.save(update_fields=["status"])
    return "not needed"


def sent(row, **fields) -> str:
    row.status, row.sent_at = row.Status.SENT, timezone.now()
    for name, value in fields.items():
        setattr(row, name, value)
    row.save(update_fields=["status", "sent_at", *fields])
    return "sent"


def failed(row, error: Exception, *, retry) -> str:
    """Record why it was not sent; try again later (retry(row), after RETRY_AFTER) until the
    last attempt, then mark it failed."""
    logger.warning("%s %s not sent (attempt %s): %s", type(row).__name__, row.pk, row.attempts,
                   error)  # fmt: skip
    row.last_error = str(error)[:1000]
    if row.attempts > len(RETRY_AFTER):
        row.status = row.Status.FAILED
    else:
        row.status = row.Status.WAITING
        row.next_attempt_at = timezone.now() + RETRY_AFTER[row.attempts - 1]
    row.save(update_fields=["status", "next_attempt_at", "last_error"])
    if row.status == row.Status.WAITING:
        retry(row)
    return "failed"
