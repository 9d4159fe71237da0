"""Writes to KPI values in batches: a month's return, an approval, an import.

The rules of each move (who may, from which state, what the history says) live on KpiValue
(kpis.models); these functions lock the rows, check that nobody changed them since the page was
opened, make the moves, and save the batch in one transaction and a fixed number of queries.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from kpis.choices import Status
from kpis.formatting import kpi_value
from kpis.models import Kpi, KpiValue, StaleValue, WorkflowError
from kpis.periods import Period
from kpis.validation import Entry
from returns.models import ImportBatch

logger = logging.getLogger(__name__)


@dataclass
class RowInput:
    """What the return form sent for one KPI: the checked entry (None when left blank) and the
    version of the stored value the person was looking at (0 when there was none)."""

    kpi: Kpi
    entry: Entry | None
    seen_version: int


@dataclass
class Conflict:
    kpi: Kpi
    theirs: KpiValue | None
    yours: Entry | None


class ReturnConflict(Exception):
    """Someone else saved some of these values after the form was opened; nothing was saved."""

    def __init__(self, conflicts: list[Conflict], current: dict[int, KpiValue]):
        super().__init__(f"{len(conflicts)} value(s) changed by someone else")
        self.conflicts = conflicts
        self.current = current


@dataclass
class SaveResult:
    created: int = 0
    updated: int = 0
    submitted: int = 0
    removed: int = 0
    unchanged: list[str] = field(default_factory=list)


def _already_done(stored: KpiValue | None, row: RowInput, user, submit: bool) -> bool:
    """This person already saved exactly this (a second click on Save, or the browser sending
    the form again): the stored value is what the row asks for, put there by them."""
    if stored is None:
        return row.entry is None
    if row.entry is None or not stored.same_as(row.entry):
        return False
    if submit:
        return stored.status == Status.SUBMITTED and stored.submitted_by_id == user.pk
    return stored.status == Status.DRAFT and stored.entered_by_id == user.pk


@transaction.atomic
def save_return(
    *,
    user: AbstractBaseUser,
    period: Period,
    rows: list[RowInput],
    submit: bool,
    checking_again: bool = False,
) -> SaveResult:
    """Save a month's return as draft, or submit it for approval.

    All or nothing: if anyone saved one of these values since the form was opened, nothing is
    saved and ReturnConflict lists both versions, unless it was this person saving the same
    figures a moment ago (a double click), which is answered as the first save was. Approved
    values are never changed here.
    """
    current = {
        value.kpi_id: value
        for value in KpiValue.objects.select_for_update(of=("self",))
        .select_related("kpi")
        .filter(kpi__in=[row.kpi for row in rows], period=period.first_day)
    }
    result, moved, removed = SaveResult(), [], []
    changed_since = [
        row
        for row in rows
        if (current[row.kpi.pk].version if row.kpi.pk in current else 0) != row.seen_version
    ]
    conflicts = [
        Conflict(kpi=row.kpi, theirs=current.get(row.kpi.pk), yours=row.entry)
        for row in changed_since
        if not _already_done(current.get(row.kpi.pk), row, user, submit)
    ]
    if conflicts:
        raise ReturnConflict(conflicts, current)
    asked = rows
    for row in changed_since:
        result.updated += row.entry is not None
        result.submitted += submit and row.entry is not None
        result.removed += row.entry is None
    rows = [row for row in rows if row not in changed_since]

    reason = "Submitted on the monthly return" if submit else "Saved as draft on the monthly return"
    for row in rows:
        stored = current.get(row.kpi.pk)
        if stored is None:
            if row.entry is None:
                continue
            value = KpiValue.start(
                kpi=row.kpi, period=period, by=user, entry=row.entry, reason=reason
            )
            result.created += 1
        elif row.entry is None:
            # The form showed the stored figure; every box cleared means "remove it". The
            # history keeps the removed value and who removed it.
            stored.remove(by=user, reason="Removed on the monthly return")
            removed.append(stored)
            continue
        else:
            value = stored
            changed = not stored.same_as(row.entry)
            # Submitting releases your own drafts and what you changed, never someone else's
            # unfinished draft that happens to be on the same page.
            submitting = submit and (
                changed or (stored.status == Status.DRAFT and stored.entered_by_id == user.pk)
            )
            if not submitting and not changed:
                result.unchanged.append(row.kpi.code)
                continue
            if changed:
                # An approved value refuses this, naming the KPI: revise it with a reason.
                stored.record(by=user, entry=row.entry, reason=reason)
            result.updated += 1
        if submit:
            value.submit(by=user, reason=reason)
            result.submitted += 1
        moved.append(value)
    for value in removed:
        value.delete()
    try:
        with transaction.atomic():
            KpiValue.objects.save_moves(moved)
    except IntegrityError:
        # A value was created by another request since this one looked (two people at once,
        # or a double click): look again, which finds either a conflict or the same save.
        if checking_again:
            raise
        return save_return(user=user, period=period, rows=asked, submit=submit, checking_again=True)
    result.removed += len(removed)
    return result


def _locked(seen: dict[int, int]) -> list[KpiValue]:
    values = list(
        KpiValue.objects.select_for_update(of=("self",))
        .select_related("kpi", "kpi__owner", "submitted_by")
        .filter(pk__in=seen)
        .order_by("period", "kpi__code")
    )
    if len(values) != len(seen):
        raise WorkflowError("Some of these values are not waiting any more: reload the page")
    return values


@transaction.atomic
def approve_values(*, user: AbstractBaseUser, seen: dict[int, int]) -> list[KpiValue]:
    """Approve submitted values exactly as the manager saw them.

    `seen` maps each value's id to the version shown on the approval page. All or nothing:
    raises WorkflowError naming the first problem, including a value changed since it was
    shown.
    """
    values = _locked(seen)
    for value in values:
        value.approve(by=user, seen_version=seen[value.pk])
    KpiValue.objects.save_moves(values)
    return values


@transaction.atomic
def send_back_values(
    *, user: AbstractBaseUser, seen: dict[int, int], reason: str
) -> list[KpiValue]:
    """Return submitted values to draft for their owners to correct, with the reason; the
    owner and whoever submitted each are emailed once the change is saved. All or nothing."""
    values = _locked(seen)
    told = {value.pk: {value.kpi.owner, value.submitted_by} - {None} for value in values}
    for value in values:
        value.send_back(by=user, reason=reason, seen_version=seen[value.pk])
    KpiValue.objects.save_moves(values)
    transaction.on_commit(lambda: _tell_sent_back(values, told, user))
    return values


def _tell_sent_back(values: list[KpiValue], told: dict, by: AbstractBaseUser) -> None:
    by_person: dict = {}
    for value in values:
        for person in told[value.pk]:
            if person.email:
                by_person.setdefault(person, []).append(value)
    manager = by.get_full_name() or by.username
    for person, theirs in by_person.items():
        lines = "\n".join(
            f"- {value.kpi.code} for {value.period_obj.label}: {value.sent_back_reason}"
            for value in theirs
        )
        link = settings.SITE_URL.rstrip("/") + reverse(
            "returns:period", args=[str(theirs[0].period_obj)]
        )
        try:
            _mail_sent_back(person, theirs, manager, lines, link)
        except Exception as error:  # the values are sent back; the return page says why
            logger.warning("Could not email %s about values sent back: %s", person, error)


def _mail_sent_back(person, theirs, manager: str, lines: str, link: str) -> None:
    send_mail(
        subject=f"{len(theirs)} value{'s' if len(theirs) > 1 else ''} sent back by {manager}",
        message=(
            f"Dear {person.get_full_name() or person.username},\n\n"
            f"{manager} sent these values back to draft, with the reason:\n\n{lines}\n\n"
            f"Correct them and submit them again at {link}\n"
        ),
        from_email=None,
        recipient_list=[person.email],
    )


@transaction.atomic
def revise_value(
    *, user: AbstractBaseUser, value: KpiValue, entry: Entry, reason: str, seen_version: int
) -> KpiValue:
    """Change an approved value: needs a reason, makes a new revision, goes back for approval."""
    stored = KpiValue.objects.select_for_update(of=("self",)).select_related("kpi").get(pk=value.pk)
    try:
        stored.revise(by=user, entry=entry, reason=reason, seen_version=seen_version)
    except StaleValue:
        raise ReturnConflict([Conflict(kpi=value.kpi, theirs=stored, yours=entry)], {}) from None
    stored.save_move()
    return stored


class AlreadyImported(WorkflowError):
    """The batch was imported by an earlier request (a second click on Import)."""


def _both(kpi, period: Period, theirs: KpiValue, yours) -> str:
    now, file = kpi_value(theirs.value, kpi.unit), kpi_value(yours.value, kpi.unit)
    return f"{kpi.code} for {period.label} since the preview (now {now}, your file {file})"


@transaction.atomic
def import_values(*, user: AbstractBaseUser, batch: ImportBatch, rows: list) -> int:
    """Write a checked file as draft values: all rows or none.

    `rows` are the batch's rows checked again just now. The batch is locked, so a second click
    on Import waits for the first and is then told it is done; a value the preview said it
    would replace must not have changed since, and no value may have appeared where the
    preview showed none, or nothing is written and the message gives both figures.
    """
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.imported_at:
        raise AlreadyImported(f"{batch.file_name} has already been imported.")
    problems = [row for row in rows if not row.ok]
    if problems:
        raise WorkflowError(f"Nothing was imported: {len(problems)} row(s) have problems")
    rows = [row for row in rows if not row.unchanged]
    if not rows:
        raise WorkflowError("Nothing to import: every row matches the values already stored")
    locked = {
        value.pk: value
        for value in KpiValue.objects.select_for_update(of=("self",))
        .select_related("kpi")
        .filter(pk__in=[row.replaces.pk for row in rows if row.replaces])
    }
    moved = []
    for row in rows:
        if row.replaces:
            seen = batch.seen_versions.get(str(row.replaces.pk))
            current = locked[row.replaces.pk]
            if seen != current.version:
                verb = "changed" if seen is not None else "saved"
                moved.append(f"someone {verb} " + _both(row.kpi, row.period, current, row.entry))
    if moved:
        raise WorkflowError(
            "Nothing was imported: " + "; ".join(moved) + ". Upload the file again to see the "
            "current values."
        )
    reason = f"Imported from {batch.file_name}"
    values = []
    for row in rows:
        if row.replaces:
            value = locked[row.replaces.pk]
            value.record(by=user, entry=row.entry, reason=reason)
        else:
            value = KpiValue.start(
                kpi=row.kpi, period=row.period, by=user, entry=row.entry, reason=reason
            )
        values.append(value)
    try:
        with transaction.atomic():
            KpiValue.objects.save_moves(values)
    except IntegrityError:
        # A value this file creates was saved by someone else since the check.
        raise WorkflowError("Nothing was imported: " + _saved_meanwhile(rows)) from None
    batch.imported_at, batch.imported_count = timezone.now(), len(rows)
    batch.imported_values = [value.pk for value in values]
    batch.save(update_fields=["imported_at", "imported_count", "imported_values"])
    return len(rows)


def _saved_meanwhile(rows: list) -> str:
    new = {(row.kpi.pk, row.period.first_day): row for row in rows if not row.replaces}
    found = KpiValue.objects.filter(
        kpi__in={kpi for kpi, _ in new}, period__in={day for _, day in new}
    ).select_related("kpi")
    clashes = [
        "someone saved " + _both(value.kpi, value.period_obj, value, new[key].entry)
        for value in found
        if (key := (value.kpi_id, value.period)) in new
    ]
    return "; ".join(clashes or ["someone saved some of these values since the preview"]) + (
        ". Upload the file again to see the current values."
    )


@transaction.atomic
def submit_values(*, user: AbstractBaseUser, seen: dict[int, int], reason: str) -> list[KpiValue]:
    """Submit drafts for approval exactly as the person saw them (id -> version shown). All or
    nothing: a value changed since, or not a draft any more, is named in the WorkflowError."""
    values = list(
        KpiValue.objects.select_for_update(of=("self",))
        .select_related("kpi")
        .filter(pk__in=seen)
        .order_by("kpi__code", "period")
    )
    for value in values:
        if value.version != seen[value.pk]:
            raise WorkflowError(
                f"{value.kpi.code} for {value.period_obj.label} has changed since the import: "
                "check it on the return, then submit it there"
            )
        value.submit(by=user, reason=reason)
    KpiValue.objects.save_moves(values)
    return values
