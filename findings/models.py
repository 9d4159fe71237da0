import functools

from django.db import models
from django.urls import reverse

from kpis.choices import REPORTED, Frequency, Status
from kpis.models import Kpi


class Framework(models.Model):
    """A version of Ofsted's inspection framework, such as the 2013 Single Inspection Framework."""

    code = models.SlugField(max_length=32, unique=True)
    name = models.CharField(max_length=200)
    in_force_from = models.DateField(null=True, blank=True)
    in_force_until = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["in_force_from", "code"]

    def __str__(self) -> str:
        return self.name


class JudgementArea(models.Model):
    """One judgement of a framework (graded or not), possibly a sub-judgement of another."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="areas")
    name = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="sub_areas"
    )
    graded = models.BooleanField(default=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "name"], name="unique_area_per_framework")
        ]

    def __str__(self) -> str:
        return self.name


class SourceDocument(models.Model):
    """A paper that findings, KPIs or recommendations were taken from."""

    class Kind(models.TextChoices):
        INSPECTION_REPORT = "inspection-report", "Inspection report"
        REVIEW = "review", "Review"
        MAPPING = "mapping", "Mapping of findings to KPIs"
        ACTION_PLAN = "action-plan", "Action plan"

    slug = models.SlugField(max_length=64, unique=True)
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    published = models.CharField(
        max_length=64, blank=True, help_text="As the document gives it, for example 'Summer 2015'."
    )
    file_name = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Grade(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires-improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


class InspectionQuerySet(models.QuerySet):
    def latest_first(self) -> "InspectionQuerySet":
        return self.order_by("-year", models.F("start_date").desc(nulls_last=True), "-pk")


class Inspection(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="inspections")
    title = models.CharField(max_length=300)
    year = models.PositiveIntegerField()
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    overall_grade = models.CharField(
        max_length=32,
        choices=Grade.choices,
        blank=True,
        help_text="Blank where the inspection gave none (from April 2026 Ofsted gives none), "
        "or where it is not recorded.",
    )
    source = models.ForeignKey(
        SourceDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="inspections"
    )
    note = models.TextField(blank=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-start_date"]

    def __str__(self) -> str:
        return self.title


class InspectionGrade(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="grades")
    area = models.ForeignKey(JudgementArea, on_delete=models.PROTECT, related_name="grades")
    grade = models.CharField(max_length=32, choices=Grade.choices, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["inspection", "area"], name="one_grade_per_area")
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.get_grade_display() or 'not graded'}"


class MonitoringArrangement(models.Model):
    """Monitoring that is not a KPI: a survey, panel, audit, scorecard, action plan, report..."""

    class Kind(models.TextChoices):
        ACTION_PLAN = "action-plan", "Action plan"
        AUDIT = "audit", "Audit"
        FORUM = "forum", "Forum"
        LOCAL_INDICATOR = "local-indicator", "Local indicator (not yet a KPI)"
        PANEL = "panel", "Panel"
        PROJECT = "project", "Project"
        REPORT = "report", "Report"
        REVIEW = "review", "Review"
        SCORECARD = "scorecard", "Scorecard"
        SELF_ASSESSMENT = "self-assessment", "Self-assessment"
        STATUTORY_RETURN = "statutory-return", "Statutory return"
        SURVEY = "survey", "Survey"

    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    frequency = models.CharField(
        max_length=16, choices=Frequency.choices, blank=True, help_text="Blank: not stated."
    )
    description = models.TextField(blank=True)
    source_text = models.TextField(blank=True, help_text="The words of the source document.")
    note = models.TextField(blank=True, help_text="How the source was read.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


@functools.cache
def finding_url(pk: int) -> str:
    return reverse("findings:detail", args=[pk])


class FindingQuerySet(models.QuerySet):
    def in_source_order(self) -> "FindingQuerySet":
        return self.order_by("inspection_id", "order")

    def without_kpis(self) -> "FindingQuerySet":
        return self.filter(kpi_links__isnull=True)

    def for_annex(self, *, statuses: tuple[Status, ...] = REPORTED) -> "FindingQuerySet":
        """The findings with their KPIs (each with its latest value of these statuses) and
        monitoring, in a fixed number of queries. Pages that also show boards add boards' own
        prefetches."""
        return self.select_related("inspection", "judgement_area").prefetch_related(
            "kpi_links",
            models.Prefetch("kpi_links__kpi", queryset=Kpi.objects.with_latest(statuses=statuses)),
            "monitoring",
        )

    def areas(self) -> list[str]:
        """The areas (Annex A headings) in the order they first appear in the source."""
        rows = self.values("area").annotate(first=models.Min("order")).order_by("first")
        return [row["area"] for row in rows]


class Finding(models.Model):
    """A strength or area for improvement from an inspection report, as grouped in the Annex A."""

    class Kind(models.TextChoices):
        STRENGTH = "strength", "Strength"
        IMPROVEMENT = "improvement", "Area for improvement"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    area = models.CharField(
        max_length=200,
        help_text="The heading the finding sits under in the Annex A, for example 'CSE'.",
    )
    judgement_area = models.ForeignKey(
        JudgementArea,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="findings",
        help_text="The judgement of the inspection framework the finding bears on.",
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    text = models.TextField()
    order = models.PositiveIntegerField(help_text="Position in the source document.")
    source_kpi_text = models.TextField(
        "KPI column as written", blank=True, help_text="The Annex A's middle column, verbatim."
    )
    source_monitoring_text = models.TextField(
        "other monitoring column as written",
        blank=True,
        help_text="The Annex A's third column, verbatim.",
    )
    note = models.TextField(blank=True, help_text="How the source was read.")
    kpis = models.ManyToManyField(Kpi, through="FindingKpi", related_name="findings", blank=True)
    monitoring = models.ManyToManyField(MonitoringArrangement, related_name="findings", blank=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["inspection", "order"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "order"], name="unique_finding_order")
        ]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:77] + "..."

    def get_absolute_url(self) -> str:
        return finding_url(self.pk)


class FindingKpiQuerySet(models.QuerySet):
    """The mapping read from the KPI side, for pages that list KPIs by what they evidence."""

    def area_choices(self) -> list[tuple[str, str]]:
        """The Annex A areas of the findings that KPIs evidence, in source order."""
        areas = self.values_list("finding__area", flat=True).order_by("finding__order")
        return [(area, area) for area in dict.fromkeys(areas)]

    def judgement_area_choices(self) -> list[tuple[str, str]]:
        rows = (
            self.filter(finding__judgement_area__isnull=False)
            .values_list("finding__judgement_area", "finding__judgement_area__name")
            .order_by("finding__judgement_area__order")
        )
        return [(str(pk), name) for pk, name in dict.fromkeys(rows)]

    def kpi_ids(self) -> models.QuerySet:
        """The ids of the mapped KPIs, as a subquery: Kpi.objects.filter(pk__in=...)."""
        return self.values("kpi")


class FindingKpi(models.Model):
    """The mapping of a finding to a KPI that evidences it (a row of the Annex A)."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="kpi_links")
    kpi = models.ForeignKey(Kpi, on_delete=models.PROTECT, related_name="finding_links")
    note = models.TextField(blank=True, help_text="How the source was read for this mapping.")
    order = models.PositiveIntegerField(default=0)

    objects = FindingKpiQuerySet.as_manager()

    class Meta:
        ordering = ["finding", "order", "kpi__code"]
        verbose_name = "finding-to-KPI mapping"
        constraints = [
            models.UniqueConstraint(fields=["finding", "kpi"], name="unique_finding_kpi")
        ]

    def __str__(self) -> str:
        return f"{self.finding} → {self.kpi.code}"
