"""Changes to roles and status are recorded (who changed whose account, what, when) and shown to
administrators; an Administrator can neither make anyone a superuser nor change their own roles
or status (they could otherwise make themself a Manager and approve figures)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse

from accounts import roles
from accounts.models import RoleChange
from tests.users import make_user


@pytest.fixture
def administrator(db):
    return make_user("administrator", roles.ADMINISTRATOR)


def group_id(name: str) -> int:
    return Group.objects.get(name=name).pk


def change_form(user, **changes) -> dict:
    """The user change form as posted, with the person's current groups and flags."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "groups": list(user.groups.values_list("pk", flat=True)),
        "date_joined_0": "2026-01-05",
        "date_joined_1": "09:00:00",
    }
    for flag in ("is_active", "is_staff", "is_superuser"):
        if getattr(user, flag):
            data[flag] = "on"
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def recorded() -> list[tuple[str, str, str, str]]:
    return [
        (change.changed_by.username, change.person.username, change.kind, change.detail)
        for change in RoleChange.objects.order_by("pk")
    ]


def test_giving_a_role_and_deactivating_are_recorded(client, administrator):
    colleague = make_user("colleague", roles.MEMBER)
    client.force_login(administrator)
    response = client.post(
        reverse("admin:auth_user_change", args=[colleague.pk]),
        change_form(colleague, groups=[group_id(roles.MANAGER)], is_active=None),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert recorded() == [
        ("administrator", "colleague", "deactivated", ""),
        ("administrator", "colleague", "role-given", roles.MANAGER),
        ("administrator", "colleague", "role-taken", roles.MEMBER),
    ]
    assert RoleChange.objects.first().at is not None


def test_saving_without_changes_records_nothing(client, administrator):
    colleague = make_user("colleague", roles.MEMBER)
    client.force_login(administrator)
    client.post(reverse("admin:auth_user_change", args=[colleague.pk]), change_form(colleague))
    assert recorded() == []


def test_a_new_account_is_recorded(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("admin:auth_user_add"),
        {"username": "newcomer", "usable_password": "false"},
    )
    assert response.status_code == 302
    assert recorded() == [("administrator", "newcomer", "created", "")]


def test_a_superuser_making_someone_superuser_and_staff_is_recorded(client, db):
    root = get_user_model().objects.create_superuser("root", password="root-password")
    colleague = make_user("colleague", roles.MEMBER)
    client.force_login(root)
    response = client.post(
        reverse("admin:auth_user_change", args=[colleague.pk]),
        change_form(colleague, is_superuser="on", is_staff="on"),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert recorded() == [
        ("root", "colleague", "superuser-on", ""),
        ("root", "colleague", "staff-on", ""),
    ]


def test_an_administrator_cannot_change_their_own_roles_or_status(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("admin:auth_user_change", args=[administrator.pk]),
        change_form(
            administrator,
            first_name="Changed",
            groups=[group_id(roles.MANAGER), group_id(roles.ADMINISTRATOR)],
            is_superuser="on",
            is_staff="on",
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    administrator.refresh_from_db()
    assert administrator.first_name == "Changed"
    assert list(administrator.groups.values_list("name", flat=True)) == [roles.ADMINISTRATOR]
    assert not administrator.is_superuser
    assert not administrator.is_staff
    assert recorded() == []


def test_an_administrator_cannot_deactivate_themself(client, administrator):
    client.force_login(administrator)
    client.post(
        reverse("admin:auth_user_change", args=[administrator.pk]),
        change_form(administrator, is_active=None),
    )
    administrator.refresh_from_db()
    assert administrator.is_active


def test_administrators_read_the_record_newest_first_and_cannot_change_it(client, administrator):
    colleague = make_user("colleague")
    first = RoleChange.objects.record(
        by=administrator, person=colleague, kind=RoleChange.Kind.ROLE_GIVEN, detail=roles.MEMBER
    )
    latest = RoleChange.objects.record(
        by=administrator, person=colleague, kind=RoleChange.Kind.ROLE_GIVEN, detail=roles.MANAGER
    )
    client.force_login(administrator)
    html = client.get(reverse("admin:accounts_rolechange_changelist")).content.decode()
    assert html.index(roles.MANAGER) < html.index(roles.MEMBER)
    assert "Role given" in html
    change_url = reverse("admin:accounts_rolechange_change", args=[first.pk])
    assert client.get(change_url).status_code == 200  # read-only view
    assert client.post(change_url, {"detail": "Nothing"}).status_code == 403
    assert client.get(reverse("admin:accounts_rolechange_add")).status_code == 403
    delete_url = reverse("admin:accounts_rolechange_delete", args=[latest.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert RoleChange.objects.count() == 2


def test_someone_whose_roles_were_changed_cannot_be_deleted_from_the_record(administrator):
    colleague = make_user("colleague")
    RoleChange.objects.record(
        by=administrator, person=colleague, kind=RoleChange.Kind.ROLE_GIVEN, detail=roles.MEMBER
    )
    with pytest.raises(ProtectedError), transaction.atomic():
        colleague.delete()
    assert RoleChange.objects.count() == 1


def password_url(user) -> str:
    return reverse("admin:auth_user_password_change", args=[user.pk])


def test_setting_someones_password_is_recorded(client, administrator):
    manager = make_user("boss", roles.MANAGER)
    client.force_login(administrator)
    response = client.post(
        password_url(manager),
        {
            "usable_password": "true",
            "password1": "a-New-pass-2026!",
            "password2": "a-New-pass-2026!",
        },
    )
    assert response.status_code == 302
    [change] = RoleChange.objects.filter(kind="password-set")
    assert (change.changed_by, change.person) == (administrator, manager)
    assert RoleChange.Kind(change.kind).label == "Password set by an administrator"


def test_an_administrator_cannot_turn_off_their_own_password(client, administrator):
    client.force_login(administrator)
    response = client.post(password_url(administrator), {"usable_password": "false"}, follow=True)
    assert "You cannot turn off your own password: you could no longer sign in." in (
        response.content.decode().replace("&#x27;", "'")
    )
    administrator.refresh_from_db()
    assert administrator.has_usable_password()
    assert not RoleChange.objects.filter(kind="password-set").exists()
