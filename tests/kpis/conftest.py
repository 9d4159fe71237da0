"""Fixtures for the KPI value tests (not autouse: the catalogue and detail tests are unaffected)."""

import pytest
from django.test import Client


@pytest.fixture
def officer_client(officer):
    client = Client()
    client.force_login(officer)
    return client
