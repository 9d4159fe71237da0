"""Writes to KPI values: saving a return, approving, revising an approved value, importing.

Every write keeps the audit trail (django-simple-history) with who, when and why, and saves a
whole return in a fixed number of queries whatever its size.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from kpis.models import Kpi, KpiValue
from kpis.periods import Period
from kpis.permissions import is_manager
from kpis.validation import Entry

ENTRY_FIELDS = ["value", "numerator", "denominator", "commentary", "provisional"]
SAVED_FIELDS = [
    *ENTRY_FIELDS,
    "status",
    "entered_by",
    "submitted_by",
    "submitted_at",
    "version",
    "updated_at",
]


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


class NotAllowed(Exception):
    """The person may not make this change; the message says why."""


@dataclass
class SaveResult:
    created: int = 0
    updated: int = 0
    submitted: int = 0
    removed: int = 0
    unchanged: list[str] = field(default_factory=list)


def _same(value: KpiValue, entry: Entry) -> bool:
    return all(getattr(value, name) == getattr(entry, name) for name in ENTRY_FIELDS)


def _apply(value: KpiValue, entry: Entry) -> None:
    for name in ENTRY_FIELDS:
        setattr(value, name, getattr(entry, name))


@transaction.atomic
def save_return(
    *, user: AbstractBaseUser, period: Period, rows: list[RowInput], submit: bool
) -> SaveResult:
    """Save a month's return as draft, or submit it for approval.

    All or nothing: if anyone saved one of these values since the form was opened, nothing is
    saved and ReturnConflict lists both versions. Approved values are never changed here.
    """
    now = timezone.now()
    current = {
        value.kpi_id: value
        for value in KpiValue.objects.select_for_update().filter(
            kpi__in=[row.kpi for row in rows], period=period.first_day
        )
    }
    conflicts = []
    for row in rows:
        stored = current.get(row.kpi.pk)
        if (stored.version if stored else 0) != row.seen_version:
            conflicts.append(Conflict(kpi=row.kpi, theirs=stored, yours=row.entry))
        elif stored and stored.is_locked and row.entry and not _same(stored, row.entry):
            raise NotAllowed(
                f"{row.kpi.code} for {period.label} is approved: revise it with a reason instead"
            )
    if conflicts:
        raise ReturnConflict(conflicts, current)

    result = SaveResult()
    to_create: list[KpiValue] = []
    to_update: list[KpiValue] = []
    for row in rows:
        stored = current.get(row.kpi.pk)
        if stored is None:
            if row.entry is None:
                continue
            value = KpiValue(kpi=row.kpi, period=period.first_day, entered_by=user, version=1)
            _apply(value, row.entry)
            if submit:
                value.status, value.submitted_by, value.submitted_at = "submitted", user, now
                result.submitted += 1
            to_create.append(value)
            continue
        if stored.is_locked:
            continue
        if row.entry is None:
            # The form showed the stored figure; every box cleared means "remove it". The
            # history keeps the removed value and who removed it.
            stored._change_reason = "Removed on the monthly return"
            stored.delete()
            result.removed += 1
            continue
        changed = not _same(stored, row.entry)
        # Submitting releases your own drafts and what you changed, never someone else's
        # unfinished draft that happens to be on the same page.
        submitting = (
            submit
            and stored.status == KpiValue.Status.DRAFT
            and (changed or stored.entered_by_id == user.pk)
        )
        if not changed and not submitting:
            result.unchanged.append(row.kpi.code)
            continue
        if changed:
            _apply(stored, row.entry)
            stored.entered_by = user
            if not submit:
                stored.status = KpiValue.Status.DRAFT
        if submitting or (submit and changed):
            stored.status, stored.submitted_by, stored.submitted_at = "submitted", user, now
            result.submitted += 1
        stored.version += 1
        stored.updated_at = now
        to_update.append(stored)

    reason = "Submitted on the monthly return" if submit else "Saved as draft on the monthly return"
    if to_create:
        bulk_create_with_history(
            to_create, KpiValue, default_user=user, default_change_reason=reason
        )
    if to_update:
        bulk_update_with_history(
            to_update, KpiValue, SAVED_FIELDS, default_user=user, default_change_reason=reason
        )
    result.created, result.updated = len(to_create), len(to_update)
    return result


def approval_problem(user: AbstractBaseUser, value: KpiValue) -> str | None:
    """Why this person may not approve this value, or None when they may."""
    if not is_manager(user):
        return "Only a manager can approve values"
    if value.status != KpiValue.Status.SUBMITTED:
        return f"{value.kpi.code} is {value.get_status_display().lower()}, not submitted"
    if user.pk in (value.submitted_by_id, value.entered_by_id):
        return f"You entered or submitted {value.kpi.code}, so a different manager must approve it"
    return None


@transaction.atomic
def approve_values(
    *, user: AbstractBaseUser, period: Period, seen: dict[int, int]
) -> list[KpiValue]:
    """Approve submitted values of a period, exactly as the manager saw them.

    `seen` maps each value's id to the version shown on the approval page. All or nothing:
    raises NotAllowed naming the first problem, including a value changed since it was shown.
    """
    values = list(
        KpiValue.objects.select_for_update()
        .select_related("kpi")
        .filter(pk__in=seen, period=period.first_day)
        .order_by("kpi__code")
    )
    if len(values) != len(seen):
        raise NotAllowed("Some of these values are not in this period any more: reload the page")
    now = timezone.now()
    for value in values:
        if value.version != seen[value.pk]:
            raise NotAllowed(
                f"{value.kpi.code} has changed since you opened this page: check the new "
                "figure before approving it"
            )
        problem = approval_problem(user, value)
        if problem:
            raise NotAllowed(problem)
        value.status, value.approved_by, value.approved_at = "approved", user, now
        value.version += 1
        value.updated_at = now
    bulk_update_with_history(
        values,
        KpiValue,
        ["status", "approved_by", "approved_at", "version", "updated_at"],
        default_user=user,
        default_change_reason="Approved",
    )
    return values


@transaction.atomic
def revise_value(
    *, user: AbstractBaseUser, value: KpiValue, entry: Entry, reason: str, seen_version: int
) -> KpiValue:
    """Change an approved value: needs a reason, makes a new revision, goes back for approval."""
    stored = KpiValue.objects.select_for_update().get(pk=value.pk)
    if stored.version != seen_version:
        raise ReturnConflict([Conflict(kpi=value.kpi, theirs=stored, yours=entry)], {})
    if not stored.is_locked:
        raise NotAllowed("Only approved values are revised; change this one on the return")
    if not reason.strip():
        raise NotAllowed("Give the reason for the change")
    _apply(stored, entry)
    stored.revision += 1
    stored.status = KpiValue.Status.SUBMITTED
    stored.entered_by = stored.submitted_by = user
    stored.submitted_at = timezone.now()
    stored.approved_by = stored.approved_at = None
    stored.version += 1
    stored._change_reason = reason.strip()
    stored.save(update_fields=[*SAVED_FIELDS, "revision", "approved_by", "approved_at"])
    return stored


@transaction.atomic
def import_values(*, user: AbstractBaseUser, batch, rows: list) -> int:
    """Write a checked file as draft values: all rows or none.

    `rows` are the batch's rows checked again just now; a value the preview said it would
    replace must not have changed since, or nothing is written.
    """
    problems = [row for row in rows if not row.ok]
    if problems:
        raise NotAllowed(f"Nothing was imported: {len(problems)} row(s) have problems")
    rows = [row for row in rows if not row.unchanged]
    if not rows:
        raise NotAllowed("Nothing to import: every row matches the values already stored")
    moved = [
        row.kpi.code
        for row in rows
        if row.replaces and batch.seen_versions.get(str(row.replaces.pk)) != row.replaces.version
    ]
    if moved:
        raise NotAllowed(
            "Nothing was imported: someone changed "
            + ", ".join(sorted(set(moved)))
            + " after the preview. Upload the file again to see the current values."
        )
    now = timezone.now()
    to_create, to_update = [], []
    for row in rows:
        if row.replaces:
            value = row.replaces
            _apply(value, row.entry)
            value.status, value.entered_by = KpiValue.Status.DRAFT, user
            value.submitted_by = value.submitted_at = None
            value.version += 1
            value.updated_at = now
            to_update.append(value)
        else:
            value = KpiValue(kpi=row.kpi, period=row.period.first_day, entered_by=user)
            _apply(value, row.entry)
            to_create.append(value)
    reason = f"Imported from {batch.file_name}"
    if to_create:
        bulk_create_with_history(
            to_create, KpiValue, default_user=user, default_change_reason=reason
        )
    if to_update:
        bulk_update_with_history(
            to_update, KpiValue, SAVED_FIELDS, default_user=user, default_change_reason=reason
        )
    batch.imported_at, batch.imported_count = now, len(rows)
    batch.save(update_fields=["imported_at", "imported_count"])
    return len(rows)
