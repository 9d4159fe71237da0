import io
import os
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

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


@pytest.fixture
def migrated_roles(transactional_db):
    """The role groups, for tests outside a wrapping transaction. Django empties the database
    after each such test, which removes the groups the accounts migration made; migrating
    accounts back and forth makes them again, permissions and all. Going back also undoes
    every migration that depends on accounts (the later grants, and the migrations after them,
    which may drop tables and columns), so everything is migrated forward again, not accounts
    alone. (Django's serialized rollback would restore them, but not once Playwright's event
    loop runs in the test thread: the database connection is then a different object, without
    the saved copy.)"""
    call_command("migrate", "accounts", "zero", verbosity=0)
    call_command("migrate", verbosity=0)


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


def _seeded_last(items) -> None:
    """Within each module, tests on the shared seed run last: once the module's seed is loaded
    it stays until the module ends. So a module cannot also hold tests that commit."""
    order, seeded, commits = {}, set(), set()
    for item in items:
        order.setdefault(item.module, len(order))
        if "seeded" in item.fixturenames:
            seeded.add(item.module)
        if _commits(item):
            commits.add(item.module)
    for module in seeded & commits:
        raise pytest.UsageError(
            f"{module.__name__} mixes tests on the shared seed with tests that commit: move "
            "those to a module of their own (they load the seed with load_wokingham)"
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
