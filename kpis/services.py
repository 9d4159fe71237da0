from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from kpis.models import Kpi, KpiStatus


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
