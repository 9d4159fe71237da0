"""The roles people hold, as Django groups. Views check membership through these helpers.

The groups, and the Administrator's permissions in /admin/, come from a data migration
(accounts/migrations/0001_roles.py), so `migrate` alone gives every install working roles.
A later migration that adds a model grants the Administrator its permissions the same way:
create the permissions (django.contrib.auth.management.create_permissions), then add them to
the group. tests/accounts/test_roles.py checks the Administrator can read every model in the
admin, so a forgotten one fails a test.
"""

from django.contrib.auth.models import AbstractBaseUser

MANAGER = "Manager"
OFFICER = "Performance officer"
MEMBER = "Member"
ADMINISTRATOR = "Administrator"

ALL_ROLES = (MANAGER, OFFICER, MEMBER, ADMINISTRATOR)


def role_names(user: AbstractBaseUser) -> frozenset[str]:
    """The person's roles, read once per request (the user object lives for one request)."""
    if not hasattr(user, "_role_names"):
        user._role_names = frozenset(user.groups.values_list("name", flat=True))
    return user._role_names


def has_role(user: AbstractBaseUser, role: str) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return role in role_names(user)


def has_any_role(user: AbstractBaseUser) -> bool:
    """Whether the person has been given any role. Signing in alone gives access to nothing."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(role_names(user) & set(ALL_ROLES))
