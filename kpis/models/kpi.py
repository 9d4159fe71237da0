"""KPIs: their definitions and lifecycle, what is due when, and the latest values."""

import datetime
import functools

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from kpis.choices import REPORTED, Frequency, KpiStatus, Polarity, Status, Unit
from kpis.models.common import REASON, financial_year_expression
from kpis.models.targets import Target
from kpis.models.values import KpiValue
from kpis.periods import (
    DEFAULT_ANNUAL_MONTH,
    Period,
    frequencies_due_every_year_in,
)
from kpis.permissions import is_manager, is_officer
from kpis.rag import Rag, rag_status


def due_condition(period: Period) -> models.Q:
    """The one definition of "due": the live KPIs with a value to report for this period.

    A KPI is due when its frequency has a period ending in this month (periods.DUE_MONTHS,
    or an annual KPI's own due month) and it went live before the period ended. KPIs loaded as
    live from the source documents have no recorded date and are due in every period.
    """
    annual = models.Q(frequency=Frequency.ANNUAL, due_month=period.month)
    if period.month == DEFAULT_ANNUAL_MONTH:
        annual |= models.Q(frequency=Frequency.ANNUAL, due_month__isnull=True)
    period_end = timezone.make_aware(
        datetime.datetime.combine(period.next().first_day, datetime.time.min)
    )
    return (
        models.Q(status=KpiStatus.LIVE)
        & (models.Q(frequency__in=frequencies_due_every_year_in(period.month)) | annual)
        & (models.Q(status_changed_at__isnull=True) | models.Q(status_changed_at__lt=period_end))
    )


class KpiQuerySet(models.QuerySet):
    def proposed(self) -> "KpiQuerySet":
        return self.filter(status=KpiStatus.PROPOSED)

    def live(self) -> "KpiQuerySet":
        return self.filter(status=KpiStatus.LIVE)

    def due_in(self, period: Period) -> "KpiQuerySet":
        """The live KPIs with a value due for this period (see due_condition)."""
        return self.filter(due_condition(period))

    def due_ids(self, periods: list[Period]) -> dict[Period, set[int]]:
        """For each period, the ids of these KPIs due in it, in one query (see due_condition)."""
        periods = sorted(set(periods))
        if not periods:
            return {}
        flags = {
            f"due_{index}": models.ExpressionWrapper(
                due_condition(period), output_field=models.BooleanField()
            )
            for index, period in enumerate(periods)
        }
        due: dict[Period, set[int]] = {period: set() for period in periods}
        for pk, *answers in self.annotate(**flags).values_list("pk", *flags):
            for period, answer in zip(periods, answers, strict=True):
                if answer:
                    due[period].add(pk)
        return due

    def entered_by(self, user: AbstractBaseUser) -> "KpiQuerySet":
        """The live KPIs whose values this person enters: every one for a manager, their own
        for a performance officer, none for anyone else."""
        live = self.live().select_related("owner")
        if is_manager(user):
            return live
        if is_officer(user):
            return live.filter(owner=user)
        return live.none()

    def with_latest(
        self, *, statuses: tuple[Status, ...] = REPORTED, as_at: Period | None = None
    ) -> "KpiQuerySet":
        """Annotate each KPI's latest value (of these statuses, up to `as_at` when given) and
        the target of that value's financial year."""
        shown = KpiValue.objects.filter(kpi=models.OuterRef("pk"), status__in=statuses)
        if as_at is not None:
            shown = shown.filter(period__lte=as_at.first_day)
        shown = shown.order_by("-period")
        latest = self.annotate(
            latest_period=models.Subquery(shown.values("period")[:1]),
            latest_value=models.Subquery(shown.values("value")[:1]),
            latest_status=models.Subquery(shown.values("status")[:1]),
            latest_is_demo=models.Subquery(shown.values("is_demo")[:1]),
            latest_fy=financial_year_expression("latest_period"),
        )
        targets = Target.objects.filter(
            kpi=models.OuterRef("pk"), financial_year=models.OuterRef("latest_fy")
        )
        return latest.annotate(
            latest_target=models.Subquery(targets.values("target")[:1]),
            latest_amber=models.Subquery(targets.values("amber_threshold")[:1]),
        )

    def search(self, text: str) -> "KpiQuerySet":
        return self.filter(
            models.Q(code__icontains=text)
            | models.Q(title__icontains=text)
            | models.Q(definition__icontains=text)
        )


@functools.cache
def kpi_url(code: str) -> str:
    # Long pages link to the same KPIs many times; reversing a URL is slow enough to show.
    return reverse("kpis:detail", args=[code])


kpi_code_validator = RegexValidator(
    r"^[A-Z0-9]+(-[A-Z0-9]+)*$",
    "Use capital letters, digits and single hyphens, for example WF-TURNOVER.",
)


class Kpi(models.Model):
    code = models.CharField(
        max_length=32,
        unique=True,
        validators=[kpi_code_validator],
        help_text="Short stable code used in links and imports, for example WF-TURNOVER. "
        "Do not change it once values have been entered.",
    )
    title = models.CharField(max_length=300)
    definition = models.TextField(blank=True, help_text="What is counted and how.")
    exclusions = models.TextField(blank=True, help_text="What is left out of the count.")
    unit = models.CharField(max_length=16, choices=Unit.choices, default=Unit.PERCENT)
    is_rate = models.BooleanField(
        "numerator and denominator",
        default=False,
        help_text="The value is worked out from a numerator and a denominator "
        "(for example 'Number & % of children ...').",
    )
    polarity = models.CharField(max_length=16, choices=Polarity.choices, default=Polarity.HIGHER)
    frequency = models.CharField(
        max_length=16, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    due_month = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="For annual KPIs: the month the value is due (1-12). Blank: March, the end "
        "of the financial year.",
    )
    status = models.CharField(
        "lifecycle status", max_length=16, choices=KpiStatus.choices, default=KpiStatus.PROPOSED
    )
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_kpis",
        help_text="The officer responsible for collecting and explaining the figures.",
    )
    data_source = models.CharField(
        max_length=200, blank=True, help_text="For example: SSDA903 return, local case system."
    )
    source_text = models.TextField(
        blank=True, help_text="The words of the source document that name this KPI."
    )
    note = models.TextField(
        blank=True, help_text="How the source was read, and anything else worth knowing."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = KpiQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"], history_change_reason_field=REASON)

    class Meta:
        ordering = ["code"]
        verbose_name = "KPI"
        verbose_name_plural = "KPIs"

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"

    def get_absolute_url(self) -> str:
        return kpi_url(self.code)

    @property
    def latest_rag(self) -> Rag:
        """RAG of the latest reported value; needs KpiQuerySet.with_latest()."""
        return rag_status(self.latest_value, self.latest_target, self.latest_amber, self.polarity)

    @property
    def latest_awaits_approval(self) -> bool:
        """The latest value shown is submitted, not yet approved; needs with_latest()."""
        return self.latest_status == Status.SUBMITTED

    @property
    def latest_period_obj(self) -> Period | None:
        return Period.from_date(self.latest_period) if self.latest_period else None
