"""Reminders are recorded, never sent twice the same day, and survive faults: a refused send is
tried again with back-off, and one a stopped worker never finished is picked up again."""

import datetime

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone

from kpis.periods import Period
from returns.models import Reminder
from returns.reminders import deliver_reminder, queue_reminders
from tests.kpis.pages import add_value, live_kpi, messages_of, page
from tests.returns.test_reminders import make_owners
from wokingham_cs.outbox import RETRY_AFTER

OCTOBER = Period(2026, 10)
TODAY = datetime.date(2026, 11, 22)
REFUSING = "tests.returns.test_reminder_records.RefusingBackend"


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("Connection refused by the mail server")


@pytest.fixture
def owners(seeded, officer):
    return make_owners(officer)


def test_each_reminder_is_recorded_with_the_kpis_and_when_it_was_sent(owners, mailoutbox, manager):
    queue_reminders(period=OCTOBER, today=TODAY, by=manager)
    officer_reminder = Reminder.objects.get(owner=owners[0])
    assert officer_reminder.status == Reminder.Status.SENT
    assert officer_reminder.kpi_codes == ["PEP", "WF-AGENCY"]
    assert officer_reminder.period == OCTOBER.first_day
    assert officer_reminder.queued_by == manager
    assert officer_reminder.sent_at is not None
    assert Reminder.objects.count() == len(mailoutbox) == 2


def test_the_same_owner_is_not_chased_twice_for_a_period_on_the_same_day(owners, mailoutbox):
    first = queue_reminders(period=OCTOBER, today=TODAY)
    second = queue_reminders(period=OCTOBER, today=TODAY)
    assert len(mailoutbox) == 2
    assert second.queued == []
    assert second.message == "Already reminded today: Officer Tester, Second Tester."
    assert len(first.queued) == 2

    queue_reminders(period=OCTOBER, today=TODAY + datetime.timedelta(days=1))
    assert len(mailoutbox) == 4  # the next day, they are chased again


def test_a_second_press_of_the_button_the_same_day_sends_nothing(
    manager_client, owners, mailoutbox, today
):
    manager_client.post(reverse("returns:send_reminders"))
    response = manager_client.post(reverse("returns:send_reminders"))
    assert len(mailoutbox) == 2
    assert messages_of(response)[-1] == "Already reminded today: Officer Tester, Second Tester."


def test_the_button_says_when_nobody_is_missing(manager_client, owners, officer, mailoutbox):
    officer_, second = owners
    for code, person in (("PEP", officer_), ("WF-AGENCY", officer_), ("CASELOADS", second)):
        add_value(live_kpi(code), "2026-10", 50, "submitted", by=person)
    response = manager_client.post(reverse("returns:send_reminders"))
    assert messages_of(response) == [
        "Nobody is missing values for October 2026: no reminders to send."
    ]
    assert mailoutbox == []


def test_the_returns_page_shows_when_each_owner_was_last_reminded(manager_client, owners):
    queue_reminders(period=OCTOBER, today=TODAY)
    text = page(manager_client.get(reverse("returns:status")))
    reminders = text[text.index('id="reminders"') :]
    sent = timezone.localtime(Reminder.objects.get(owner=owners[1]).sent_at)
    assert ">Second Tester</th>" in reminders
    assert "October 2026" in reminders
    assert f"Sent {sent:%-d %b %Y %H:%M}" in reminders


def test_a_refused_send_is_tried_again_later_and_then_sent(owners, settings, mailoutbox):
    settings.MAILERS = {"default": {"BACKEND": REFUSING}}
    queue_reminders(period=OCTOBER, today=TODAY)
    reminder = Reminder.objects.get(owner=owners[0])
    assert (reminder.status, reminder.attempts) == (Reminder.Status.WAITING, 1)
    assert "Connection refused" in reminder.last_error
    assert reminder.next_attempt_at > timezone.now() + RETRY_AFTER[0] - datetime.timedelta(
        seconds=5
    )

    # Not before its time...
    queue_reminders(period=OCTOBER, today=TODAY)
    assert Reminder.objects.get(pk=reminder.pk).attempts == 1
    # ...then, with the mail server back, the next run sends it.
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    Reminder.objects.update(next_attempt_at=timezone.now())
    queue_reminders(period=OCTOBER, today=TODAY)
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == (Reminder.Status.SENT, 2)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "officer@example.org",
        "second@example.org",
    ]


def test_after_the_last_retry_a_reminder_is_marked_failed(owners, settings):
    settings.MAILERS = {"default": {"BACKEND": REFUSING}}
    queue_reminders(period=OCTOBER, today=TODAY)
    for _ in RETRY_AFTER:
        Reminder.objects.update(next_attempt_at=timezone.now())
        queue_reminders(period=OCTOBER, today=TODAY)
    statuses = set(Reminder.objects.values_list("status", "attempts"))
    assert statuses == {(Reminder.Status.FAILED, len(RETRY_AFTER) + 1)}


def test_a_reminder_a_stopped_worker_never_finished_is_picked_up_again(owners, mailoutbox):
    # As if a worker claimed it and was killed before sending.
    stuck = Reminder.objects.create(
        owner=owners[0],
        period=OCTOBER.first_day,
        queued_on=TODAY,
        kpi_codes=["PEP"],
        status=Reminder.Status.SENDING,
        claimed_at=timezone.now() - datetime.timedelta(minutes=3),
        attempts=1,
        next_attempt_at=timezone.now(),
    )
    assert deliver_reminder.call(stuck.pk) == "not due"  # still within its time
    Reminder.objects.filter(pk=stuck.pk).update(
        claimed_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    queue_reminders(period=OCTOBER, today=TODAY)
    stuck.refresh_from_db()
    assert stuck.status == Reminder.Status.SENT
    assert [message.to for message in mailoutbox].count(["officer@example.org"]) == 1


def test_a_sent_reminder_is_never_sent_again(owners, mailoutbox):
    queue_reminders(period=OCTOBER, today=TODAY)
    reminder = Reminder.objects.get(owner=owners[0])
    assert deliver_reminder.call(reminder.pk) == "not due"
    assert len(mailoutbox) == 2


def test_a_reminder_whose_values_came_in_meanwhile_is_not_sent(owners, settings, mailoutbox):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    queue_reminders(period=OCTOBER, today=TODAY)
    _, second = owners
    add_value(live_kpi("CASELOADS"), "2026-10", 15, "submitted", by=second)
    reminder = Reminder.objects.get(owner=second)
    assert deliver_reminder.call(reminder.pk) == "not needed"
    assert Reminder.objects.get(pk=reminder.pk).status == Reminder.Status.NOT_NEEDED
    assert mailoutbox == []
