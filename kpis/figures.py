"""Which KPI values a person's pages show: approved figures only, or the newest figures put
forward (submitted or approved), with those awaiting approval marked provisional.

Members, and anyone else who does not collect values, see approved figures only, everywhere:
dashboards, scorecard, readiness, KPI pages, the Annex A and downloads. Officers and managers
see the newest, and may switch to approved only for the rest of their session.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import HttpRequest

from accounts import roles
from kpis.choices import REPORTED, Status
from kpis.permissions import can_see_drafts

SESSION_KEY = "figures"
APPROVED_ONLY = "approved"
NEWEST = "newest"


@dataclass(frozen=True)
class Figures:
    statuses: tuple[Status, ...]
    # Managers who may approve: a submitted figure only they typed waits for a second one.
    approvers: frozenset[int] = frozenset()
    can_choose: bool = False

    @property
    def approved_only(self) -> bool:
        return self.statuses == (Status.APPROVED,)

    @property
    def label(self) -> str:
        if self.approved_only:
            return "approved figures only"
        return "the newest figures, including those awaiting approval (marked provisional)"

    @property
    def file_suffix(self) -> str:
        """For download names, so a file says which figures it holds."""
        return "approved" if self.approved_only else "including-unapproved"

    def awaiting(self, value) -> str | None:
        """How a shown value awaits approval, in words; None when it is approved."""
        return awaiting_approval(
            value.status, value.figure_entered_by_id, value.submitted_by_id, self.approvers
        )


APPROVED = Figures(statuses=(Status.APPROVED,))


def awaiting_approval(
    status: str, figure_entered_by: int | None, submitted_by: int | None, approvers: frozenset[int]
) -> str | None:
    """How a figure awaits approval, in words; None when it does not (approved, or a draft).
    When every manager who could approve it typed or submitted it, it waits for another."""
    if status != Status.SUBMITTED:
        return None
    if approvers - {figure_entered_by, submitted_by}:
        return "Provisional: awaiting approval"
    return "Provisional: awaiting approval by a second manager"


def figures_for(request: HttpRequest) -> Figures:
    """The figures this person's pages show (see the module's docstring); worked out once a
    request."""
    if not hasattr(request, "_figures"):
        request._figures = _figures_for(request)
    return request._figures


def _figures_for(request: HttpRequest) -> Figures:
    if not can_see_drafts(request.user):
        return APPROVED
    if request.session.get(SESSION_KEY) == APPROVED_ONLY:
        return Figures(statuses=(Status.APPROVED,), can_choose=True)
    return Figures(statuses=REPORTED, approvers=approver_ids(), can_choose=True)


def approver_ids() -> frozenset[int]:
    """Active people who may approve values: managers (and superusers)."""
    people = get_user_model().objects.filter(is_active=True)
    return frozenset(
        people.filter(Q(groups__name=roles.MANAGER) | Q(is_superuser=True))
        .values_list("pk", flat=True)
        .distinct()
    )
