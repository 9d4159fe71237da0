"""Chasing the owners of missing values: who is missing what, recording a reminder per owner and
period, and delivering it (by the background worker, one task per reminder).

A reminder is a row before it is an email. Queuing creates at most one per owner, period and
day, so pressing the button twice, or a schedule that runs twice, chases nobody twice. Each is
delivered by its own task, so a crash half-way through a run loses nothing and repeats nothing:
a delivery the worker never finished, or one the mail server refused, is due again later (with
back-off) and `queue_reminders` hands it to the worker again.
"""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from kpis.models import Kpi, KpiValue
from kpis.periods import Period
from returns.collection import deadline
from returns.models import Reminder
from wokingham_cs import outbox

logger = logging.getLogger(__name__)

# Waits before trying a failed delivery again; after the last, the reminder is marked failed.


def owners_with_missing_returns(period: Period) -> dict:
    """Owner -> the KPIs due in the period that have no submitted or approved value."""
    reported = KpiValue.objects.reported().for_period(period).values("kpi_id")
    kpis = (
        Kpi.objects.due_in(period)
        .filter(owner__isnull=False)
        .exclude(pk__in=reported)
        .select_related("owner")
        .order_by("code")
    )
    missing = defaultdict(list)
    for kpi in kpis:
        missing[kpi.owner].append(kpi)
    return missing


@dataclass
class Queued:
    """What queuing did, in words for the person who pressed the button."""

    period: Period
    queued: list[tuple[AbstractBaseUser, int]] = field(default_factory=list)
    already_today: list[AbstractBaseUser] = field(default_factory=list)
    no_email: list[AbstractBaseUser] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        if not (self.queued or self.already_today or self.no_email):
            return f"Nobody is missing values for {self.period.label}: no reminders to send."
        parts = []
        if self.queued:
            names = ", ".join(f"{_name(owner)} ({_values(n)})" for owner, n in self.queued)
            parts.append(f"Reminders for {self.period.label} queued for {names}.")
        if self.already_today:
            names = ", ".join(_name(owner) for owner in self.already_today)
            parts.append(f"Already reminded today: {names}.")
        if self.no_email:
            names = ", ".join(_name(owner) for owner in self.no_email)
            parts.append(f"No email address, so not reminded: {names}.")
        return " ".join(parts)


def queue_reminders(
    *,
    period: Period,
    today: datetime.date,
    by: AbstractBaseUser | None = None,
    send_now: bool = False,
) -> Queued:
    """Record a reminder for each owner with values missing for the period (unless one was
    already queued for them and that period today) and hand each, with any earlier ones still
    due, to the background worker (or, with send_now, send them here and now)."""
    result = Queued(period=period)
    now = timezone.now()
    missing = owners_with_missing_returns(period)
    for owner, kpis in sorted(missing.items(), key=lambda item: _name(item[0])):
        if not owner.email:
            logger.warning("No reminder for %s: no email address", owner)
            result.no_email.append(owner)
            continue
        try:
            with transaction.atomic():
                _, created = Reminder.objects.get_or_create(
                    owner=owner,
                    period=period.first_day,
                    queued_on=today,
                    defaults={
                        "kpi_codes": [kpi.code for kpi in kpis],
                        "queued_by": by,
                        "next_attempt_at": now,
                    },
                )
        except IntegrityError:  # someone else queued the same one at the same moment
            created = False
        if created:
            result.queued.append((owner, len(kpis)))
        else:
            result.already_today.append(owner)
    for pk in Reminder.objects.due_to_send(now).values_list("pk", flat=True):
        if send_now:
            result.outcomes.append(deliver_reminder.call(pk))
        else:
            deliver_reminder.enqueue(pk)
    return result


@task
def deliver_reminder(reminder_id: int) -> str:
    """Send one reminder, if it is still due. Returns what happened, for the task's result."""
    reminder = outbox.claim(Reminder, reminder_id, timezone.now())
    if reminder is None:
        return "not due"
    period = Period.from_date(reminder.period)
    # Chase what is still missing now, not what was missing when the reminder was queued.
    kpis = owners_with_missing_returns(period).get(reminder.owner, [])
    if not kpis:
        return outbox.not_needed(reminder)
    try:
        _send(reminder.owner, period, kpis)
    except Exception as error:  # the mail server refused or is down: try again later
        return outbox.failed(reminder, error, retry=_retry_later)
    return outbox.sent(reminder, kpi_codes=[kpi.code for kpi in kpis])


def _retry_later(reminder: Reminder) -> None:
    if deliver_reminder.get_backend().supports_defer:
        deliver_reminder.using(run_after=reminder.next_attempt_at).enqueue(reminder.pk)
    # Otherwise the next queue_reminders (the schedule) hands it back to the worker.


def _send(owner: AbstractBaseUser, period: Period, kpis: list[Kpi]) -> None:
    lines = "\n".join(f"- {kpi.code}: {kpi.title}" for kpi in kpis)
    link = settings.SITE_URL.rstrip("/") + reverse("returns:period", args=[str(period)])
    send_mail(
        subject=f"Monthly return for {period.label}: {_values(len(kpis))} not yet submitted",
        message=(
            f"Dear {_name(owner)},\n\n"
            f"These KPIs have no value submitted for {period.label} yet (a draft does not "
            f"count until it is submitted):\n\n{lines}\n\n"
            f"The return is due by {deadline(period):%A %-d %B %Y}. Enter the values at {link}\n"
        ),
        from_email=None,
        recipient_list=[owner.email],
    )


def _name(person: AbstractBaseUser) -> str:
    return person.get_full_name() or person.username


def _values(number: int) -> str:
    return f"{number} value{'' if number == 1 else 's'}"
