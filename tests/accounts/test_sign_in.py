"""The service's sign-in page."""

from django.urls import reverse


def title(response) -> str:
    return response.content.decode().split("<title>", 1)[1].split(" - ", 1)[0]


def test_the_sign_in_page_title(client, db):
    assert title(client.get(reverse("login"))) == "Sign in"


def test_a_wrong_password_puts_error_first_in_the_title(client, manager):
    response = client.post(reverse("login"), {"username": "manager", "password": "wrong"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert title(response) == "Error: Sign in"
