"""Background jobs: chasing the owners of last month's missing values; forgetting old uploads."""

import datetime

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from kpis.periods import Period
from returns.models import ImportBatch
from returns.reminders import queue_reminders


@task
def send_return_reminders(on: str) -> int:
    """Queue a reminder for each owner of values missing from last month's return (and hand
    due ones to the worker: see returns.reminders). Returns how many were queued."""
    day = datetime.date.fromisoformat(on)
    return len(queue_reminders(period=Period.from_date(day).previous(), today=day).queued)


@task
def purge_old_imports() -> int:
    """Delete uploaded files' rows older than IMPORT_RETENTION_DAYS (the values they wrote stay,
    with their history, which names the file). Returns how many uploads were deleted."""
    cutoff = timezone.now() - datetime.timedelta(days=settings.IMPORT_RETENTION_DAYS)
    deleted, _ = ImportBatch.objects.filter(uploaded_at__lt=cutoff).delete()
    return deleted
