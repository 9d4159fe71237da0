"""The roles migration can be taken back and applied again, and keeps the people of an install
whose groups were made by hand. In a module of its own: migrating runs outside a wrapping
transaction, and tests that commit do not share a module with tests that do not."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from accounts import roles
from tests.accounts.test_roles import permissions_of
from tests.users import make_user


# Migrating needs to run outside a wrapping transaction.
@pytest.mark.django_db(transaction=True)
def test_the_roles_can_be_migrated_away_and_back():
    call_command("migrate", "accounts", "zero", verbosity=0)
    assert not Group.objects.exists()

    call_command("migrate", verbosity=0)  # with the migrations that depend on it
    assert sorted(Group.objects.values_list("name", flat=True)) == sorted(roles.ALL_ROLES)
    assert "kpis.view_kpivalue" in permissions_of(roles.ADMINISTRATOR)


@pytest.mark.django_db(transaction=True)
def test_an_install_with_hand_made_groups_keeps_its_people_and_gets_the_listed_permissions():
    """As a demo database made before this migration: load_demo gave the Administrator
    every permission."""
    call_command("migrate", "accounts", "zero", verbosity=0)
    for name in roles.ALL_ROLES:
        Group.objects.create(name=name)
    Group.objects.get(name=roles.ADMINISTRATOR).permissions.set(Permission.objects.all())
    manager = make_user("manager", roles.MANAGER)

    call_command("migrate", verbosity=0)  # with the migrations that depend on it
    assert list(manager.groups.values_list("name", flat=True)) == [roles.MANAGER]
    assert Group.objects.count() == 4
    assert "kpis.view_kpivalue" in permissions_of(roles.ADMINISTRATOR)
    assert "kpis.change_kpivalue" not in permissions_of(roles.ADMINISTRATOR)
