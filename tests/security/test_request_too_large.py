"""A form too large to read gets the service's own page, saying the limit, that nothing was
saved and that the server could not keep what was typed, and what to do: not Django's bare
"Bad Request (400)"."""

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kpis.models import KpiValue
from kpis.periods import Period

LAST_MONTH = Period.from_date(timezone.localdate()).previous()


def test_a_return_over_the_size_limit_gets_a_page_that_says_the_limit(manager_client, settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2_621_440
    url = reverse("returns:period", args=[str(LAST_MONTH)])
    response = manager_client.post(url, {"commentary": "x" * 3_000_000, "submit": "1"})
    assert response.status_code == 413
    html = response.content.decode()
    assert "What you sent was too large" in html
    assert "larger than 2.5\xa0MB" in html
    assert "Nothing was saved, and the service could not keep what you typed." in html
    assert "back button" in html
    assert "Bad Request (400)" not in html
    assert not KpiValue.objects.exists()


def test_a_form_with_too_many_fields_gets_the_page_too(manager_client):
    url = reverse("returns:period", args=[str(LAST_MONTH)])
    response = manager_client.post(url, {f"field-{n}": "1" for n in range(1001)})
    assert response.status_code == 413
    assert "more than 1000 fields" in response.content.decode()


def test_the_page_follows_the_setting(manager_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    url = reverse("returns:period", args=[str(LAST_MONTH)])
    response = manager_client.post(url, {"commentary": "x" * 2_000_000})
    assert response.status_code == 413
    assert "larger than 1.0\xa0MB" in response.content.decode()


def test_as_a_browser_meets_it_when_the_csrf_check_reads_the_form_first(manager):
    """The test client skips the CSRF check; a browser's request is read by it first."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(manager)
    browser.get(reverse("kpis:catalogue"))  # the CSRF cookie, as a page gives it
    assert "csrftoken" in browser.cookies
    response = browser.post(reverse("kpis:catalogue"), {"commentary": "x" * 3_000_000})
    assert response.status_code == 413
    assert "larger than 2.5\xa0MB" in response.content.decode()


def test_other_bad_requests_get_a_plain_page_of_ours(client, db):
    response = client.get("/kpis/%00/")
    assert response.status_code == 400
    assert "Sorry, that request could not be understood" in response.content.decode()
