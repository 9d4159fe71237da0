"""Sessions on shared computers: the cookie ends with the browser, a session ends after 30
minutes without a request and 10 hours after signing in, however busy."""

import time
from datetime import timedelta

from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from accounts.sessions import RENEWED_AT, SIGNED_IN_AT

HOME = reverse("dashboard:home")


def sign_in(client, officer):
    response = client.post(reverse("login"), {"username": "officer", "password": "test-password"})
    assert response.status_code == 302
    return response


def stored_session(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def change_session(client, **values) -> None:
    session = client.session
    session.update(values)
    session.save()


def test_the_defaults(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_ABSOLUTE_AGE == 10 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_the_session_cookie_ends_with_the_browser(client, officer):
    cookie = sign_in(client, officer).cookies["sessionid"]
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""
    assert cookie["httponly"]


def test_signing_in_records_when(client, officer):
    before = int(time.time())
    sign_in(client, officer)
    assert before <= client.session[SIGNED_IN_AT] <= int(time.time())


def test_the_session_ends_after_thirty_minutes_without_a_request(client, officer):
    sign_in(client, officer)
    expires = stored_session(client).expire_date
    assert timedelta(minutes=29) < expires - timezone.now() <= timedelta(minutes=30)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_each_request_pushes_the_idle_timeout_back(client, officer):
    sign_in(client, officer)
    # As if the last request was 20 minutes ago: 10 minutes left.
    change_session(client, **{RENEWED_AT: int(time.time()) - 20 * 60})
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=10))
    assert client.get(HOME).status_code == 200
    left = stored_session(client).expire_date - timezone.now()
    assert timedelta(minutes=29) < left <= timedelta(minutes=30)


def test_the_session_ends_ten_hours_after_signing_in_however_busy(client, officer):
    sign_in(client, officer)
    change_session(client, **{SIGNED_IN_AT: int(time.time()) - 10 * 60 * 60 + 60})
    assert client.get(HOME).status_code == 200
    change_session(client, **{SIGNED_IN_AT: int(time.time()) - 10 * 60 * 60 - 1})
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out 10 hours after signing in. Sign in again." in page


def test_signing_in_again_starts_the_ten_hours_again(client, officer):
    sign_in(client, officer)
    change_session(client, **{SIGNED_IN_AT: int(time.time()) - 9 * 60 * 60})
    sign_in(client, officer)
    assert client.session[SIGNED_IN_AT] >= int(time.time()) - 5
