from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from kpis.choices import KpiStatus
from kpis.models import Benchmark, Kpi, Target
from kpis.periods import Period


@transaction.atomic
def change_status(*, kpi: Kpi, status: KpiStatus | str, user: AbstractBaseUser | None) -> Kpi:
    """Move a KPI along its lifecycle (proposed, agreed, live, retired), recording who and when.

    Does nothing when the status is unchanged, so the 'changed' stamp keeps its meaning.
    """
    if kpi.status == status:
        return kpi
    kpi.status = status
    kpi.status_changed_at = timezone.now()
    kpi.status_changed_by = user
    kpi.save(update_fields=["status", "status_changed_at", "status_changed_by", "updated_at"])
    return kpi


@transaction.atomic
def set_target(
    *,
    kpi: Kpi,
    financial_year: int,
    target: Decimal,
    amber_threshold: Decimal | None,
    note: str,
    user: AbstractBaseUser,
) -> Target:
    """Set a KPI's target for a financial year. A changed target keeps its old value in the
    history; values are always rated against the target of their own year."""
    row = Target.objects.filter(kpi=kpi, financial_year=financial_year).first()
    existing = row is not None
    row = row or Target(kpi=kpi, financial_year=financial_year)
    row.target, row.amber_threshold, row.note = target, amber_threshold, note
    row.set_by, row.set_at, row.is_demo = user, timezone.now(), False
    # The note, if given, is the reason the audit trail shows.
    done = "Target changed" if existing else "Target set"
    row._change_reason = f"{done}: {note.strip()}" if note.strip() else done
    fields = ["target", "amber_threshold", "note", "set_by", "set_at", "is_demo"]
    row.save(update_fields=fields if existing else None)
    return row


@transaction.atomic
def record_benchmark(
    *,
    kpi: Kpi,
    period: Period,
    comparator: str,
    value: Decimal,
    source: str,
    year_label: str,
    user: AbstractBaseUser,
) -> tuple[Benchmark, bool]:
    """Add or replace a comparator value. Returns the row and whether it replaced another."""
    row = Benchmark.objects.filter(kpi=kpi, period=period.first_day, comparator=comparator).first()
    replaced = row is not None
    row = row or Benchmark(kpi=kpi, period=period.first_day, comparator=comparator)
    row.value, row.source, row.year_label = value, source, year_label
    row.entered_by, row.is_demo = user, False
    fields = ["value", "source", "year_label", "entered_by", "is_demo", "entered_at"]
    row.save(update_fields=fields if replaced else None)
    return row, replaced
