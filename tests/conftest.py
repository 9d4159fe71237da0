import io
import os
import shutil

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q

from accounts import roles
from tests import users

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="module")
def _seed_for_the_module(django_db_setup, django_db_blocker):
    """The seed, loaded once per test module inside a transaction that is rolled back when the
    module ends. Each test runs in a savepoint within it (pytest-django's `db`), so whatever a
    test changes is undone before the next, and the seed is read from YAML once, not per test.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_wokingham", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seed_for_the_module, db):
    """The Wokingham seed: the 2015 findings, KPIs, monitoring, boards and recommendations,
    shared by the module's tests. (A test that commits loads its own with load_wokingham.)"""


def _commits(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return "transactional_db" in item.fixturenames or bool(
        marker and (marker.kwargs.get("transaction") or marker.args[:1] == (True,))
    )


@pytest.fixture(scope="session")
def _roles_as_migrated(django_db_setup, django_db_blocker) -> dict[str, list[tuple[str, str]]]:
    """The role groups and their permissions as the migrations made them, read once."""
    with django_db_blocker.unblock():
        return {
            group.name: list(group.permissions.values_list("content_type__app_label", "codename"))
            for group in Group.objects.filter(name__in=roles.ALL_ROLES)
        }


def _restore_roles(as_migrated: dict[str, list[tuple[str, str]]]) -> None:
    """Make the role groups again as the migrations made them. (Emptying the database keeps
    permissions: Django makes them again straight after.)"""
    for name, permissions in as_migrated.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = Q(pk__in=[])
        for app_label, codename in permissions:
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(Permission.objects.filter(wanted))


@pytest.fixture(scope="module", autouse=True)
def _roles_for_the_module(request, django_db_blocker):
    """The role groups, before a module's tests begin. Django empties the database after each
    test that commits, taking the groups the accounts migration made; with tests spread over
    workers (pytest-xdist), such a module may run before others on the same worker, so each
    module that uses the database checks, and makes them again if need be."""
    if not any(_uses_db(item) and item.module is request.module for item in request.session.items):
        return
    as_migrated = request.getfixturevalue("_roles_as_migrated")
    with django_db_blocker.unblock():
        if Group.objects.filter(name__in=roles.ALL_ROLES).count() != len(as_migrated):
            _restore_roles(as_migrated)


@pytest.fixture
def migrated_roles(transactional_db, _roles_as_migrated):
    """The role groups, for a test that commits: the test before it in its module may have
    emptied the database. (Django's serialized rollback would restore them, but not once
    Playwright's event loop runs in the test thread: the database connection is then a
    different object, without the saved copy.)"""
    _restore_roles(_roles_as_migrated)


@pytest.fixture
def officer(db):
    return users.officer()


@pytest.fixture
def manager(db):
    return users.manager()


@pytest.fixture
def member(db):
    return users.member()


@pytest.fixture
def outsider(db):
    return users.outsider()


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def pytest_sessionstart(session):
    """CI's second run must really be on PostgreSQL, not fall back to SQLite unnoticed."""
    engine = settings.DATABASES["default"]["ENGINE"]
    if os.environ.get("REQUIRE_POSTGRES") == "1" and "postgresql" not in engine:
        raise pytest.UsageError(f"REQUIRE_POSTGRES=1 but the database engine is {engine}")


def _uses_db(item) -> bool:
    return "db" in item.fixturenames or bool(item.get_closest_marker("django_db"))


def _seeded_last(items) -> None:
    """Within each module, tests on the shared seed run last: once the module's seed is loaded
    it stays until the module ends.

    A test that commits empties the database when it ends (the roles included), so it lives in
    a module of its own: tests run module by module on each worker (pytest-xdist's loadscope),
    and pytest-django runs the committing modules after the others.
    """
    order, in_transaction, commits = {}, set(), set()
    for item in items:
        order.setdefault(item.module, len(order))
        if _commits(item):
            commits.add(item.module)
        elif _uses_db(item):
            in_transaction.add(item.module)
    for module in in_transaction & commits:
        raise pytest.UsageError(
            f"{module.__name__} mixes tests that commit with tests in a transaction: move "
            "those that commit to a module of their own (they load the seed with "
            "load_wokingham, and ask for migrated_roles)"
        )
    items.sort(key=lambda item: (order[item.module], "seeded" in item.fixturenames))


# Before pytest-django's own ordering (empty-database tests, then those that commit), which
# is a stable sort and so keeps this order within each of its groups.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Browser tests need Chromium. Skip them where it is missing, except in CI, where a
    missing browser must fail the run rather than pass it silently."""
    _seeded_last(items)
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        return
    if IN_CI:
        raise pytest.UsageError(f"CI=true but Chromium is not at {CHROMIUM}: install it.")
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
