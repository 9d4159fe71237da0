import datetime
import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import ExtractYear
from django.urls import reverse
from simple_history.models import HistoricalRecords

from kpis.periods import Period, financial_year_label
from kpis.rag import Rag, amber_threshold_error, rag_status


class Unit(models.TextChoices):
    PERCENT = "percent", "Percentage"
    COUNT = "count", "Count"
    DAYS = "days", "Days"
    NUMBER = "number", "Number"


class Polarity(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"
    NONE = "none", "No polarity"


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    TERMLY = "termly", "Termly"
    TWICE_YEARLY = "twice-yearly", "Twice a year"
    ANNUAL = "annual", "Annual"


class KpiStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    AGREED = "agreed", "Agreed"
    LIVE = "live", "Live"
    RETIRED = "retired", "Retired"


def receiving_boards(queryset: models.QuerySet) -> list[tuple[str, str]]:
    """(slug, short name) of the boards with a reporting line for any row of the queryset.

    For querysets of models that boards.ReportingLine points at (related name
    "reporting_lines"): this app never imports boards, it follows the relation boards declares.
    """
    return list(
        queryset.filter(reporting_lines__isnull=False)
        .values_list("reporting_lines__board__slug", "reporting_lines__board__short_name")
        .order_by()
        .distinct()
    )


class KpiQuerySet(models.QuerySet):
    def with_owner(self) -> "KpiQuerySet":
        return self.select_related("owner")

    def proposed(self) -> "KpiQuerySet":
        return self.filter(status=KpiStatus.PROPOSED)

    def live(self) -> "KpiQuerySet":
        return self.filter(status=KpiStatus.LIVE)

    def without_reporting_lines(self) -> "KpiQuerySet":
        # `reporting_lines` is the reverse side of boards.ReportingLine.kpi: this app never
        # imports boards, it only follows the relation boards declares.
        return self.filter(reporting_lines__isnull=True).exclude(status=KpiStatus.RETIRED)

    def receiving_boards(self) -> list[tuple[str, str]]:
        """(slug, short name) of the boards that receive any of these KPIs."""
        return receiving_boards(self)

    def evidenced_areas(self) -> list[tuple[str, str]]:
        """The Annex A areas of the findings these KPIs evidence (through findings' mapping)."""
        areas = (
            self.filter(finding_links__isnull=False)
            .values_list("finding_links__finding__area", flat=True)
            .order_by("finding_links__finding__order")
        )
        return [(area, area) for area in dict.fromkeys(areas)]

    def evidenced_judgement_areas(self) -> list[tuple[str, str]]:
        rows = (
            self.filter(finding_links__finding__judgement_area__isnull=False)
            .values_list(
                "finding_links__finding__judgement_area",
                "finding_links__finding__judgement_area__name",
            )
            .order_by("finding_links__finding__judgement_area__order")
        )
        return [(str(pk), name) for pk, name in dict.fromkeys(rows)]

    def with_latest(self) -> "KpiQuerySet":
        """Annotate the latest reported (submitted or approved) value and its year's target."""
        reported = KpiValue.objects.reported().filter(kpi=models.OuterRef("pk")).order_by("-period")
        latest = self.annotate(
            latest_period=models.Subquery(reported.values("period")[:1]),
            latest_value=models.Subquery(reported.values("value")[:1]),
            latest_status=models.Subquery(reported.values("status")[:1]),
            latest_provisional=models.Subquery(reported.values("provisional")[:1]),
            latest_revision=models.Subquery(reported.values("revision")[:1]),
            latest_is_demo=models.Subquery(reported.values("is_demo")[:1]),
            latest_fy=financial_year_expression("latest_period"),
        )
        targets = Target.objects.filter(
            kpi=models.OuterRef("pk"), financial_year=models.OuterRef("latest_fy")
        )
        return latest.annotate(
            latest_target=models.Subquery(targets.values("target")[:1]),
            latest_amber=models.Subquery(targets.values("amber_threshold")[:1]),
        )

    def for_catalogue(self) -> "KpiQuerySet":
        return self.select_related("owner").prefetch_related("reporting_lines__board")

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
    history = HistoricalRecords(excluded_fields=["updated_at"])

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
    def latest_period_obj(self) -> Period | None:
        return Period.from_date(self.latest_period) if self.latest_period else None


def financial_year_expression(date_field: str) -> models.Expression:
    """SQL for the financial year (April to March) a date falls in, by its starting year."""
    return ExtractYear(date_field) - models.Case(
        models.When(models.Q(**{f"{date_field}__month__lt": 4}), then=models.Value(1)),
        default=models.Value(0),
    )


def validate_first_of_month(day: datetime.date) -> None:
    if day.day != 1:
        raise ValidationError("A period is stored as the first day of its month.")


class Target(models.Model):
    """The target and amber threshold of a KPI for one financial year."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="targets")
    financial_year = models.PositiveSmallIntegerField(
        help_text="The year the financial year starts: 2015 for April 2015 to March 2016."
    )
    target = models.DecimalField(max_digits=14, decimal_places=4)
    amber_threshold = models.DecimalField(
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="The worst value still rated Amber. Blank: any miss is Red.",
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    set_at = models.DateTimeField()
    note = models.TextField(blank=True)
    is_demo = models.BooleanField(default=False, help_text="Made up for demonstration.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["kpi", "-financial_year"]
        constraints = [
            models.UniqueConstraint(fields=["kpi", "financial_year"], name="one_target_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.kpi.code} {self.financial_year_label}: {self.target}"

    @property
    def financial_year_label(self) -> str:
        return financial_year_label(self.financial_year)

    def clean(self) -> None:
        if self.target is not None and self.kpi_id:
            error = amber_threshold_error(self.target, self.amber_threshold, self.kpi.polarity)
            if error:
                raise ValidationError({"amber_threshold": error})


class KpiValueQuerySet(models.QuerySet):
    def reported(self) -> "KpiValueQuerySet":
        return self.filter(status__in=[KpiValue.Status.SUBMITTED, KpiValue.Status.APPROVED])

    def with_financial_year(self) -> "KpiValueQuerySet":
        return self.annotate(financial_year=financial_year_expression("period"))

    def with_targets(self) -> "KpiValueQuerySet":
        """Annotate each value with the target and amber threshold of its own financial year."""
        targets = Target.objects.filter(
            kpi=models.OuterRef("kpi"), financial_year=models.OuterRef("financial_year")
        )
        return self.with_financial_year().annotate(
            target=models.Subquery(targets.values("target")[:1]),
            amber=models.Subquery(targets.values("amber_threshold")[:1]),
        )

    def for_period(self, period: Period) -> "KpiValueQuerySet":
        return self.filter(period=period.first_day)


class KpiValue(models.Model):
    """A KPI's value for one period, with its commentary and where it is in sign-off."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        APPROVED = "approved", "Approved"

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="values")
    period = models.DateField(
        validators=[validate_first_of_month],
        help_text="The month the period ends in, stored as its first day.",
    )
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    numerator = models.PositiveIntegerField(null=True, blank=True)
    denominator = models.PositiveIntegerField(null=True, blank=True)
    commentary = models.TextField(blank=True)
    provisional = models.BooleanField(
        default=False, help_text="Data quality: the figure may change once checked."
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    revision = models.PositiveIntegerField(
        default=1, help_text="Goes up each time an approved value is changed."
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False, help_text="Made up for demonstration.")
    version = models.PositiveIntegerField(
        default=1, help_text="Goes up on every save, so two people cannot overwrite each other."
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = KpiValueQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["kpi", "-period"]
        verbose_name = "KPI value"
        constraints = [
            models.UniqueConstraint(fields=["kpi", "period"], name="one_value_per_period")
        ]
        indexes = [
            # "The latest reported value of each KPI" is asked on every list and dashboard:
            # a partial index lets each lookup read one index entry, whatever the history.
            models.Index(
                fields=["kpi", "-period"],
                name="kpivalue_reported_latest",
                condition=models.Q(status__in=["submitted", "approved"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kpi.code} {self.period_obj}: {self.value}"

    @property
    def period_obj(self) -> Period:
        return Period.from_date(self.period)

    @property
    def is_revised(self) -> bool:
        return self.revision > 1

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.APPROVED

    def rag_against(self, target: "Target | None") -> Rag:
        return rag_status(
            self.value,
            target.target if target else None,
            target.amber_threshold if target else None,
            self.kpi.polarity,
        )

    @property
    def rag(self) -> Rag:
        """RAG against the target of the value's own year; needs with_targets()."""
        return rag_status(self.value, self.target, self.amber, self.kpi.polarity)


class Benchmark(models.Model):
    """A comparator value (England, statistical neighbours, region) for a KPI and period."""

    class Comparator(models.TextChoices):
        ENGLAND = "england", "England"
        NEIGHBOURS = "statistical-neighbours", "Statistical neighbours"
        REGION = "region", "Region"

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="benchmarks")
    period = models.DateField(validators=[validate_first_of_month])
    comparator = models.CharField(max_length=32, choices=Comparator.choices)
    value = models.DecimalField(max_digits=14, decimal_places=4)
    source = models.CharField(max_length=300, help_text="Where the figure comes from.")
    year_label = models.CharField(
        "year", max_length=20, help_text="The year the source gives, for example 2023-24."
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField(default=False, help_text="Made up for demonstration.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["kpi", "-period", "comparator"]
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "period", "comparator"], name="one_benchmark_per_comparator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kpi.code} {self.get_comparator_display()} {self.year_label}: {self.value}"

    @property
    def period_obj(self) -> Period:
        return Period.from_date(self.period)
