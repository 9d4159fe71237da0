"""Background jobs: chasing the owners of last month's missing values."""

import datetime

from django.tasks import task

from kpis.periods import Period
from returns.reminders import queue_reminders


@task
def send_return_reminders(on: str) -> int:
    """Queue a reminder for each owner of values missing from last month's return (and hand
    due ones to the worker: see returns.reminders). Returns how many were queued."""
    day = datetime.date.fromisoformat(on)
    return len(queue_reminders(period=Period.from_date(day).previous(), today=day).queued)
