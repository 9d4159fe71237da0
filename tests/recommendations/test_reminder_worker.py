"""Action reminders through the production set-up: the job waits in the database queue until
the worker (`manage.py db_worker`), the same one as the KPI reminders and the packs, runs it.

In a module of its own: the worker closes database connections when it finishes, so this test
commits, and tests that commit cannot share a module with tests on the shared seed."""

import datetime
import io

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from recommendations.models import ActionReminder
from tests.recommendations.factories import make_action
from tests.users import make_user


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_and_its_worker_send_the_queued_reminders(
    migrated_roles, mailoutbox, settings
):
    owner = make_user("owner", "Performance officer", email="owner@example.org")
    make_action(title="Overdue", owner=owner, due_date=datetime.date(2027, 3, 1))
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("send_action_reminders", "--date", "2027-03-10", "--enqueue", stdout=io.StringIO())
    queued = DBTaskResult.objects.get()
    assert queued.status == "READY"
    assert mailoutbox == []

    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(),
                 stderr=io.StringIO())  # fmt: skip

    assert [message.to for message in mailoutbox] == [["owner@example.org"]]
    assert ActionReminder.objects.get().status == "sent"
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
