"""Who may enter, approve and set what. Views and the value workflow call these; templates
only show the result. No database access beyond the person's roles (read once per request)."""

from django.contrib.auth.models import AbstractBaseUser

from accounts import roles


def is_manager(user: AbstractBaseUser) -> bool:
    return roles.has_role(user, roles.MANAGER)


def is_officer(user: AbstractBaseUser) -> bool:
    return roles.has_role(user, roles.OFFICER)


def can_enter_values(user: AbstractBaseUser, kpi) -> bool:
    """Managers enter values for any KPI; performance officers for the KPIs they own."""
    return is_manager(user) or (is_officer(user) and kpi.owner_id == user.pk)


def can_see_drafts(user: AbstractBaseUser) -> bool:
    """Draft values are work in progress, seen by the people who collect them."""
    return is_manager(user) or is_officer(user)


def can_set_targets(user: AbstractBaseUser) -> bool:
    return is_manager(user)


def can_enter_benchmarks(user: AbstractBaseUser) -> bool:
    return is_manager(user) or is_officer(user)
