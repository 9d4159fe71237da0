"""Background jobs: reminding KPI owners whose monthly returns are missing."""

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse

from kpis.models import Kpi, KpiValue
from kpis.periods import Period
from returns.collection import deadline

logger = logging.getLogger(__name__)


def owners_with_missing_returns(period: Period) -> dict:
    """Owner -> the KPIs due in the period that have no submitted or approved value."""
    reported = KpiValue.objects.reported().for_period(period).values("kpi_id")
    kpis = (
        Kpi.objects.due_in(period)
        .filter(owner__isnull=False)
        .exclude(pk__in=reported)
        .select_related("owner")
        .order_by("code")
    )
    missing = defaultdict(list)
    for kpi in kpis:
        if kpi.owner.email:
            missing[kpi.owner].append(kpi)
        else:
            logger.warning(
                "No reminder for %s: its owner %s has no email address", kpi.code, kpi.owner
            )
    return missing


@task
def send_return_reminders(on: str) -> int:
    """Email each owner the KPIs still missing from last month's return. Returns emails sent."""
    period = Period.from_date(datetime.date.fromisoformat(on)).previous()
    due_by = deadline(period)
    link = settings.SITE_URL.rstrip("/") + reverse("returns:period", args=[str(period)])
    sent = 0
    for owner, kpis in owners_with_missing_returns(period).items():
        lines = "\n".join(f"- {kpi.code}: {kpi.title}" for kpi in kpis)
        values = "value" if len(kpis) == 1 else "values"
        send_mail(
            subject=f"Monthly return for {period.label}: {len(kpis)} {values} not yet submitted",
            message=(
                f"Dear {owner.get_full_name() or owner.username},\n\n"
                f"These KPIs have no value submitted for {period.label} yet (a draft does not "
                f"count until it is submitted):\n\n{lines}\n\n"
                f"The return is due by {due_by:%A %-d %B %Y}. Enter the values at {link}\n"
            ),
            from_email=None,
            recipient_list=[owner.email],
        )
        sent += 1
    return sent
