"""/healthz, for the load balancer and monitoring: "ok" when the database answers and no task
has waited too long for the worker; otherwise 503 and one word. Public, and shows no data."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

ROOT = Path(__file__).resolve().parents[2]
HEALTHZ = reverse("healthz")


def waiting_task(*, enqueued_minutes_ago: int, run_after=None, status="READY") -> DBTaskResult:
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="returns.tasks.send_reminders",
        backend_name="default",
        run_after=run_after or get_date_max(),
        status=status,
    )
    enqueued = timezone.now() - datetime.timedelta(minutes=enqueued_minutes_ago)
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=enqueued)
    return task


def answer(client) -> tuple[int, str]:
    response = client.get(HEALTHZ)
    return response.status_code, response.content.decode()


def test_ok_when_the_database_answers_and_the_queue_moves(client, db):
    waiting_task(enqueued_minutes_ago=2)
    response = client.get(HEALTHZ)
    assert (response.status_code, response.content) == (200, b"ok")
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


def test_a_task_waiting_longer_than_the_limit_is_reported(client, db):
    waiting_task(enqueued_minutes_ago=16)
    assert answer(client) == (503, "tasks")


def test_a_task_scheduled_for_later_is_not_late(client, db):
    waiting_task(enqueued_minutes_ago=60, run_after=timezone.now() + datetime.timedelta(hours=1))
    assert answer(client) == (200, "ok")
    due = timezone.now() - datetime.timedelta(minutes=20)
    waiting_task(enqueued_minutes_ago=60, run_after=due)
    assert answer(client) == (503, "tasks")


def test_finished_and_running_tasks_do_not_count(client, db):
    waiting_task(enqueued_minutes_ago=60, status="SUCCESSFUL")
    waiting_task(enqueued_minutes_ago=60, status="RUNNING")
    assert answer(client) == (200, "ok")


def test_the_queue_check_can_be_switched_off(client, db, settings):
    settings.TASK_QUEUE_MAX_WAIT_MINUTES = 0
    waiting_task(enqueued_minutes_ago=600)
    assert answer(client) == (200, "ok")


def test_the_database_not_answering_is_reported(client, db, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", refuse)
        assert answer(client) == (503, "database")


@pytest.mark.parametrize("who", ["outsider", "member"])
def test_it_is_the_same_for_anyone_signed_in_even_without_a_role(client, db, who, request):
    client.force_login(request.getfixturevalue(who))
    assert answer(client) == (200, "ok")


def test_in_production_it_answers_over_plain_http_without_a_redirect(tmp_path):
    """Load balancers often check the app directly over HTTP; everything else is redirected
    to HTTPS."""
    ours = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    env = {key: value for key, value in os.environ.items() if key not in ours}
    env.update(
        DEBUG="0",
        SECRET_KEY="production-like-" + "k3yQ9" * 10,
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        TASK_QUEUE_MAX_WAIT_MINUTES="0",
    )
    script = (
        "from django.test import Client; c = Client(); "
        "r = c.get('/healthz'); print(r.status_code, r.content.decode()); "
        "r = c.get('/login/'); print(r.status_code)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["200", "ok", "301"], result.stdout + result.stderr
