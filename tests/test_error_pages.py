"""The error pages people see, and what a refused request writes to the log."""

import logging

from django.urls import reverse


def test_a_refused_page_shows_the_no_access_page(member_client):
    response = member_client.get(reverse("returns:status"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "<title>You do not have permission - " in page
    assert "Your role does not allow this. If you think it should, ask an administrator." in page


def test_a_refused_request_is_logged_in_one_line_without_a_traceback(member_client, caplog):
    with caplog.at_level(logging.INFO):
        member_client.get(reverse("returns:status"))
    refused = [r for r in caplog.records if getattr(r, "status_code", None) == 403]
    assert len(refused) == 1
    assert refused[0].exc_info is None
    assert logging.Formatter().format(refused[0]) == "Forbidden (Permission denied): /returns/"
    # Written once: Django's own console handler (with DEBUG) would write it a second time.
    assert logging.getLogger("django").handlers == []


def test_an_error_is_still_logged_with_its_traceback(member_client, caplog, monkeypatch):
    """Only refusals lose their traceback: a fault keeps it."""
    member_client.raise_request_exception = False
    monkeypatch.setattr("wokingham_cs.views.render", lambda *a, **k: 1 / 0)
    with caplog.at_level(logging.INFO):
        assert member_client.get(reverse("accessibility")).status_code == 500
    failed = [r for r in caplog.records if getattr(r, "status_code", None) == 500]
    assert failed and failed[0].exc_info is not None


def test_a_missing_page_shows_the_not_found_page(member_client):
    response = member_client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
