"""Publishing through the production set-up: the build waits in the database queue, the page
shows it waiting, and the worker (`manage.py db_worker`) makes the pack.

In a module of its own: the worker closes database connections when it finishes, so this test
commits, and tests that commit cannot share a module with tests on the shared seed."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from packs.models import PackBuild, PackVersion
from tests import users
from tests.packs.factories import build_council


@pytest.mark.django_db(transaction=True)
def test_the_worker_publishes_a_pack_queued_from_the_page(migrated_roles, settings):
    officer, manager = users.officer(), users.manager()
    build_council(officer, manager)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = Client()
    client.force_login(officer)

    client.post(reverse("boards:pack_publish", args=["cpb", "2026-12-08"]))
    build = PackBuild.objects.get()
    assert build.status == "queued"
    assert DBTaskResult.objects.get().status == "READY"
    page = client.get(reverse("boards:meeting", args=["cpb", "2026-12-08"])).content.decode()
    assert "Waiting to start: waiting for the worker" in page
    assert not PackVersion.objects.exists()

    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(),
                 stderr=io.StringIO())  # fmt: skip

    build.refresh_from_db()
    assert (build.status, build.version.number) == ("done", 1)
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
