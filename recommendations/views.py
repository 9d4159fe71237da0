"""The tracker (/recommendations/: every recommendation with its status, and every action you
may see, filtered, sorted and downloadable), a recommendation's page with its actions and
timeline, and a manager setting a recommendation's status by hand (or letting its actions
decide again)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from recommendations.filters import ActionFilter
from recommendations.forms import OverrideForm
from recommendations.models import Action, AuditEntry, MoveRefused, ProgressUpdate, Recommendation
from recommendations.permissions import is_manager, keeps_the_plan
from recommendations.tables import ActionTable
from recommendations.timeline import hidden_update_ids, readable_updates, timeline
from wokingham_cs.tables import ExportMixin, PagedTableMixin


def _actions_for(request: HttpRequest, hidden: set[int] | None = None):
    """The actions this person may see, with what their rows show, overdue first (hidden: the
    updates they may not read, if already known)."""
    if hidden is None:
        hidden = hidden_update_ids(request.user)
    return (
        Action.objects.visible_to(request.user)
        .for_lists()
        .with_last_update(hidden)
        .overdue_first(timezone.localdate())
    )


class TrackerView(ExportMixin, PagedTableMixin, SingleTableMixin, FilterView):
    """Every recommendation with its status and lead board, then every action: who owns it,
    when it is due, its status and rating, and whether it is overdue; filtered, sorted,
    paginated and downloadable as CSV or Excel."""

    model = Action
    table_class = ActionTable
    filterset_class = ActionFilter
    template_name = "recommendations/tracker.html"
    export_formats = ("csv", "xlsx")
    export_name = "actions"

    def get_queryset(self):
        return _actions_for(self.request)

    def get_export_filename(self, export_format: str) -> str:
        return f"{self.export_name}.{export_format}"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return {
            **super().get_context_data(**kwargs),
            "recommendations": Recommendation.objects.with_status()
            .for_lists()
            .order_by("source__title", "number"),
            "overdue_count": Action.objects.visible_to(self.request.user).overdue(today).count(),
            "querystring": self.request.GET.urlencode(),
        }


tracker = TrackerView.as_view()


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = get_object_or_404(
        Recommendation.objects.with_status().for_lists().select_related("overridden_by"), pk=pk
    )
    hidden = hidden_update_ids(request.user)
    actions = list(_actions_for(request, hidden).filter(recommendation=recommendation))
    updates = readable_updates(
        ProgressUpdate.objects.filter(action__in=actions).for_timeline().order_by("written_at"),
        request.user,
        hidden,
    )
    entries = (
        AuditEntry.objects.filter(
            Q(recommendation=recommendation) | Q(action__in=[a.pk for a in actions])
        )
        .select_related("by", "action")
        .order_by("at")
    )
    return render(
        request,
        "recommendations/detail.html",
        {
            "recommendation": recommendation,
            "actions": actions,
            "timeline": timeline(updates, entries),
            "may_add_action": keeps_the_plan(request.user),
            "may_set_status": is_manager(request.user),
        },
    )


def _require_manager(request: HttpRequest) -> None:
    if not is_manager(request.user):
        raise PermissionDenied


def override(request: HttpRequest, pk: int) -> HttpResponse:
    """A manager sets the recommendation's status by hand, with a reason."""
    _require_manager(request)
    recommendation = get_object_or_404(Recommendation.objects.with_status(), pk=pk)
    form = OverrideForm(request.POST or None, initial={"status": recommendation.status})
    if request.method == "POST" and form.is_valid():
        try:
            recommendation.override_status(
                by=request.user,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except MoveRefused as refused:
            form.add_error("reason", str(refused))
        else:
            status = recommendation.status_label.lower()
            messages.success(
                request,
                f"Recommendation {recommendation.number} is now {status}, set by hand. Its "
                "actions no longer decide its status until you let them again.",
            )
            return redirect(recommendation)
    return render(
        request,
        "recommendations/override.html",
        {"recommendation": recommendation, "form": form},
    )


@require_POST
def follow_actions(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    recommendation = get_object_or_404(Recommendation, pk=pk)
    try:
        recommendation.follow_actions(by=request.user)
    except MoveRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            f"Recommendation {recommendation.number}'s status follows its actions again: it is "
            f"{recommendation.status_label.lower()}.",
        )
    return redirect(recommendation)
