"""Fixtures for the monthly return tests: a fixed "today" and a second signed-in person."""

import datetime

import pytest
from django.test import Client

from accounts import roles
from tests import users

TODAY = datetime.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """Sunday 22 November 2026: October's return was due on Friday 13 November."""
    monkeypatch.setattr("returns.views._today", lambda: TODAY)
    return TODAY


@pytest.fixture
def officer_client(officer):
    client = Client()
    client.force_login(officer)
    return client


@pytest.fixture
def second_manager(db):
    return users.make_user("deputy", roles.MANAGER)


@pytest.fixture
def second_manager_client(second_manager):
    client = Client()
    client.force_login(second_manager)
    return client
