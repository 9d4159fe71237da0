"""The dashboard tests' data set (tests/dashboard/council.py) and a signed-in officer."""

import pytest
from django.test import Client

from accounts import roles
from tests import users
from tests.dashboard import council as council_module


@pytest.fixture
def colleague(db):
    """A second performance officer, owning KPIs the `officer` does not."""
    return users.make_user("jo", roles.OFFICER)


@pytest.fixture
def council(officer, colleague) -> council_module.Council:
    return council_module.build(officer=officer, colleague=colleague)


@pytest.fixture
def officer_client(officer):
    client = Client()
    client.force_login(officer)
    return client
