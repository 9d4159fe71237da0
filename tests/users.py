"""The named people the tests use, one per role, plus an outsider with no role."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts import roles


def make_user(username: str, role: str | None = None, **extra):
    user = get_user_model().objects.create_user(
        username=username,
        password="test-password",
        first_name=username.title(),
        last_name="Tester",
        **extra,
    )
    if role:
        # The groups come from the accounts migration; a missing one should fail the test.
        user.groups.add(Group.objects.get(name=role))
    return user


def officer():
    return make_user("officer", roles.OFFICER)


def manager():
    return make_user("manager", roles.MANAGER)


def member():
    return make_user("member", roles.MEMBER)


def outsider():
    return make_user("outsider")
