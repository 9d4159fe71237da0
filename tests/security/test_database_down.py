"""With the database stopped or restarting, a request gets a 503 page ("try again in a few
minutes") rendered without the database, never a 500; other errors are still a 500."""

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.urls import reverse


@pytest.fixture
def database_down(db):
    """Call it to make every query fail from then on, as a stopped database does; the test
    database is usable again before it is rolled back."""

    def refuse(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    with pytest.MonkeyPatch.context() as patch:

        def stop():
            patch.setattr(CursorWrapper, "execute", refuse)
            patch.setattr(CursorWrapper, "executemany", refuse)

        yield stop


@pytest.fixture
def quiet_client(client):
    """The test client otherwise re-raises the exception the handler turned into a page."""
    client.raise_request_exception = False
    return client


def test_a_signed_in_request_gets_a_503_page_when_the_database_is_down(
    quiet_client, member, database_down
):
    quiet_client.force_login(member)
    database_down()
    response = quiet_client.get(reverse("kpis:catalogue"))
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    html = response.content.decode()
    assert "Sorry, the service is unavailable" in html
    assert "it was not saved" in html


def test_so_does_a_save(quiet_client, member, database_down):
    quiet_client.force_login(member)
    database_down()
    response = quiet_client.post(reverse("returns:status"), {"anything": "1"})
    assert response.status_code == 503


def test_a_visitor_not_signed_in_gets_it_too(quiet_client, database_down):
    database_down()
    # The sign-in page itself needs no database until the form is posted.
    assert quiet_client.get(reverse("login")).status_code == 200
    response = quiet_client.post(reverse("login"), {"username": "a", "password": "b"})
    assert response.status_code == 503


def test_other_errors_are_still_a_500(quiet_client, member, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a bug")

    quiet_client.force_login(member)
    monkeypatch.setattr("dashboard.kpi_views.ScorecardView.get_queryset", broken)
    response = quiet_client.get(reverse("kpis:catalogue"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_connections_are_checked_before_reuse(settings):
    """After a database restart, a kept connection would otherwise fail the first request of
    every worker."""
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
