"""An action's page (its details, timeline of updates and changes, evidence and, for those who
may, the forms to move it on), your own actions, adding and changing actions, progress updates
(and correcting them), closing with evidence or an answer, and downloading evidence.

Every view fetches the action through _get_action_for_user first, so whoever may not see it
gets the same 404 as for an action that does not exist.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from boards.models import Meeting
from findings.models import Finding
from recommendations import services
from recommendations.choices import ActionStatus
from recommendations.forms import (
    ActionForm,
    AnswerForm,
    EditUpdateForm,
    ReasonForm,
    UpdateForm,
)
from recommendations.models import (
    Action,
    Challenge,
    EvidenceDocument,
    MoveRefused,
    ProgressUpdate,
    Recommendation,
)
from recommendations.permissions import keeps_the_plan, may_close, may_update
from recommendations.timeline import hidden_update_ids, kpi_trends, readable_updates, timeline
from recommendations.uploads import CONTENT_TYPES
from wokingham_cs import private_files


def _get_action_for_user(request: HttpRequest, pk: int) -> Action:
    """The action, if this person may see it; otherwise a 404 that says nothing of whether it
    exists (ActionQuerySet.visible_to is the rule)."""
    action = Action.objects.visible_to(request.user).for_lists().filter(pk=pk).first()
    if action is None:
        raise Http404("No such action")
    return action


def _readable_updates(request: HttpRequest, action: Action) -> list[ProgressUpdate]:
    return readable_updates(action.updates.for_timeline(), request.user)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = _get_action_for_user(request, pk)
    return _detail_page(request, action)


def _detail_page(
    request: HttpRequest, action: Action, *, update_form: UpdateForm | None = None, status=200
) -> HttpResponse:
    user = request.user
    updates = _readable_updates(request, action)
    trends = kpi_trends((kpi.pk for u in updates for kpi in u.kpis.all()), action.started_on)
    now, readable = timezone.now(), {u.pk for u in updates}
    for update in updates:
        update.kpi_trends = [trends[kpi.pk] for kpi in update.kpis.all()]
        update.may_edit = update.edit_problem(user, now) is None
        # Corrections this person may not read are not even named.
        update.readable_corrections = [c for c in update.corrections.all() if c.pk in readable]
    # A challenge is due by the board's next meeting: linked, if this person may open it.
    due_meeting = None
    if action.challenge_id and action.due_date:
        due_meeting = (
            Meeting.objects.papers_visible_to(user)
            .filter(board_id=action.lead_board_id, date=action.due_date)
            .select_related("board")
            .first()
        )
    updater = may_update(user, action)
    if updater and update_form is None:
        update_form = UpdateForm(user=user, action=action)
    return render(
        request,
        "recommendations/action.html",
        {
            "action": action,
            "due_meeting": due_meeting,
            "timeline": timeline(updates, action.audit_entries.select_related("by")),
            "has_evidence": any(u.meeting_id or u.kpis.all() or u.documents.all() for u in updates),
            "update_form": update_form if updater else None,
            "may_update": updater,
            "may_change": keeps_the_plan(user),
            "may_close": may_close(user),
            "ActionStatus": ActionStatus,
        },
        status=status,
    )


def mine(request: HttpRequest) -> HttpResponse:
    """The actions I own, overdue first, and the challenges I put at meetings."""
    return render(
        request,
        "recommendations/mine.html",
        {
            "actions": Action.objects.filter(owner_id=request.user.pk)
            .for_lists()
            .with_last_update(hidden_update_ids(request.user))
            .overdue_first(timezone.localdate()),
            "challenges": Challenge.objects.filter(member_id=request.user.pk)
            .select_related("meeting__board", "action")
            .order_by("-recorded_at"),
        },
    )


def _require_planner(request: HttpRequest) -> None:
    if not keeps_the_plan(request.user):
        raise PermissionDenied


def new_for_recommendation(request: HttpRequest, pk: int) -> HttpResponse:
    _require_planner(request)
    recommendation = get_object_or_404(Recommendation.objects.select_related("source"), pk=pk)
    return _new_action(request, recommendation=recommendation)


def new_for_finding(request: HttpRequest, pk: int) -> HttpResponse:
    _require_planner(request)
    finding = get_object_or_404(
        Finding.objects.select_related("inspection"), pk=pk, kind=Finding.Kind.IMPROVEMENT
    )
    return _new_action(request, finding=finding)


def _new_action(request: HttpRequest, **belongs_to) -> HttpResponse:
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = services.add_action(by=request.user, **form.cleaned_data, **belongs_to)
        messages.success(request, "Action added.")
        return redirect(action)
    return render(
        request,
        "recommendations/action_form.html",
        {"form": form, "action": None, **belongs_to},
    )


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = _get_action_for_user(request, pk)
    _require_planner(request)
    form = ActionForm(request.POST or None, action=action)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                locked = services.lock(action.pk)
                changes = locked.change_details(by=request.user, **form.cleaned_data)
        except MoveRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"{'; '.join(changes)}." if changes else "Nothing changed.")
            return redirect(action)
    return render(
        request,
        "recommendations/action_form.html",
        {"form": form, "action": action},
    )


MOVES = {"start": "Started.", "complete": "Marked complete: a manager can now close it."}


@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    """Start an action, or mark it complete."""
    action = _get_action_for_user(request, pk)
    name = request.POST.get("move")
    if name not in MOVES:
        raise Http404("No such move")
    try:
        with transaction.atomic():
            getattr(services.lock(action.pk), name)(by=request.user)
    except MoveRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, MOVES[name])
    return redirect(action)


def close(request: HttpRequest, pk: int) -> HttpResponse:
    """A manager closes the action: on its evidence, or a member's challenge with the answer,
    which the member is emailed."""
    action = _get_action_for_user(request, pk)
    if not may_close(request.user):
        raise PermissionDenied
    form = AnswerForm(request.POST or None) if action.challenge_id else None
    problem = None
    if request.method == "POST" and (form is None or form.is_valid()):
        answer = form.cleaned_data["answer"] if form else ""
        try:
            services.close_action(action_id=action.pk, by=request.user, answer=answer)
        except MoveRefused as refused:
            problem = str(refused)
        else:
            if action.challenge_id:
                member = action.challenge.member
                emailed = (
                    f"{action.challenge.member_name} will be emailed the answer."
                    if member.email
                    else f"{action.challenge.member_name} has no email address: tell them the "
                    "answer yourself."
                )
                messages.success(request, f"Closed with the answer. {emailed}")
            else:
                messages.success(request, "Closed: signed off.")
            return redirect(action)
    return render(
        request,
        "recommendations/close.html",
        {"action": action, "form": form, "problem": problem},
    )


def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    action = _get_action_for_user(request, pk)
    if not may_update(request.user, action):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.lock(action.pk).reopen(by=request.user, **form.cleaned_data)
        except MoveRefused as refused:
            form.add_error("reason", str(refused))
        else:
            messages.success(request, "Reopened: the action is in progress again.")
            return redirect(action)
    return render(
        request,
        "recommendations/reopen.html",
        {"action": action, "form": form},
    )


def update_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a progress update (or, with ?corrects=, an entry correcting an earlier one)."""
    action = _get_action_for_user(request, pk)
    if not may_update(request.user, action):
        raise PermissionDenied
    corrects = None
    corrects_id = request.POST.get("corrects") or request.GET.get("corrects")
    if corrects_id:
        readable = {str(u.pk): u for u in _readable_updates(request, action)}
        corrects = readable.get(corrects_id)
        if corrects is None:
            raise Http404("No such update")
    form = UpdateForm(request.POST or None, request.FILES or None, user=request.user, action=action)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            update = services.add_update(
                action=action,
                by=request.user,
                text=data["text"],
                progress=data["progress"],
                kpis=list(data["kpis"]),
                meeting=data["meeting"],
                upload=data["document"],
                corrects=corrects,
            )
        except MoveRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "Correction added." if corrects else "Progress update added.")
            return redirect(f"{action.get_absolute_url()}#update-{update.pk}")
    return render(
        request,
        "recommendations/update_form.html",
        {"action": action, "form": form, "corrects": corrects},
    )


def update_edit(request: HttpRequest, pk: int, update_pk: int) -> HttpResponse:
    """The author changes an update's words within 24 hours of writing it; after that it
    stands, and only a correcting entry can follow it."""
    action = _get_action_for_user(request, pk)
    update = next((u for u in _readable_updates(request, action) if u.pk == update_pk), None)
    if update is None:
        raise Http404("No such update")
    problem = update.edit_problem(request.user, timezone.now())
    if problem:
        messages.error(request, problem)
        return redirect(f"{action.get_absolute_url()}#update-{update.pk}")
    form = EditUpdateForm(request.POST or None, initial={"text": update.text})
    if request.method == "POST" and form.is_valid():
        try:
            update.edit(by=request.user, text=form.cleaned_data["text"])
        except MoveRefused as refused:
            form.add_error("text", str(refused))
        else:
            messages.success(request, "Update changed.")
            return redirect(f"{action.get_absolute_url()}#update-{update.pk}")
    return render(
        request,
        "recommendations/update_edit.html",
        {"action": action, "update": update, "form": form},
    )


def evidence(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    """A document as it was uploaded, to whoever may read its update: the update's meeting
    decides for evidence discussed there (its Part 2 business, an internal board's papers)."""
    action = _get_action_for_user(request, pk)
    document = get_object_or_404(
        EvidenceDocument.objects.select_related("update"), pk=document_pk, update__action=action
    )
    if not readable_updates([document.update], request.user):
        raise Http404("No such document")
    try:
        content = private_files.read(document.file_name, sha256=document.sha256)
    except private_files.StorageError as error:
        return render(
            request,
            "recommendations/stored_file_problem.html",
            {"action": action, "document": document, "problem": str(error)},
            status=500,
        )
    response = HttpResponse(content, content_type=CONTENT_TYPES[document.kind])
    response["Content-Disposition"] = content_disposition_header(True, document.original_name)
    response["Content-Length"] = str(len(content))
    response["Cache-Control"] = "private, no-store"
    return response
