import functools

from django.db import models
from django.urls import reverse

from findings.models import JudgementArea, MonitoringArrangement, SourceDocument
from kpis.models import Frequency, Kpi


@functools.cache
def board_url(slug: str) -> str:
    # Annex A and KPI lists link the same boards hundreds of times; reverse once each.
    return reverse("boards:detail", args=[slug])


class BoardQuerySet(models.QuerySet):
    def with_counts(self) -> "BoardQuerySet":
        return self.annotate(
            kpi_count=models.Count("reporting_lines__kpi", distinct=True),
            monitoring_count=models.Count("reporting_lines__monitoring", distinct=True),
        )


class Board(models.Model):
    """A meeting that receives reports: a council committee, an internal team or a partnership."""

    class Nature(models.TextChoices):
        COMMITTEE = "committee", "Council committee"
        INTERNAL = "internal", "Internal"
        PARTNERSHIP = "partnership", "Partnership"

    slug = models.SlugField(max_length=64, unique=True)
    short_name = models.CharField(max_length=40)
    name = models.CharField("full name", max_length=200)
    nature = models.CharField(max_length=16, choices=Nature.choices)
    meets_in_public = models.BooleanField(default=False)
    description = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

    objects = BoardQuerySet.as_manager()

    class Meta:
        ordering = ["order", "short_name"]

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return board_url(self.slug)


class ReportingLineQuerySet(models.QuerySet):
    def for_board_page(self) -> "ReportingLineQuerySet":
        return self.select_related("kpi", "monitoring").prefetch_related("occasions")


class ReportingLine(models.Model):
    """A board receives a KPI or a monitoring arrangement, at a stated frequency."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="reporting_lines")
    kpi = models.ForeignKey(
        Kpi, null=True, blank=True, on_delete=models.CASCADE, related_name="reporting_lines"
    )
    monitoring = models.ForeignKey(
        MonitoringArrangement,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reporting_lines",
    )
    frequency = models.CharField(
        max_length=16, choices=Frequency.choices, blank=True, help_text="Blank: not stated."
    )
    purpose = models.CharField(max_length=200, blank=True, help_text="For example 'for sign off'.")
    source_text = models.TextField(blank=True, help_text="The words of the source document.")
    note = models.TextField(blank=True, help_text="How the source was read.")

    objects = ReportingLineQuerySet.as_manager()

    class Meta:
        ordering = ["board", "kpi__code", "monitoring__name"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kpi__isnull=False) & models.Q(monitoring__isnull=True))
                | (models.Q(kpi__isnull=True) & models.Q(monitoring__isnull=False)),
                name="reporting_line_has_one_subject",
                violation_error_message="A reporting line is for either a KPI or a "
                "monitoring arrangement, not both.",
            ),
            models.UniqueConstraint(
                fields=["board", "kpi"],
                condition=models.Q(kpi__isnull=False),
                name="unique_board_kpi",
            ),
            models.UniqueConstraint(
                fields=["board", "monitoring"],
                condition=models.Q(monitoring__isnull=False),
                name="unique_board_monitoring",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.board}"

    @property
    def subject(self) -> Kpi | MonitoringArrangement:
        return self.kpi or self.monitoring

    @property
    def frequency_label(self) -> str:
        return self.get_frequency_display() or "Not stated"


class ReportingOccasion(models.Model):
    """A dated time something was reported ("reported to CS Overview & Scrutiny on 22/09/15")."""

    class Precision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"

    reporting_line = models.ForeignKey(
        ReportingLine, on_delete=models.CASCADE, related_name="occasions"
    )
    reported_on = models.DateField()
    precision = models.CharField(max_length=8, choices=Precision.choices, default=Precision.DAY)
    source_text = models.TextField(blank=True)

    class Meta:
        ordering = ["reported_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporting_line", "reported_on"], name="unique_occasion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reporting_line} on {self.date_label}"

    @property
    def date_label(self) -> str:
        if self.precision == self.Precision.MONTH:
            return f"{self.reported_on:%B %Y}"
        return f"{self.reported_on:%-d %B %Y}"


class RecommendationQuerySet(models.QuerySet):
    def open(self) -> "RecommendationQuerySet":
        return self.exclude(status=Recommendation.Status.COMPLETE)


class Recommendation(models.Model):
    """A recommendation of a review or inspection, tracked until it is complete."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in-progress", "In progress"
        COMPLETE = "complete", "Complete"

    source = models.ForeignKey(
        SourceDocument, on_delete=models.PROTECT, related_name="recommendations"
    )
    number = models.PositiveIntegerField()
    text = models.TextField()
    theme = models.CharField(max_length=100)
    judgement_area = models.ForeignKey(
        JudgementArea,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
        help_text="The inspection judgement the recommendation bears on.",
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    note = models.TextField(blank=True, help_text="How the source was read.")

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["source", "number"]
        constraints = [
            models.UniqueConstraint(fields=["source", "number"], name="unique_recommendation")
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number}: {self.theme}"
