import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from accounts import roles


def test_refuses_to_run_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DEBUG on"):
        call_command("load_demo", stdout=io.StringIO())
    assert get_user_model().objects.count() == 0


def test_creates_one_user_per_role_with_the_demo_password(db, settings):
    settings.DEBUG = True
    output = io.StringIO()
    call_command("load_demo", stdout=output)

    expected = {
        "manager": roles.MANAGER,
        "officer": roles.OFFICER,
        "member": roles.MEMBER,
        "admin": roles.ADMINISTRATOR,
    }
    for username, role in expected.items():
        # As the sign-in page does: login throttling (django-axes) needs the request.
        user = authenticate(RequestFactory().post("/login/"), username=username,
                            password="wokingham-demo")  # fmt: skip
        assert user is not None, username
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert username in output.getvalue()
    # The Administrator group alone opens the admin; nobody needs staff status.
    assert not get_user_model().objects.filter(is_staff=True).exists()


def test_running_twice_changes_nothing(db, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    passwords = dict(get_user_model().objects.values_list("username", "password"))
    call_command("load_demo", stdout=io.StringIO())
    assert dict(get_user_model().objects.values_list("username", "password")) == passwords


def test_asks_for_migrate_when_a_role_is_missing(db, settings):
    settings.DEBUG = True
    Group.objects.filter(name=roles.MEMBER).delete()
    with pytest.raises(CommandError, match=r"Member are missing.*Run `manage.py migrate`"):
        call_command("load_demo", stdout=io.StringIO())
    assert get_user_model().objects.count() == 0
    assert not Group.objects.filter(name=roles.MEMBER).exists()


def test_adds_users_and_leaves_the_roles_as_the_migrations_made_them(db, settings):
    settings.DEBUG = True

    def roles_and_permissions():
        return {
            group.name: set(group.permissions.values_list("codename", flat=True))
            for group in Group.objects.all()
        }

    before = roles_and_permissions()
    call_command("load_demo", stdout=io.StringIO())
    assert roles_and_permissions() == before
