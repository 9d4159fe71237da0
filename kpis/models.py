from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse


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
        return list(
            self.filter(reporting_lines__isnull=False)
            .values_list("reporting_lines__board__slug", "reporting_lines__board__short_name")
            .order_by()
            .distinct()
        )

    def for_catalogue(self) -> "KpiQuerySet":
        return self.select_related("owner").prefetch_related("reporting_lines__board")

    def search(self, text: str) -> "KpiQuerySet":
        return self.filter(
            models.Q(code__icontains=text)
            | models.Q(title__icontains=text)
            | models.Q(definition__icontains=text)
        )


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

    class Meta:
        ordering = ["code"]
        verbose_name = "KPI"
        verbose_name_plural = "KPIs"

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("kpis:detail", args=[self.code])
