"""Approving values: the queue of everything waiting (and one period's part of it), with each
value's previous figure, target, RAG and commentary; approve some or all, or send some back to
their owner with a reason."""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from kpis.choices import Status
from kpis.models import KpiValue, WorkflowError
from kpis.periods import Period, previous_due
from kpis.permissions import is_manager
from returns import services
from returns.forms import SendBackForm
from returns.views import count_of_values, period_or_404


def approval_queue(request: HttpRequest) -> HttpResponse:
    """Every submitted value, oldest period first."""
    return _approval_page(request, period=None)


def approve(request: HttpRequest, period: str) -> HttpResponse:
    """One period's submitted values."""
    return _approval_page(request, period=period_or_404(period))


def _approval_page(request: HttpRequest, period: Period | None) -> HttpResponse:
    if not is_manager(request.user):
        raise PermissionDenied
    here = (
        reverse("returns:approve", args=[str(period)])
        if period
        else reverse("returns:approval_queue")
    )
    waiting = _waiting(period)
    earlier = _previous_figures(waiting)
    for value in waiting:
        value.earlier = earlier.get(value.pk)
    rows = [(value, value.approval_problem(request.user)) for value in waiting]
    reason, reason_error, chosen = "", "", set()
    if request.method == "POST":
        seen = _seen(request.POST.getlist("approve"))
        if request.POST.get("action") == "approve-all":
            seen = {value.pk: value.version for value, problem in rows if not problem}
        chosen = set(seen)
        # The reason as typed goes back on the page; what is stored has been checked.
        reason = request.POST.get("reason", "")
        reason_form = SendBackForm(request.POST)
        sending_back = request.POST.get("action") == "send-back"
        if not seen:
            messages.error(request, "Select at least one value to approve or send back")
        elif chosen - {value.pk for value in waiting}:
            where = f" in {period.label}" if period else ""
            messages.error(
                request, f"Some of these values are not waiting{where} any more: reload the page"
            )
        elif sending_back and not reason_form.is_valid():
            reason_error = reason_form.errors["reason"][0]
        else:
            try:
                if sending_back:
                    moved = services.send_back_values(
                        user=request.user, seen=seen, reason=reason_form.cleaned_data["reason"]
                    )
                else:
                    moved = services.approve_values(user=request.user, seen=seen)
            except WorkflowError as problem:
                messages.error(request, str(problem))
            else:
                verb = "Sent back" if sending_back else "Approved"
                where = f" for {period.label}" if period else ""
                messages.success(request, f"{verb} {count_of_values(len(moved))}{where}.")
                return redirect(here)
    return render(
        request,
        "returns/approve.html",
        {
            "period": period,
            "rows": rows,
            "chosen": chosen,
            "reason": reason,
            "reason_error": reason_error,
            "approvable": sum(1 for _, problem in rows if not problem),
        },
        status=400 if reason_error else 200,
    )


def _waiting(period: Period | None) -> list[KpiValue]:
    values = KpiValue.objects.filter(status=Status.SUBMITTED)
    if period:
        values = values.for_period(period)
    return list(
        values.with_targets()
        .select_related("kpi", "submitted_by", "entered_by")
        .order_by("period", "kpi__code")
    )


def _previous_figures(values: list[KpiValue]) -> dict[int, KpiValue]:
    """Each waiting value's previous due period's value (approved or not), by the value's id;
    one query."""
    wanted = {
        value.pk: (value.kpi_id, previous_due(value.kpi.frequency, value.period_obj,
                                              value.kpi.due_month).first_day)
        for value in values
    }  # fmt: skip
    found = {
        (earlier.kpi_id, earlier.period): earlier
        for earlier in KpiValue.objects.filter(
            kpi__in={kpi for kpi, _ in wanted.values()},
            period__in={day for _, day in wanted.values()},
        ).with_targets()
    }
    return {pk: found[key] for pk, key in wanted.items() if key in found}


# "id:version", in ASCII digits of sizes the database holds ("²:1" or a 30-digit id is not one).
BOX = re.compile(r"(\d{1,18}):(\d{1,9})", re.ASCII)


def _seen(items: list[str]) -> dict[int, int]:
    """Each box carries "id:version", so what is approved is what the manager saw. Anything
    else is ignored."""
    return {int(match[1]): int(match[2]) for match in map(BOX.fullmatch, items) if match}
