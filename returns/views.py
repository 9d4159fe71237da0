import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kpis.choices import Status
from kpis.formatting import plain_number
from kpis.models import Kpi, KpiValue, Target, WorkflowError
from kpis.periods import (
    Period,
    PeriodError,
    current_period,
    financial_year_label,
    previous_due,
)
from kpis.permissions import can_enter_values, is_manager, is_officer
from kpis.rag import rag_status
from kpis.validation import check_entry
from returns import services
from returns.collection import collection_status, deadline, is_open, latest_open, opens_on
from returns.forms import ImportUploadForm, RevisionForm, ValueForm
from returns.imports import IMPORT_COLUMNS, FileProblem, check_rows, read_rows
from returns.models import ImportBatch, Reminder
from returns.reminders import queue_reminders
from wokingham_cs.exports import tabular_response

STATUS_PERIODS = 13


def _require_collector(request: HttpRequest) -> None:
    """Returns are for performance officers and managers; members only read the results."""
    if not (is_manager(request.user) or is_officer(request.user)):
        raise PermissionDenied


def period_or_404(text: str) -> Period:
    try:
        return Period.parse(text)
    except PeriodError as error:
        raise Http404(str(error)) from error


def _today() -> datetime.date:
    return datetime.date.today()


def status(request: HttpRequest) -> HttpResponse:
    """Collection status: for each recent period, how many values are due, missing, approved."""
    _require_collector(request)
    kpis = Kpi.objects.entered_by(request.user)
    owners = get_user_model().objects.filter(owned_kpis__in=kpis).distinct().order_by("last_name")
    owner = request.GET.get("owner", "")
    if owner:
        # isdigit() alone accepts "²", which int() does not.
        kpis = kpis.filter(owner__pk=owner if owner.isascii() and owner.isdigit() else 0)
    newest = latest_open(_today())
    periods = [newest.shift(-n) for n in range(STATUS_PERIODS)]
    return render(
        request,
        "returns/status.html",
        {
            "rows": collection_status(kpis, periods, _today()),
            "owners": owners,
            "owner": owner,
            "can_remind": is_manager(request.user),
            "last_reminded": _last_reminded(owners),
        },
    )


def _last_reminded(owners) -> list[Reminder]:
    """Each owner's most recent reminder, newest first."""
    latest = {}
    for reminder in Reminder.objects.filter(owner__in=owners).select_related("owner"):
        latest.setdefault(reminder.owner_id, reminder)  # ordered newest first
    return sorted(latest.values(), key=lambda reminder: reminder.queued_at, reverse=True)


def _return_rows(kpis: list[Kpi], period: Period) -> dict:
    """Everything the return page shows beside the inputs, in a fixed number of queries."""
    stored = {
        v.kpi_id: v
        for v in KpiValue.objects.for_period(period)
        .filter(kpi__in=kpis)
        .select_related("kpi", "entered_by")
    }
    targets = {
        t.kpi_id: t
        for t in Target.objects.filter(kpi__in=kpis, financial_year=period.financial_year)
    }
    previous_periods = {kpi.pk: previous_due(kpi.frequency, period, kpi.due_month) for kpi in kpis}
    previous = {
        (v.kpi_id, v.period): v
        for v in KpiValue.objects.filter(
            kpi__in=kpis, period__in={p.first_day for p in previous_periods.values()}
        )
        .with_targets()
        .select_related("kpi")
    }
    return {
        kpi.pk: {
            "stored": stored.get(kpi.pk),
            "stored_rag": stored[kpi.pk].rag_against(targets.get(kpi.pk))
            if kpi.pk in stored
            else None,
            "target": targets.get(kpi.pk),
            "previous": previous.get((kpi.pk, previous_periods[kpi.pk].first_day)),
            "previous_period": previous_periods[kpi.pk],
        }
        for kpi in kpis
    }


def period_return(request: HttpRequest, period: str) -> HttpResponse:
    """The monthly return: every KPI the person enters that is due in the period."""
    _require_collector(request)
    period = period_or_404(period)
    if not is_open(period, _today()):
        return render(
            request,
            "returns/future.html",
            {"period": period, "opens_on": opens_on(period)},
            status=404,
        )
    kpis = list(Kpi.objects.entered_by(request.user).due_in(period).order_by("code"))
    context = _return_rows(kpis, period)
    data = request.POST if request.method == "POST" else None
    forms = [
        ValueForm(
            data,
            prefix=kpi.code,
            kpi=kpi,
            target=context[kpi.pk]["target"],
            stored=context[kpi.pk]["stored"],
        )
        for kpi in kpis
    ]
    conflicts = []
    if request.method == "POST":
        # A row shown as approved has no inputs; a row that was open when the page loaded is
        # checked even if its value has been approved since, so the change is not lost.
        editable = [
            form
            for form in forms
            if not (form.stored and form.stored.is_locked)
            or form.add_prefix("version") in request.POST
        ]
        valid = [form.is_valid() for form in editable]  # every form, so all errors show
        if all(valid):
            rows = [
                services.RowInput(
                    kpi=form.kpi, entry=form.entry, seen_version=form.cleaned_data["version"]
                )
                for form in editable
            ]
            submit = "submit" in request.POST
            try:
                result = services.save_return(
                    user=request.user, period=period, rows=rows, submit=submit
                )
            except services.ReturnConflict as conflict:
                conflicts = conflict.conflicts
                _show_their_figures(forms, conflict)
            except WorkflowError as problem:
                messages.error(request, str(problem))
            else:
                messages.success(request, _saved_message(result, submit, period))
                return redirect("returns:period", period=str(period))
    return render(
        request,
        "returns/period.html",
        {
            "period": period,
            "rows": [(form, context[form.kpi.pk]) for form in forms],
            "error_links": _error_links(
                form for form in forms if not (form.stored and form.stored.is_locked)
            ),
            "conflicts": conflicts,
            "deadline": deadline(period),
            "year_label": financial_year_label(period.financial_year),
            "awaiting_approval": sum(
                1 for form in forms if form.stored and form.stored.status == Status.SUBMITTED
            ),
            "is_manager": is_manager(request.user),
        },
    )


def _error_links(forms) -> list[tuple[str, str]]:
    """(field id, message) for the error summary, naming the KPI each error belongs to."""
    return [
        (
            form[name].auto_id if name in form.fields else form.add_prefix("value"),
            f"{form.kpi.code}: {message}",
        )
        for form in forms
        if form.is_bound
        for name, errors in form.errors.items()
        for message in errors
    ]


def _show_their_figures(forms: list[ValueForm], conflict: services.ReturnConflict) -> None:
    """After a conflict every form moves onto the stored version, and the rows someone else
    changed show their figures: replacing them means typing yours again, on purpose. What you
    had typed for those rows is listed in the conflict summary."""
    conflicting = {item.kpi.pk for item in conflict.conflicts}
    for form in forms:
        stored = conflict.current.get(form.kpi.pk)
        data = form.data.copy()
        data[form.add_prefix("version")] = str(stored.version if stored else 0)
        if form.kpi.pk in conflicting:
            theirs = ValueForm(kpi=form.kpi, target=form.target, stored=stored).initial
            for name in ("value", "numerator", "denominator", "commentary"):
                data[form.add_prefix(name)] = str(theirs.get(name, ""))
            if theirs.get("provisional"):
                data[form.add_prefix("provisional")] = "on"
            else:
                data.pop(form.add_prefix("provisional"), None)
        form.data = data


def count_of_values(number: int) -> str:
    return f"{number} value{'' if number == 1 else 's'}"


def _saved_message(result: services.SaveResult, submit: bool, period: Period) -> str:
    removed = f" Removed {count_of_values(result.removed)}." if result.removed else ""
    if submit:
        submitted = count_of_values(result.submitted)
        return f"Submitted {submitted} for {period.label} for approval.{removed}"
    saved = result.created + result.updated
    return f"Saved {count_of_values(saved)} for {period.label} as a draft.{removed}"


def live_rag(request: HttpRequest, period: str) -> JsonResponse:
    """The RAG of a value as it is typed, from the same engine as every page."""
    _require_collector(request)
    period = period_or_404(period)
    kpi = get_object_or_404(Kpi, code=request.GET.get("kpi", ""))
    target = Target.objects.filter(kpi=kpi, financial_year=period.financial_year).first()
    typed = {name: request.GET.get(name, "") for name in ("value", "numerator", "denominator")}
    entry, errors = check_entry(
        unit=kpi.unit,
        is_rate=kpi.is_rate,
        polarity=kpi.polarity,
        **typed,
        # Commentary is checked when the form is saved; here only the figure is rated.
        commentary="(checked on save)" if any(typed.values()) else "",
        target=target.target if target else None,
        amber=target.amber_threshold if target else None,
    )
    if entry is None:
        rag = rag_status(None, None, None, kpi.polarity)
        return JsonResponse({"rag": rag.value, "label": rag.label, "valid": not errors})
    return JsonResponse({"rag": entry.rag.value, "label": entry.rag.label, "valid": True})


def revise(request: HttpRequest, period: str, code: str) -> HttpResponse:
    """Change an approved value: a reason is required and a new revision is recorded."""
    period = period_or_404(period)
    value = get_object_or_404(
        KpiValue.objects.select_related("kpi", "approved_by"),
        kpi__code=code,
        period=period.first_day,
    )
    if not can_enter_values(request.user, value.kpi):
        raise PermissionDenied
    if not value.is_locked:
        messages.info(request, f"{code} is not approved yet: change it on the return.")
        return redirect("returns:period", period=str(period))
    target = Target.objects.filter(kpi=value.kpi, financial_year=period.financial_year).first()
    form = RevisionForm(
        request.POST or None, prefix="revise", kpi=value.kpi, target=target, stored=value
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.revise_value(
                user=request.user,
                value=value,
                entry=form.entry,
                reason=form.cleaned_data["reason"],
                seen_version=form.cleaned_data["version"],
            )
        except services.ReturnConflict as conflict:
            current = conflict.conflicts[0].theirs
            form.add_error(
                None,
                f"Someone else changed this value to {plain_number(current.value)} while you "
                "were editing it. Nothing was saved: check it, then save your revision again.",
            )
            data = form.data.copy()
            data[form.add_prefix("version")] = str(current.version)
            form.data = data
        except WorkflowError as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(
                request, f"Revised {code} for {period.label}. It now needs approving again."
            )
            return redirect(value.kpi.get_absolute_url())
    return render(
        request,
        "returns/revise.html",
        {"period": period, "value": value, "form": form, "target": target},
    )


@require_POST
def send_reminders(request: HttpRequest) -> HttpResponse:
    if not is_manager(request.user):
        raise PermissionDenied
    queued = queue_reminders(
        period=current_period(_today()).previous(), today=_today(), by=request.user
    )
    messages.success(request, queued.message)
    return redirect("returns:status")


def import_upload(request: HttpRequest) -> HttpResponse:
    _require_collector(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    problem = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_rows(upload.name, upload.read())
        except FileProblem as error:
            problem = str(error)
        else:
            batch = ImportBatch.objects.create(
                uploaded_by=request.user, file_name=shortened(upload.name), rows=rows
            )
            return redirect("returns:import_preview", pk=batch.pk)
    return render(
        request,
        "returns/import.html",
        {"form": form, "problem": problem, "columns": IMPORT_COLUMNS},
    )


def shortened(file_name: str, limit: int = 100) -> str:
    """A file's name short enough to keep and show, its ending (the type) kept."""
    if len(file_name) <= limit:
        return file_name
    _, dot, ending = file_name.rpartition(".")
    ending = f".{ending}" if dot and len(ending) <= 5 else ""
    return file_name[: limit - len(ending) - 1] + "…" + ending


def import_template(request: HttpRequest, file_format: str) -> HttpResponse:
    """The import columns, with a row to fill in for each of last month's due KPIs."""
    _require_collector(request)
    period = current_period(_today()).previous()
    kpis = Kpi.objects.entered_by(request.user).due_in(period).order_by("code")
    return tabular_response(
        columns=IMPORT_COLUMNS,
        rows=[[kpi.code, str(period), "", "", "", ""] for kpi in kpis],
        filename="kpi-values-template",
        file_format=file_format,
        title="KPI values",
    )


def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Every row with its problems, before anything is written; then the all-or-nothing import;
    then, at the same address, what was imported and the drafts to submit."""
    _require_collector(request)
    batch = get_object_or_404(ImportBatch, pk=pk, uploaded_by=request.user)
    if batch.imported_at:
        if request.method == "POST":  # a second click on "Import": the first did it
            messages.info(request, f"{batch.file_name} has already been imported.")
            return redirect("returns:import_preview", pk=batch.pk)
        return _import_result(request, batch)
    rows = check_rows(batch.rows, user=request.user, today=_today())
    if request.method == "POST":
        try:
            count = services.import_values(user=request.user, batch=batch, rows=rows)
        except services.AlreadyImported as done:
            messages.info(request, str(done))
            return redirect("returns:import_preview", pk=batch.pk)
        except WorkflowError as problem:
            messages.error(request, str(problem))
            return redirect("returns:import_preview", pk=batch.pk)
        drafts = "a draft" if count == 1 else "drafts"
        messages.success(
            request, f"Imported {count_of_values(count)} as {drafts} from {batch.file_name}."
        )
        return redirect("returns:import_preview", pk=batch.pk)
    if not batch.seen_versions:
        batch.seen_versions = {str(r.replaces.pk): r.replaces.version for r in rows if r.replaces}
        batch.save(update_fields=["seen_versions"])
    bad = [row for row in rows if not row.ok]
    unchanged = sum(1 for row in rows if row.ok and row.unchanged)
    return render(
        request,
        "returns/import_preview.html",
        {
            "batch": batch,
            "rows": rows,
            "bad": bad,
            "to_import": len(rows) - len(bad) - unchanged,
            "unchanged": unchanged,
            "upload_url": reverse("returns:import"),
            "Status": Status,
        },
        status=400 if bad else 200,
    )


def _import_result(request: HttpRequest, batch: ImportBatch) -> HttpResponse:
    values = list(
        KpiValue.objects.filter(pk__in=batch.imported_values)
        .select_related("kpi")
        .order_by("kpi__code", "period")
    )
    to_submit = [
        value
        for value in values
        if value.status == Status.DRAFT and can_enter_values(request.user, value.kpi)
    ]
    return render(
        request,
        "returns/import_result.html",
        {"batch": batch, "values": values, "to_submit": to_submit},
    )


@require_POST
def import_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit the drafts an import wrote, as the result page showed them."""
    _require_collector(request)
    batch = get_object_or_404(
        ImportBatch, pk=pk, uploaded_by=request.user, imported_at__isnull=False
    )
    seen = {
        int(pk): int(version)
        for pk, _, version in (item.partition(":") for item in request.POST.getlist("value"))
        if pk.isascii()
        and pk.isdigit()
        and version.isascii()
        and version.isdigit()
        and int(pk) in batch.imported_values
    }
    if not seen:
        messages.error(request, "Nothing left to submit from this import")
    else:
        try:
            submitted = services.submit_values(
                user=request.user, seen=seen, reason=f"Submitted after importing {batch.file_name}"
            )
        except WorkflowError as problem:
            messages.error(request, str(problem))
        else:
            messages.success(request, f"Submitted {count_of_values(len(submitted))} for approval.")
    return redirect("returns:import_preview", pk=batch.pk)
