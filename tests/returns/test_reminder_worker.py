"""Reminders through the production set-up: the job waits in the database queue until the
worker (`manage.py db_worker`) runs it.

In a module of its own: the worker closes database connections when it finishes, as a
long-running process should, so this test commits (runs outside a wrapping transaction), and
tests that commit cannot share a module with tests on the shared seed.
"""

import io

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

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
