"""The main navigation, on every page. It lists every section of the service, so it lives in
the app that may read them all; the Approve item carries how many values wait for this manager."""

from dataclasses import dataclass

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from accounts import roles
from kpis.choices import Status
from kpis.models import KpiValue


@dataclass(frozen=True)
class NavItem:
    label: str
    href: str
    active: bool
    current: bool
    count: int | None = None


# (label, URL name, namespace that marks the section as active, roles that see it or None)
NAVIGATION = [
    ("Overview", "dashboard:home", None, None),
    ("Readiness", "dashboard:readiness", None, None),
    ("Annex A", "findings:annex", "findings", None),
    ("KPIs", "kpis:catalogue", "kpis", None),
    ("Returns", "returns:status", "returns", (roles.OFFICER, roles.MANAGER)),
    ("Approve", "returns:approval_queue", None, (roles.MANAGER,)),
    ("Boards", "boards:list", "boards", None),
    ("My boards", "boards:mine", None, (roles.MEMBER,)),
    ("Recommendations", "recommendations:tracker", "recommendations", None),
]


def waiting_for(user) -> int:
    """Submitted values this manager may approve (not ones whose figure they typed or which
    they submitted)."""
    return (
        KpiValue.objects.filter(status=Status.SUBMITTED)
        .exclude(figure_entered_by=user)
        .exclude(submitted_by=user)
        .count()
    )


def navigation(request: HttpRequest) -> dict:
    """The main navigation with the current section marked. Worked out only when a template
    shows it (a table rendered inside a page runs the context processors again)."""
    return {"navigation": SimpleLazyObject(lambda: _navigation(request))}


def _navigation(request: HttpRequest) -> list[NavItem]:
    if not request.user.is_authenticated:
        return []
    match = getattr(request, "resolver_match", None)
    items = []
    for label, url_name, section, allowed in NAVIGATION:
        if allowed and not any(roles.has_role(request.user, role) for role in allowed):
            continue
        href = reverse(url_name)
        approval = url_name == APPROVAL
        items.append(
            NavItem(
                label=label,
                href=href,
                active=_is_active(match, request.path, url_name, section, href),
                current=request.path == href,
                count=waiting_for(request.user) if approval else None,
            )
        )
    # The admin site decides who gets in (staff, or the Administrator role).
    if admin.site.has_permission(request):
        items.append(NavItem("Administration", reverse("admin:index"), active=False, current=False))
    return items


APPROVAL = "returns:approval_queue"
# Items for pages inside another item's section, which mark them apart from that section.
OWN_PAGES = {
    APPROVAL: ("returns", {"approval_queue", "approve"}),
    "boards:mine": ("boards", {"mine", "subscription"}),
}


def _is_active(match, path: str, url_name: str, section: str | None, href: str) -> bool:
    """The section the page belongs to; approving and "My boards" have their own items."""
    if not match:
        return False
    if url_name in OWN_PAGES:
        namespace, names = OWN_PAGES[url_name]
        return match.namespace == namespace and match.url_name in names
    if section:
        owned = any(
            match.namespace == namespace and match.url_name in names
            for namespace, names in OWN_PAGES.values()
        )
        return match.namespace == section and not owned
    return path == href
