import datetime
import functools

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from kpis.choices import REPORTED, Frequency, KpiStatus, Polarity, Status, Unit
from kpis.periods import (
    DEFAULT_ANNUAL_MONTH,
    Period,
    financial_year_label,
    frequencies_due_every_year_in,
)
from kpis.permissions import can_enter_values, is_manager, is_officer
from kpis.rag import Rag, amber_threshold_error, rag_status
from kpis.validation import Entry, plain_text


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


# Why a change was made, as the person wrote it: as long as they wrote it (django-simple-history's
# default is 100 characters, and PostgreSQL refuses anything longer).
REASON = models.TextField(null=True)


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


class WorkflowError(Exception):
    """A value cannot make this move (wrong state, wrong person, stale page); the message says
    why, in words the person can act on."""


# The fields a person types for a value; a change to the first three is a change of figure.
FIGURE_FIELDS = ("value", "numerator", "denominator")
ENTRY_FIELDS = (*FIGURE_FIELDS, "commentary", "provisional")


class KpiValueQuerySet(models.QuerySet):
    def reported(self) -> "KpiValueQuerySet":
        return self.filter(status__in=REPORTED)

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

    def save_moves(self, values: list["KpiValue"]) -> None:
        """Write values changed by workflow moves, new and stored, with one history entry
        each (who and why as the moves recorded), in a fixed number of queries."""
        new = [value for value in values if value.pk is None]
        stored = [value for value in values if value.pk is not None]
        if new:
            bulk_create_with_history(new, KpiValue)
        if stored:
            fields = sorted(set().union(*(value.moved_fields for value in stored)))
            bulk_update_with_history(stored, KpiValue, fields)
        for value in values:
            value.moved_fields = frozenset()


class KpiValue(models.Model):
    """A KPI's value for one period, with its commentary and where it is in sign-off.

    The workflow lives here: draft -> submitted -> approved, a submitted value sent back to
    draft with a reason, and an approved value revised with a reason (a new revision that goes
    back for approval). Each move checks the state and the person, raises WorkflowError, and
    records who and why for the audit trail; `save_move()` writes one value and
    `KpiValue.objects.save_moves()` many. Nothing else changes a value's status.
    """

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
        help_text="The last person to change anything typed for this value.",
    )
    figure_entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The person who typed the figure as it stands (not only its commentary): "
        "they may not approve it.",
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
    sent_back_reason = models.TextField(
        blank=True, help_text="Why a manager sent the value back, until it is submitted again."
    )
    is_demo = models.BooleanField(default=False, help_text="Made up for demonstration.")
    version = models.PositiveIntegerField(
        default=1, help_text="Goes up on every save, so two people cannot overwrite each other."
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = KpiValueQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"], history_change_reason_field=REASON)

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
                condition=models.Q(status__in=REPORTED),
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
        return self.status == Status.APPROVED

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

    # The workflow. Each move changes this object and notes what to write; save_move() (or
    # KpiValue.objects.save_moves() for a batch) writes it, so a whole return is saved in a
    # fixed number of queries. Callers lock the rows (select_for_update) before moving them.

    @classmethod
    def start(
        cls, *, kpi: Kpi, period: Period, by: AbstractBaseUser, entry: Entry, reason: str
    ) -> "KpiValue":
        """A new draft value with the figures typed, not yet saved."""
        value = cls(kpi=kpi, period=period.first_day)
        value.record(by=by, entry=entry, reason=reason)
        return value

    def same_as(self, entry: Entry) -> bool:
        """The entry repeats what is stored: figures, commentary (however its lines end) and
        the provisional mark."""
        return plain_text(self.commentary) == entry.commentary and all(
            getattr(self, name) == getattr(entry, name) for name in (*FIGURE_FIELDS, "provisional")
        )

    def record(self, *, by: AbstractBaseUser, entry: Entry, reason: str) -> None:
        """Change the typed figures and commentary as a draft. A submitted value goes back to
        draft (it must be submitted again); an approved one cannot change here (see revise)."""
        if self.is_locked:
            raise WorkflowError(
                f"{self.kpi.code} for {self.period_obj.label} is approved: revise it with a "
                "reason instead"
            )
        self._type(by, entry)
        self.status, self.submitted_by, self.submitted_at = Status.DRAFT, None, None
        self._moved(by, reason, "status", "submitted_by", "submitted_at")

    def remove(self, *, by: AbstractBaseUser, reason: str) -> None:
        """Prepare a draft or submitted value for deletion (the caller deletes it): the history
        keeps it, with who removed it and why. An approved value is never removed."""
        self._require_enterer(by)
        if self.is_locked:
            raise WorkflowError(f"{self.kpi.code} for {self.period_obj.label} is approved")
        self._history_user, self._change_reason = by, reason

    def submit(self, *, by: AbstractBaseUser, reason: str = "Submitted") -> None:
        """Put a draft forward for approval."""
        self._require_enterer(by)
        if self.status != Status.DRAFT:
            raise WorkflowError(
                f"{self.kpi.code} for {self.period_obj.label} is already "
                f"{self.get_status_display().lower()}"
            )
        self.status, self.submitted_by, self.submitted_at = Status.SUBMITTED, by, timezone.now()
        self.sent_back_reason = ""
        self._moved(by, reason, "status", "submitted_by", "submitted_at", "sent_back_reason")

    def approval_problem(self, by: AbstractBaseUser) -> str | None:
        """Why this person may not approve this value, or None when they may."""
        if not is_manager(by):
            return "Only a manager can approve values"
        if self.status != Status.SUBMITTED:
            return f"{self.kpi.code} is {self.get_status_display().lower()}, not submitted"
        # Separation of duties rests on the figure: whoever typed it, or put it forward, may
        # not also sign it off, even if someone else touched the commentary since.
        if by.pk in (self.figure_entered_by_id, self.submitted_by_id):
            return (
                f"You entered or submitted {self.kpi.code}, so a different manager must approve it"
            )
        return None

    def approve(self, *, by: AbstractBaseUser, seen_version: int) -> None:
        """Sign the value off, exactly as the manager saw it (the version shown to them)."""
        self._require_version(seen_version, "check the new figure before approving it")
        problem = self.approval_problem(by)
        if problem:
            raise WorkflowError(problem)
        self.status, self.approved_by, self.approved_at = Status.APPROVED, by, timezone.now()
        self._moved(by, "Approved", "status", "approved_by", "approved_at")

    def send_back(self, *, by: AbstractBaseUser, reason: str, seen_version: int) -> None:
        """Return a submitted value to draft for its owner to correct, saying why."""
        self._require_version(seen_version, "check the new figure before sending it back")
        if not is_manager(by):
            raise WorkflowError("Only a manager can send a value back")
        if self.status != Status.SUBMITTED:
            raise WorkflowError(
                f"{self.kpi.code} is {self.get_status_display().lower()}, not submitted"
            )
        reason = reason.strip()
        if not reason:
            raise WorkflowError(f"Say why {self.kpi.code} is being sent back")
        self.status, self.sent_back_reason = Status.DRAFT, reason
        self.submitted_by = self.submitted_at = None
        self._moved(by, f"Sent back: {reason}", "status", "sent_back_reason", "submitted_by",
                    "submitted_at")  # fmt: skip

    def revise(self, *, by: AbstractBaseUser, entry: Entry, reason: str, seen_version: int) -> None:
        """Change an approved value: needs a reason, makes a new revision, and goes back for
        approval."""
        self._require_version(seen_version, "check it, then save your revision again")
        self._require_enterer(by)
        if not self.is_locked:
            raise WorkflowError("Only approved values are revised; change this one on the return")
        reason = reason.strip()
        if not reason:
            raise WorkflowError("Give the reason for the change")
        if self.same_as(entry):
            raise WorkflowError(
                "The revision is the same as the approved value: change the figure, the "
                "commentary or the provisional mark, or cancel"
            )
        self._type(by, entry)
        self.revision += 1
        self.status, self.submitted_by, self.submitted_at = Status.SUBMITTED, by, timezone.now()
        self.approved_by = self.approved_at = None
        self._moved(by, reason, "revision", "status", "submitted_by", "submitted_at",
                    "approved_by", "approved_at")  # fmt: skip

    def save_move(self) -> None:
        """Write what the moves since the last save changed, with its history entry."""
        if self.pk is None:
            self.save()
        else:
            self.save(update_fields=sorted(self.moved_fields))
        self.moved_fields = frozenset()

    # What the moves since the last save changed (empty: nothing to write).
    moved_fields: frozenset[str] = frozenset()

    def _type(self, by: AbstractBaseUser, entry: Entry) -> None:
        """Put what the person typed on the value, noting whether the figure itself changed."""
        self._require_enterer(by)
        if self.pk is None or any(
            getattr(self, name) != getattr(entry, name) for name in FIGURE_FIELDS
        ):
            self.figure_entered_by = by
        for name in ENTRY_FIELDS:
            setattr(self, name, getattr(entry, name))
        self.entered_by = by
        # What a person typed is theirs, not made up: a demo value edited is demo no more.
        self.is_demo = False
        self._moved(by, "", *ENTRY_FIELDS, "entered_by", "figure_entered_by", "is_demo")

    def _moved(self, by: AbstractBaseUser, reason: str, *fields: str) -> None:
        if not self.moved_fields and self.pk is not None:
            # One step of the version per save, however many moves the save carries.
            self.version += 1
        self.moved_fields = self.moved_fields | {*fields, "version", "updated_at"}
        self.updated_at = timezone.now()
        self._history_user = by
        if reason:
            self._change_reason = reason

    def _require_enterer(self, by: AbstractBaseUser) -> None:
        if not can_enter_values(by, self.kpi):
            raise WorkflowError(f"You do not enter values for {self.kpi.code}")

    def _require_version(self, seen_version: int, then: str) -> None:
        if self.version != seen_version:
            raise StaleValue(
                self, f"{self.kpi.code} has changed since you opened this page: {then}"
            )


class StaleValue(WorkflowError):
    """Someone saved the value after the page the person acted on was opened."""

    def __init__(self, value: KpiValue, message: str) -> None:
        super().__init__(message)
        self.value = value


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
