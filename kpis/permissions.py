"""Who may enter, approve and set what. Views call these; templates only show the result."""

from django.contrib.auth.models import AbstractBaseUser

from accounts import roles
from kpis.models import Kpi, KpiStatus


def is_manager(user: AbstractBaseUser) -> bool:
    return roles.has_role(user, roles.MANAGER)


def is_officer(user: AbstractBaseUser) -> bool:
    return roles.has_role(user, roles.OFFICER)


def can_enter_values(user: AbstractBaseUser, kpi: Kpi) -> bool:
    """Managers enter values for any KPI; performance officers for the KPIs they own."""
    return is_manager(user) or (is_officer(user) and kpi.owner_id == user.pk)


def kpis_for_returns(user: AbstractBaseUser):
    """The live KPIs whose values this person enters."""
    live = Kpi.objects.filter(status=KpiStatus.LIVE).select_related("owner")
    if is_manager(user):
        return live
    if is_officer(user):
        return live.filter(owner=user)
    return live.none()


def can_see_drafts(user: AbstractBaseUser) -> bool:
    """Draft values are work in progress, seen by the people who collect them."""
    return is_manager(user) or is_officer(user)


def can_set_targets(user: AbstractBaseUser) -> bool:
    return is_manager(user)


def can_enter_benchmarks(user: AbstractBaseUser) -> bool:
    return is_manager(user) or is_officer(user)
