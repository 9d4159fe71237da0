"""After signing in: members, who come for board papers, land on their boards; everyone else on
the overview; and whoever was sent to sign in from a page goes back to it."""

import pytest
from django.urls import reverse

from accounts import roles
from tests import users


def sign_in(client, user, next_page: str = ""):
    url = reverse("login") + (f"?next={next_page}" if next_page else "")
    data = {"username": user.username, "password": "test-password"}
    if next_page:
        data["next"] = next_page
    return client.post(url, data)


def test_a_member_lands_on_their_boards(client, member):
    response = sign_in(client, member)
    assert response.status_code == 302
    assert response["Location"] == reverse("boards:mine")


@pytest.mark.parametrize("role", [roles.OFFICER, roles.MANAGER, roles.ADMINISTRATOR, None])
def test_everyone_else_lands_on_the_overview(client, db, role):
    response = sign_in(client, users.make_user("person", role))
    assert response["Location"] == reverse("dashboard:home")


def test_a_member_who_is_also_an_officer_lands_on_the_overview(client, member):
    from django.contrib.auth.models import Group

    member.groups.add(Group.objects.get(name=roles.OFFICER))
    assert sign_in(client, member)["Location"] == reverse("dashboard:home")


def test_the_page_asked_for_comes_first(client, member):
    assert sign_in(client, member, "/kpis/")["Location"] == "/kpis/"


def test_a_next_page_on_another_site_is_ignored(client, member):
    response = sign_in(client, member, "https://example.com/")
    assert response["Location"] == reverse("boards:mine")


def test_a_wrong_password_still_shows_the_form(client, member):
    response = client.post(reverse("login"), {"username": "member", "password": "nope"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
