"""No login guessing: after five wrong passwords for one account from one address, even the right
password is refused for fifteen minutes, with a message saying so; an administrator can unlock
it sooner; behind the proxy each client is told apart by the address the proxy saw."""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt, AccessLog
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.throttling import client_ip
from tests.users import make_user

LOCKED = (
    "Too many failed attempts: try again in 15 minutes or ask your administrator to unlock "
    "your account"
)


def sign_in(client, password: str, username: str = "officer", **headers):
    return client.post(
        reverse("login"), {"username": username, "password": password}, headers=headers
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(client, times: int, **headers) -> None:
    for _ in range(times):
        response = sign_in(client, "wrong-password", **headers)
        assert response.status_code in (200, 429)


def test_four_wrong_passwords_then_the_right_one_signs_in(client, officer):
    fail(client, 4)
    response = sign_in(client, "test-password")
    assert response.status_code == 302
    assert signed_in(client)


def test_after_five_wrong_passwords_the_right_one_is_refused_with_a_clear_message(client, officer):
    fail(client, 5)
    response = sign_in(client, "test-password")
    assert response.status_code == 429
    assert not signed_in(client)
    html = response.content.decode()
    assert LOCKED in html
    assert 'value="officer"' in html  # the username stays in the form


def test_the_admins_sign_in_page_is_locked_too(client, officer):
    fail(client, 5)
    response = client.post(
        reverse("admin:login"), {"username": "officer", "password": "test-password"}
    )
    assert response.status_code == 429
    assert not signed_in(client)


def test_the_lock_ends_after_the_cool_off(client, officer):
    fail(client, 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert sign_in(client, "test-password").status_code == 302
    assert signed_in(client)


def test_a_successful_sign_in_clears_earlier_failures(client, officer):
    fail(client, 4)
    sign_in(client, "test-password")
    client.post(reverse("logout"))
    fail(client, 4)
    assert sign_in(client, "test-password").status_code == 302


def test_an_administrator_unlocks_the_account_in_the_admin(client, officer):
    fail(client, 5)
    assert sign_in(client, "test-password").status_code == 429
    attempt = AccessAttempt.objects.get(username="officer")

    administrator = make_user("administrator", roles.ADMINISTRATOR)
    client.force_login(administrator)
    listing = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200
    assert "officer" in listing.content.decode()
    response = client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    client.post(reverse("logout"))

    assert sign_in(client, "test-password").status_code == 302
    assert signed_in(client)


def test_the_lock_is_for_that_account_from_that_address(client, officer, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    make_user("manager", roles.MANAGER)
    fail(client, 5, x_forwarded_for="203.0.113.7")
    assert sign_in(client, "test-password", x_forwarded_for="203.0.113.7").status_code == 429
    other_account = sign_in(client, "test-password", "manager", x_forwarded_for="203.0.113.7")
    assert other_account.status_code == 302
    client.post(reverse("logout"))
    assert sign_in(client, "test-password", x_forwarded_for="198.51.100.2").status_code == 302


def test_a_client_cannot_dodge_the_lock_by_sending_its_own_forwarded_for(client, officer, settings):
    """The proxy appends the address it saw; whatever the client put before it is ignored."""
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(5):
        sign_in(client, "wrong-password", x_forwarded_for=f"10.0.0.{number}, 203.0.113.7")
    response = sign_in(client, "test-password", x_forwarded_for="10.9.9.9, 203.0.113.7")
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "203.0.113.7", "192.0.2.1"),  # no proxy: the header is the client's to make up
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "10.0.0.1, 203.0.113.7", "203.0.113.7"),
        (2, "10.0.0.1, 203.0.113.7, 192.0.2.9", "203.0.113.7"),
        (1, "", "192.0.2.1"),
        (1, "not-an-address", "192.0.2.1"),
        (1, "203.0.113.7\x00", "192.0.2.1"),
    ],
)
def test_the_client_address_behind_trusted_proxies(settings, proxies, forwarded_for, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded_for)
    assert client_ip(request) == expected


def test_sign_in_logs_older_than_the_retention_are_removed_by_the_daily_job(client, officer):
    sign_in(client, "test-password")
    client.logout()
    sign_in(client, "test-password")
    older, newer = AccessLog.objects.order_by("attempt_time")
    AccessLog.objects.filter(pk=older.pk).update(attempt_time=timezone.now() - timedelta(days=91))

    call_command("axes_reset_logs", "--age", "90", stdout=StringIO())

    assert list(AccessLog.objects.all()) == [newer]
