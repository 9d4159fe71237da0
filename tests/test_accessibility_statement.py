"""The accessibility statement always says how to report a problem."""

import pytest
from django.urls import reverse

REPORT = "or you find a problem not listed on this page,"


def statement(client) -> str:
    page = " ".join(client.get(reverse("accessibility")).content.decode().split())
    return page.split(REPORT, 1)[1].split("We will consider", 1)[0]


def test_gives_the_accessibility_contact_address(client, db, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "access@wokingham.example"
    settings.DEFAULT_FROM_EMAIL = "performance@wokingham.example"
    assert 'href="mailto:access@wokingham.example"' in statement(client)


@pytest.mark.parametrize(
    "sender", ["performance@wokingham.example", "Performance team <performance@wokingham.example>"]
)
def test_without_one_gives_the_address_the_service_emails_from(client, db, settings, sender):
    settings.ACCESSIBILITY_CONTACT_EMAIL = ""
    settings.DEFAULT_FROM_EMAIL = sender
    assert 'href="mailto:performance@wokingham.example"' in statement(client)


def test_without_any_real_address_says_whom_to_tell(client, db, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = ""
    settings.DEFAULT_FROM_EMAIL = "performance@localhost"
    text = statement(client)
    assert "mailto:" not in text
    assert "tell the administrator who set up your account for this service" in text
