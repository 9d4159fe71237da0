"""Reminders through the production set-up: the job waits in the database queue until the
worker (`manage.py db_worker`) runs it.

In a module of its own: the worker closes database connections when it finishes, as a
long-running process should, so this test commits (runs outside a wrapping transaction), and
tests that commit cannot share a module with tests on the shared seed.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from returns.models import Reminder
from tests.returns.test_reminders import make_owners


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_and_its_worker_send_the_queued_reminders(
    migrated_roles, officer, mailoutbox, settings
):
    """The production set-up: the job waits in the database until `db_worker` runs it."""
    call_command("load_wokingham", stdout=io.StringIO())
    make_owners(officer)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("send_return_reminders", "--date", "2026-11-05", "--enqueue", stdout=io.StringIO())
    queued = DBTaskResult.objects.get()
    assert queued.status == "READY"
    assert mailoutbox == []

    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(),
                 stderr=io.StringIO())  # fmt: skip

    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "officer@example.org",
        "second@example.org",
    ]


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(),
                 stderr=io.StringIO())  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_with_the_worker_the_button_sends_one_email_per_owner_once_a_day(
    migrated_roles, officer, manager, client, mailoutbox, settings, monkeypatch
):
    call_command("load_wokingham", stdout=io.StringIO())
    make_owners(officer)
    monkeypatch.setattr("returns.views._today", lambda: datetime.date(2026, 11, 22))
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(manager)

    client.post(reverse("returns:send_reminders"))
    assert mailoutbox == []  # queued, not sent: the worker sends them
    run_worker()
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "officer@example.org",
        "second@example.org",
    ]

    response = client.post(reverse("returns:send_reminders"), follow=True)
    run_worker()
    assert len(mailoutbox) == 2
    text = response.content.decode()
    assert "Already reminded today: Officer Tester, Second Tester." in text
    sent = timezone.localtime(Reminder.objects.get(owner=officer).sent_at)
    assert f"Sent {sent:%-d %b %Y %H:%M}" in text
