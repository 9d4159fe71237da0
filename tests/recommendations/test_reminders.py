"""Owners are emailed before their actions fall due and once they are overdue: one email per
owner a day, each action once for each reason and due date, recorded, tried again when the mail
server refuses, picked up again after a stopped worker, and not sent when the action was done
meanwhile."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from recommendations.models import ActionReminder, ReminderLine
from recommendations.reminders import deliver_action_reminder, queue_reminders
from tests.recommendations.factories import make_action
from tests.returns.test_reminder_records import REFUSING
from tests.users import make_user
from wokingham_cs.outbox import RETRY_AFTER

TODAY = datetime.date(2027, 3, 10)


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def owners(db, settings):
    settings.ACTION_REMINDER_DAYS_BEFORE = 7
    first = make_user("first", "Performance officer", email="first@example.org")
    second = make_user("second", "Manager", email="second@example.org")
    make_action(title="Due in a week", owner=first, due_date=days(7))
    make_action(title="Late by two days", owner=first, due_date=days(-2), status="in-progress")
    make_action(title="Due in eight days", owner=first, due_date=days(8))
    make_action(title="Late but done", owner=first, due_date=days(-5), status="complete")
    make_action(title="Due tomorrow", owner=second, due_date=days(1))
    make_action(title="Nobody owns it", due_date=days(-1))
    make_action(title="No date", owner=second)
    return first, second


def sent_to(mailoutbox) -> dict[str, str]:
    return {message.to[0]: message for message in mailoutbox}


def test_owners_are_emailed_what_falls_due_soon_and_what_is_overdue(owners, mailoutbox):
    result = queue_reminders(today=TODAY)
    assert result.message == (
        "Action reminders queued for First Tester (2 actions), Second Tester (1 action)."
    )
    emails = sent_to(mailoutbox)
    assert set(emails) == {"first@example.org", "second@example.org"}
    first = emails["first@example.org"]
    assert first.subject == "Your actions: 1 overdue and 1 falling due soon"
    assert "Overdue:\n- Late by two days: was due 8 March 2027 (2 days ago)." in first.body
    assert "Falling due soon:\n- Due in a week: due Wednesday 17 March 2027." in first.body
    assert "Due in eight days" not in first.body and "Late but done" not in first.body
    assert "/actions/mine/" in first.body
    assert emails["second@example.org"].subject == "Your actions: 1 falling due soon"


def test_each_reminder_is_recorded_with_its_actions_and_reasons(owners, mailoutbox):
    queue_reminders(today=TODAY)
    reminder = ActionReminder.objects.get(owner=owners[0])
    assert (reminder.status, reminder.queued_on, reminder.attempts) == ("sent", TODAY, 1)
    assert reminder.sent_at is not None
    assert sorted(reminder.lines.values_list("action__title", "kind")) == [
        ("Due in a week", "due-soon"),
        ("Late by two days", "overdue"),
    ]


def test_nobody_is_reminded_twice_the_same_day_or_twice_for_the_same_thing(owners, mailoutbox):
    queue_reminders(today=TODAY)
    again = queue_reminders(today=TODAY)
    assert again.message == (
        "No reminders to send: no action falls due soon or has become overdue that its owner "
        "has not already been reminded of."
    )
    assert len(mailoutbox) == 2
    # Something new for an owner already emailed today waits for tomorrow.
    make_action(title="Added late", owner=owners[0], due_date=days(3))
    assert queue_reminders(today=TODAY).message == "Already reminded today: First Tester."
    assert len(mailoutbox) == 2
    assert [p.username for p, _ in queue_reminders(today=days(1)).queued] == ["first"]
    assert "Added late" in mailoutbox[-1].body and "Due in a week" not in mailoutbox[-1].body
    # Run again that day, nobody is emailed twice.
    assert queue_reminders(today=days(1)).queued == []
    assert len(mailoutbox) == 3
    # Once "Due tomorrow" is late, its owner hears of it once more.
    result = queue_reminders(today=days(2))
    assert [(person.username, count) for person, count in result.queued] == [("second", 1)]
    assert "Overdue:\n- Due tomorrow" in mailoutbox[-1].body


def test_owners_without_an_email_address_are_said_and_not_recorded(owners, mailoutbox):
    silent = make_user("silent", "Performance officer")
    make_action(title="Silent's", owner=silent, due_date=days(-1))
    result = queue_reminders(today=TODAY)
    assert "No email address, so not reminded: Silent Tester." in result.message
    assert not ActionReminder.objects.filter(owner=silent).exists()


def test_a_refused_send_is_tried_again_later_and_then_sent(owners, settings, mailoutbox):
    settings.MAILERS = {"default": {"BACKEND": REFUSING}}
    queue_reminders(today=TODAY)
    reminder = ActionReminder.objects.get(owner=owners[0])
    assert (reminder.status, reminder.attempts) == ("waiting", 1)
    assert "Connection refused" in reminder.last_error
    assert reminder.next_attempt_at > timezone.now() + RETRY_AFTER[0] - datetime.timedelta(
        seconds=5
    )
    # Its lines still count: the next run that day adds no second reminder.
    queue_reminders(today=TODAY)
    assert ActionReminder.objects.filter(owner=owners[0]).count() == 1
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    ActionReminder.objects.update(next_attempt_at=timezone.now())
    queue_reminders(today=TODAY)
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == ("sent", 2)
    assert sorted(sent_to(mailoutbox)) == ["first@example.org", "second@example.org"]


def test_after_the_last_retry_a_reminder_is_marked_failed_and_tried_afresh_next_day(
    owners, settings, mailoutbox
):
    settings.MAILERS = {"default": {"BACKEND": REFUSING}}
    queue_reminders(today=TODAY)
    for _ in RETRY_AFTER:
        ActionReminder.objects.update(next_attempt_at=timezone.now())
        queue_reminders(today=TODAY)
    assert set(ActionReminder.objects.values_list("status", "attempts")) == {
        ("failed", len(RETRY_AFTER) + 1)
    }
    # A failed reminder reminded nobody: the next day the same actions are queued again.
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    queue_reminders(today=days(1))
    assert "Late by two days" in sent_to(mailoutbox)["first@example.org"].body


def test_a_reminder_a_stopped_worker_never_finished_is_picked_up_again(
    owners, mailoutbox, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    queue_reminders(today=TODAY)
    stuck = ActionReminder.objects.get(owner=owners[0])
    ActionReminder.objects.filter(pk=stuck.pk).update(
        status="sending", claimed_at=timezone.now() - datetime.timedelta(minutes=3), attempts=1
    )
    assert deliver_action_reminder.call(stuck.pk) == "not due"  # still within its time
    ActionReminder.objects.filter(pk=stuck.pk).update(
        claimed_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    assert deliver_action_reminder.call(stuck.pk) == "sent"
    assert [m.to for m in mailoutbox] == [["first@example.org"]]
    assert deliver_action_reminder.call(stuck.pk) == "not due"


def test_a_reminder_whose_actions_were_done_meanwhile_is_not_sent(owners, settings, mailoutbox):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    queue_reminders(today=TODAY)
    reminder = ActionReminder.objects.get(owner=owners[1])
    ReminderLine.objects.get(reminder=reminder).action.__class__.objects.filter(
        title="Due tomorrow"
    ).update(status="complete")
    assert deliver_action_reminder.call(reminder.pk) == "not needed"
    assert ActionReminder.objects.get(pk=reminder.pk).status == "not-needed"
    assert mailoutbox == []


def test_the_cron_command_runs_now_or_queues_for_the_worker(owners, mailoutbox, settings):
    output = io.StringIO()
    call_command("send_action_reminders", "--date", TODAY.isoformat(), stdout=output)
    assert "Sent 2 action reminder email(s) for 2027-03-10." in output.getvalue()
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    output = io.StringIO()
    call_command("send_action_reminders", "--date", days(2).isoformat(), "--enqueue", stdout=output)
    assert "Queued action reminders for 2027-03-12 (task " in output.getvalue()
    with pytest.raises(CommandError, match="--date must be YYYY-MM-DD"):
        call_command("send_action_reminders", "--date", "12/03/2027")
