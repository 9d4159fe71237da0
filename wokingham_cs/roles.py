"""The roles people hold, as Django groups. Views check membership through these helpers."""

from django.contrib.auth.models import AbstractBaseUser

MANAGER = "Manager"
OFFICER = "Performance officer"
MEMBER = "Member"
ADMINISTRATOR = "Administrator"

ALL_ROLES = (MANAGER, OFFICER, MEMBER, ADMINISTRATOR)


def has_role(user: AbstractBaseUser, role: str) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=role).exists()
