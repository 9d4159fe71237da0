"""Chasing actions' owners, as returns.reminders chases KPI owners: which actions fall due soon
or have become overdue, recording a reminder per owner and day, and delivering it (by the
background worker, one task per reminder).

A reminder is a row before it is an email, with a line per action it is about. Queuing creates
at most one per owner a day, and each action is reminded of once for each reason (falling due
soon, then overdue) and due date, so a schedule that runs twice, or every day, chases nobody
twice about the same thing. Each is delivered by its own task, so a crash half-way loses
nothing and repeats nothing: a delivery the worker never finished, or one the mail server
refused, is due again later (with back-off) and `queue_reminders` hands it to the worker again.
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

from recommendations import rules
from recommendations.choices import ReminderKind
from recommendations.models import Action, ActionReminder, ReminderLine, person_name
from wokingham_cs import outbox

logger = logging.getLogger(__name__)

# Waits before trying a failed delivery again; after the last, the reminder is marked failed.


@dataclass(frozen=True)
class Due:
    """An action an owner needs reminding of, and why."""

    action: Action
    kind: ReminderKind


def owners_to_remind(today: datetime.date, days_before: int | None = None) -> dict:
    """Owner -> what they need reminding of today: their open actions falling due within
    `days_before` days (ACTION_REMINDER_DAYS_BEFORE) or overdue, leaving out those already
    reminded of for that reason and due date."""
    days_before = settings.ACTION_REMINDER_DAYS_BEFORE if days_before is None else days_before
    actions = list(
        Action.objects.not_done()
        .filter(
            owner__isnull=False,
            due_date__isnull=False,
            due_date__lte=today + datetime.timedelta(days=days_before),
        )
        .select_related("owner")
        .order_by("due_date", "pk")
    )
    reminded = set(
        ReminderLine.objects.filter(
            action__in=[action.pk for action in actions],
            reminder__status__in=ActionReminder.COUNTED,
        ).values_list("action_id", "kind", "due_date")
    )
    due = defaultdict(list)
    for action in actions:
        kind = rules.reminder_kind(action.due_date, action.status, today, days_before)
        if kind and (action.pk, kind, action.due_date) not in reminded:
            due[action.owner].append(Due(action, kind))
    return due


@dataclass
class Queued:
    """What queuing did, in words for the person who ran it."""

    queued: list[tuple[AbstractBaseUser, int]] = field(default_factory=list)
    already_today: list[AbstractBaseUser] = field(default_factory=list)
    no_email: list[AbstractBaseUser] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        if not (self.queued or self.already_today or self.no_email):
            return (
                "No reminders to send: no action falls due soon or has become overdue that its "
                "owner has not already been reminded of."
            )
        parts = []
        if self.queued:
            names = ", ".join(f"{person_name(owner)} ({_actions(n)})" for owner, n in self.queued)
            parts.append(f"Action reminders queued for {names}.")
        if self.already_today:
            names = ", ".join(person_name(owner) for owner in self.already_today)
            parts.append(f"Already reminded today: {names}.")
        if self.no_email:
            names = ", ".join(person_name(owner) for owner in self.no_email)
            parts.append(f"No email address, so not reminded: {names}.")
        return " ".join(parts)


def queue_reminders(*, today: datetime.date, send_now: bool = False) -> Queued:
    """Record a reminder for each owner with actions to remind them of (unless one was already
    queued for them today), and hand each, with any earlier ones still due, to the background
    worker (or, with send_now, send them here and now)."""
    result = Queued()
    now = timezone.now()
    for owner, due in sorted(owners_to_remind(today).items(), key=lambda i: person_name(i[0])):
        if not owner.email:
            logger.warning("No action reminder for %s: no email address", owner)
            result.no_email.append(owner)
            continue
        try:
            with transaction.atomic():
                reminder, created = ActionReminder.objects.get_or_create(
                    owner=owner, queued_on=today, defaults={"next_attempt_at": now}
                )
                if created:
                    ReminderLine.objects.bulk_create(
                        ReminderLine(
                            reminder=reminder,
                            action=item.action,
                            kind=item.kind,
                            due_date=item.action.due_date,
                        )
                        for item in due
                    )
        except IntegrityError:  # someone else queued the same one at the same moment
            created = False
        if created:
            result.queued.append((owner, len(due)))
        else:
            result.already_today.append(owner)
    for pk in ActionReminder.objects.due_to_send(now).values_list("pk", flat=True):
        if send_now:
            result.outcomes.append(deliver_action_reminder.call(pk))
        else:
            deliver_action_reminder.enqueue(pk)
    return result


def still_needed(reminder: ActionReminder, today: datetime.date) -> list[ReminderLine]:
    """The reminder's lines whose actions still need them: same owner and due date, not yet
    done, and still falling due soon or overdue."""
    days_before = settings.ACTION_REMINDER_DAYS_BEFORE
    lines = reminder.lines.select_related("action").order_by("due_date", "action_id")
    return [
        line
        for line in lines
        if line.action.owner_id == reminder.owner_id
        and line.action.due_date == line.due_date
        and rules.reminder_kind(line.due_date, line.action.status, today, days_before)
        in (line.kind, ReminderKind.OVERDUE)
    ]


@task
def deliver_action_reminder(reminder_id: int) -> str:
    """Send one reminder, if it is still due. Returns what happened, for the task's result."""
    reminder = outbox.claim(ActionReminder, reminder_id, timezone.now())
    if reminder is None:
        return "not due"
    # Remind of what still needs it now (done, moved or given to someone else since it was
    # queued: no longer), as of the day it was queued for.
    lines = still_needed(reminder, reminder.queued_on)
    if not lines:
        return outbox.not_needed(reminder)
    try:
        _send(reminder.owner, lines, reminder.queued_on)
    except Exception as error:  # the mail server refused or is down: try again later
        return outbox.failed(reminder, error, retry=_retry_later)
    return outbox.sent(reminder)


def _retry_later(reminder: ActionReminder) -> None:
    if deliver_action_reminder.get_backend().supports_defer:
        deliver_action_reminder.using(run_after=reminder.next_attempt_at).enqueue(reminder.pk)
    # Otherwise the next queue_reminders (the schedule) hands it back to the worker.


def _send(owner: AbstractBaseUser, lines: list[ReminderLine], today: datetime.date) -> None:
    site = settings.SITE_URL.rstrip("/")
    overdue = [line for line in lines if line.action.is_overdue_on(today)]
    soon = [line for line in lines if not line.action.is_overdue_on(today)]
    parts = []
    if overdue:
        parts.append("Overdue:\n" + "\n".join(_line(line, site, today) for line in overdue))
    if soon:
        parts.append("Falling due soon:\n" + "\n".join(_line(line, site, today) for line in soon))
    words = []
    if overdue:
        words.append(f"{len(overdue)} overdue")
    if soon:
        words.append(f"{len(soon)} falling due soon")
    send_mail(
        subject=f"Your actions: {' and '.join(words)}",
        message=(
            f"Dear {person_name(owner)},\n\n"
            "These actions you own need your attention:\n\n"
            + "\n\n".join(parts)
            + "\n\nAdd a progress update, or mark an action complete, on its page. All your "
            f"actions: {site}{reverse('actions:mine')}\n"
        ),
        from_email=None,
        recipient_list=[owner.email],
    )


def _line(line: ReminderLine, site: str, today: datetime.date) -> str:
    action = line.action
    late = rules.days_overdue(action.due_date, action.status, today)
    when = (
        f"was due {action.due_date:%-d %B %Y} ({late} day{'' if late == 1 else 's'} ago)"
        if late
        else f"due {action.due_date:%A %-d %B %Y}"
    )
    return f"- {action.title}: {when}. {site}{action.get_absolute_url()}"


def _actions(number: int) -> str:
    return f"{number} action{'' if number == 1 else 's'}"
