"""A KPI's values, and the workflow that takes each from draft to approved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from kpis.choices import REPORTED, Status
from kpis.models.common import REASON, financial_year_expression, validate_first_of_month
from kpis.models.targets import Target
from kpis.periods import Period
from kpis.permissions import can_enter_values, is_manager
from kpis.rag import Rag, rag_status
from kpis.validation import Entry, plain_text

if TYPE_CHECKING:
    from kpis.models.kpi import Kpi


class WorkflowError(Exception):
    """A value cannot make this move (wrong state, wrong person, stale page); the message says
    why, in words the person can act on."""


# The fields a person types for a value; a change to the first three is a change of figure.
FIGURE_FIELDS = ("value", "numerator", "denominator")
ENTRY_FIELDS = (*FIGURE_FIELDS, "commentary", "provisional")


class KpiValueQuerySet(models.QuerySet):
    def reported(self) -> KpiValueQuerySet:
        return self.filter(status__in=REPORTED)

    def with_financial_year(self) -> KpiValueQuerySet:
        return self.annotate(financial_year=financial_year_expression("period"))

    def with_targets(self) -> KpiValueQuerySet:
        """Annotate each value with the target and amber threshold of its own financial year."""
        targets = Target.objects.filter(
            kpi=models.OuterRef("kpi"), financial_year=models.OuterRef("financial_year")
        )
        return self.with_financial_year().annotate(
            target=models.Subquery(targets.values("target")[:1]),
            amber=models.Subquery(targets.values("amber_threshold")[:1]),
        )

    def for_period(self, period: Period) -> KpiValueQuerySet:
        return self.filter(period=period.first_day)

    def save_moves(self, values: list[KpiValue]) -> None:
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

    kpi = models.ForeignKey("kpis.Kpi", on_delete=models.CASCADE, related_name="values")
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

    def rag_against(self, target: Target | None) -> Rag:
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
    ) -> KpiValue:
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
