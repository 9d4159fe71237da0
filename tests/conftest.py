import io
import os
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command

from tests import users

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture
def seeded(db):
    """The Wokingham seed: the 2015 findings, KPIs, monitoring, boards and recommendations."""
    call_command("load_wokingham", stdout=io.StringIO())


@pytest.fixture
def migrated_roles(transactional_db):
    """The role groups, for tests outside a wrapping transaction. Django empties the database
    after each such test, which removes the groups the accounts migration made; migrating
    accounts back and forth makes them again, permissions and all. (Django's serialized
    rollback would restore them, but not once Playwright's event loop runs in the test
    thread: the database connection is then a different object, without the saved copy.)"""
    call_command("migrate", "accounts", "zero", verbosity=0)
    call_command("migrate", "accounts", verbosity=0)


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


def pytest_collection_modifyitems(config, items):
    """Browser tests need Chromium. Skip them where it is missing, except in CI, where a
    missing browser must fail the run rather than pass it silently."""
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        return
    if IN_CI:
        raise pytest.UsageError(f"CI=true but Chromium is not at {CHROMIUM}: install it.")
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
