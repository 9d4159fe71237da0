import functools

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from findings.models import JudgementArea, MonitoringArrangement, SourceDocument
from kpis.choices import Frequency, KpiStatus
from kpis.models import Kpi


@functools.cache
def board_url(slug: str) -> str:
    # Annex A and KPI lists link the same boards hundreds of times; reverse once each.
    return reverse("boards:detail", args=[slug])


class BoardQuerySet(models.QuerySet):
    def by_name(self) -> "BoardQuerySet":
        return self.order_by(Lower("short_name"))

    def receiving_kpis(self) -> "BoardQuerySet":
        """Boards with at least one KPI reported to them."""
        return self.filter(reporting_lines__kpi__isnull=False).distinct()

    def receiving_anything(self) -> "BoardQuerySet":
        """Boards with at least one KPI or monitoring arrangement reported to them."""
        return self.filter(reporting_lines__isnull=False).distinct()

    def choices(self) -> list[tuple[str, str]]:
        """(slug, short name) for a filter's options, by name."""
        return list(self.by_name().values_list("slug", "short_name"))

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

    def in_board_order(self) -> "ReportingLineQuerySet":
        return self.select_related("board").order_by("board__order", "board__short_name")

    def kpi_ids(self) -> models.QuerySet:
        """The ids of the KPIs these lines report, as a subquery: Kpi.objects.filter(pk__in=...)."""
        return self.filter(kpi__isnull=False).values("kpi")

    def monitoring_ids(self) -> models.QuerySet:
        return self.filter(monitoring__isnull=False).values("monitoring")


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


def kpis_reported_to_no_board(kpis: models.QuerySet | None = None) -> models.QuerySet:
    """Those of these KPIs (all, by default) that no board receives, leaving out retired ones."""
    kpis = Kpi.objects.all() if kpis is None else kpis
    unreported = kpis.exclude(pk__in=ReportingLine.objects.kpi_ids())
    return unreported.exclude(status=KpiStatus.RETIRED)


def board_lines(path: str = "") -> models.Prefetch:
    """A prefetch giving each KPI or monitoring arrangement (reached by `path`, e.g.
    "kpi_links__kpi__" from findings) `board_lines`: its reporting lines in board order.

    For pages of other apps that show who receives what: boards declares the relation, so
    boards names it.
    """
    return models.Prefetch(
        f"{path}reporting_lines",
        queryset=ReportingLine.objects.in_board_order(),
        to_attr="board_lines",
    )


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
