import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

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
        user = authenticate(username=username, password="wokingham-demo")
        assert user is not None, username
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert username in output.getvalue()
    assert get_user_model().objects.get(username="admin").is_staff
    assert not get_user_model().objects.get(username="member").is_staff


def test_running_twice_changes_nothing(db, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    passwords = dict(get_user_model().objects.values_list("username", "password"))
    call_command("load_demo", stdout=io.StringIO())
    assert dict(get_user_model().objects.values_list("username", "password")) == passwords
