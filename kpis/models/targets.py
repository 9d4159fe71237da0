"""A KPI's targets by financial year, and comparator figures (England, neighbours, region)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from kpis.models.common import REASON, validate_first_of_month
from kpis.periods import Period, financial_year_label
from kpis.rag import amber_threshold_error


class Target(models.Model):
    """The target and amber threshold of a KPI for one financial year."""

    kpi = models.ForeignKey("kpis.Kpi", on_delete=models.CASCADE, related_name="targets")
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

    history = HistoricalRecords(history_change_reason_field=REASON)

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


class Benchmark(models.Model):
    """A comparator value (England, statistical neighbours, region) for a KPI and period."""

    class Comparator(models.TextChoices):
        ENGLAND = "england", "England"
        NEIGHBOURS = "statistical-neighbours", "Statistical neighbours"
        REGION = "region", "Region"

    kpi = models.ForeignKey("kpis.Kpi", on_delete=models.CASCADE, related_name="benchmarks")
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

    history = HistoricalRecords(history_change_reason_field=REASON)

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
