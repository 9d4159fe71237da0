from dataclasses import dataclass

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse

from accounts import roles


@dataclass(frozen=True)
class NavItem:
    label: str
    href: str
    active: bool
    current: bool


# (label, URL name, namespace that marks the section as active, roles that see it or None)
NAVIGATION = [
    ("Overview", "dashboard:home", None, None),
    ("Readiness", "dashboard:readiness", None, None),
    ("Annex A", "findings:annex", "findings", None),
    ("KPIs", "kpis:catalogue", "kpis", None),
    ("Returns", "returns:status", "returns", (roles.OFFICER, roles.MANAGER)),
    ("Boards", "boards:list", "boards", None),
]


def service(request: HttpRequest) -> dict:
    """The council and service names, and the main navigation with the current section marked."""
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match else ""
    navigation = []
    if request.user.is_authenticated:
        navigation = [
            NavItem(
                label=label,
                href=reverse(url_name),
                active=namespace == section if section else request.path == reverse(url_name),
                current=request.path == reverse(url_name),
            )
            for label, url_name, section, allowed in NAVIGATION
            if allowed is None or any(roles.has_role(request.user, role) for role in allowed)
        ]
        # The admin site decides who gets in (staff, or the Administrator role).
        if admin.site.has_permission(request):
            navigation.append(
                NavItem("Administration", reverse("admin:index"), active=False, current=False)
            )
    return {
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.SERVICE_NAME,
        "navigation": navigation,
    }
