"""The roles people hold, as Django groups. Views check membership through these helpers."""

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
