import datetime
import functools

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from boards.deadlines import STATUTORY_CLEAR_DAYS, Timeliness, papers_deadline, timeliness
from findings.models import MonitoringArrangement
from kpis.choices import Frequency, KpiStatus
from kpis.models import Kpi


@functools.cache
def board_url(slug: str) -> str:
    # Annex A and KPI lists link the same boards hundreds of times; reverse once each.
    return reverse("boards:detail", args=[slug])


# Pages under /boards/ whose address would otherwise be read as a board's (boards/urls.py).
RESERVED_SLUGS = frozenset({"mine", "timeliness"})


class BoardQuerySet(models.QuerySet):
    def by_name(self) -> "BoardQuerySet":
        return self.order_by(Lower("short_name"))

    def by_full_name(self) -> "BoardQuerySet":
        """In the order of the names people read: sorting by abbreviation jumbles full names."""
        return self.order_by(Lower("name"))

    def with_next_meeting(self, user: AbstractBaseUser, today: datetime.date) -> "BoardQuerySet":
        """Annotate `next_meeting_date`: the first meeting from today whose papers this person
        may open (none otherwise, so a list hints at no restricted meeting)."""
        upcoming = (
            Meeting.objects.papers_visible_to(user)
            .filter(board=models.OuterRef("pk"), date__gte=today)
            .order_by("date")
        )
        return self.annotate(next_meeting_date=models.Subquery(upcoming.values("date")[:1]))

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
    terms_of_reference = models.TextField(blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who chairs the board, if they use this service.",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="BoardMembership",
        related_name="boards",
        blank=True,
        help_text="People who sit on the board: they see its restricted papers.",
    )
    papers_deadline_days = models.PositiveSmallIntegerField(
        "papers deadline (clear working days)",
        default=STATUTORY_CLEAR_DAYS,
        validators=[MaxValueValidator(30)],
        help_text="Working days between publishing the papers and the meeting, not counting "
        "either day. Council committees: five clear days (Local Government Act 1972 s.100B); "
        "internal and partnership boards set their own.",
    )
    order = models.PositiveIntegerField(default=0)

    objects = BoardQuerySet.as_manager()

    class Meta:
        ordering = ["order", "short_name"]

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return board_url(self.slug)

    def clean(self) -> None:
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": f"“{self.slug}” names a page of its own under /boards/: choose another"}
            )
        if (
            self.nature == self.Nature.COMMITTEE
            and self.papers_deadline_days < STATUTORY_CLEAR_DAYS
        ):
            raise ValidationError(
                {
                    "papers_deadline_days": "A council committee's papers must be published at "
                    f"least {STATUTORY_CLEAR_DAYS} clear days before the meeting "
                    "(Local Government Act 1972 s.100B)"
                }
            )

    def has_member(self, user: AbstractBaseUser) -> bool:
        return BoardMembership.objects.filter(board=self, user_id=user.pk).exists()

    @property
    def papers_deadline_rule(self) -> str:
        """The board's papers deadline in words, with the law behind it for a committee."""
        days = self.papers_deadline_days
        rule = f"{days} clear working day{'' if days == 1 else 's'} before the meeting"
        if self.nature != self.Nature.COMMITTEE:
            return f"{rule}, set by the board"
        if days == STATUTORY_CLEAR_DAYS:
            return f"{rule} (Local Government Act 1972 s.100B)"
        return (
            f"{rule} (at least {STATUTORY_CLEAR_DAYS} under the Local Government Act 1972 s.100B)"
        )


class BoardMembershipQuerySet(models.QuerySet):
    def of(self, user: AbstractBaseUser) -> "BoardMembershipQuerySet":
        """The boards this person sits on, by the boards' full names."""
        return self.filter(user_id=user.pk).select_related("board").order_by(Lower("board__name"))


class BoardMembership(models.Model):
    """A person who sits on a board, and whether they are emailed when its papers are published."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="board_memberships"
    )
    subscribed = models.BooleanField(
        "emailed when papers are published",
        default=True,
    )

    objects = BoardMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["board", "user__last_name"]
        constraints = [models.UniqueConstraint(fields=["board", "user"], name="one_membership")]

    def __str__(self) -> str:
        return f"{self.user} on {self.board}"


class ReportingLineQuerySet(models.QuerySet):
    def for_board_page(self) -> "ReportingLineQuerySet":
        return self.select_related("kpi", "monitoring").prefetch_related("meetings")

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


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, today: datetime.date) -> "MeetingQuerySet":
        return self.filter(date__gte=today).order_by("date")

    def past(self, today: datetime.date) -> "MeetingQuerySet":
        return self.filter(date__lt=today).order_by("-date")

    def visible_to(self, user: AbstractBaseUser) -> "MeetingQuerySet":
        """Meetings whose papers this person may open: every meeting for officers and
        managers; their own boards' for members; otherwise only those of boards that meet in
        public. (Part 2 papers are narrower still: see Meeting.papers_visible_to.)"""
        if sees_every_paper(user):
            return self
        if not roles.has_any_role(user):
            return self.none()
        return self.filter(
            models.Q(board__meets_in_public=True) | models.Q(board__memberships__user_id=user.pk)
        ).distinct()

    def papers_visible_to(self, user: AbstractBaseUser) -> "MeetingQuerySet":
        """Exactly the meetings whose papers Meeting.papers_visible_to lets this person open,
        in one query: so lists show no meeting whose page would be a 404."""
        if sees_every_paper(user):
            return self
        if not roles.has_any_role(user):
            return self.none()
        sits_on_board = BoardMembership.objects.filter(
            board=models.OuterRef("board"), user_id=user.pk
        )
        exempt_report = AgendaItem.objects.filter(
            meeting=models.OuterRef("pk"), is_performance_report=True, part=AgendaItem.Part.TWO
        )
        return self.filter(
            models.Exists(sits_on_board)
            | (models.Q(board__meets_in_public=True) & ~models.Exists(exempt_report))
        )

    def for_lists(self) -> "MeetingQuerySet":
        """With the board, which the papers deadline and the meeting's address need."""
        return self.select_related("board")


def sees_every_paper(user: AbstractBaseUser) -> bool:
    """Officers and managers prepare and publish the papers, so they see all of them."""
    return roles.has_role(user, roles.MANAGER) or roles.has_role(user, roles.OFFICER)


def published_meeting_stays_message(day: datetime.date) -> str:
    return (
        f"The papers for the meeting on {day:%-d %B %Y} have been published, so its board and "
        "date cannot change: the papers say whose meeting it is and when, and who may read "
        "them. Add another meeting instead."
    )


class Meeting(models.Model):
    """A meeting of a board, the papers it receives, and when they were published."""

    class Precision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField()
    precision = models.CharField(
        max_length=8,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text="'Month' where the source gives only the month (the date is then the 1st).",
    )
    starts_at = models.TimeField(null=True, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    papers_published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the papers were first published (made available to members).",
    )
    received = models.ManyToManyField(
        ReportingLine,
        related_name="meetings",
        blank=True,
        help_text="What the source documents record as reported at this meeting.",
    )
    is_demo = models.BooleanField(default=False, help_text="Made up for demonstration.")
    # Two people changing a meeting at once: the form carries the version it was opened at,
    # and a save from an older version is refused (boards.services.save_meeting).
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="One more at every save of the meeting."
    )
    updated_at = models.DateTimeField("last saved", null=True, blank=True, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name="last saved by",
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["board", "date"]
        constraints = [models.UniqueConstraint(fields=["board", "date"], name="one_meeting_a_day")]

    def __str__(self) -> str:
        return f"{self.board.short_name}, {self.date_label}"

    def get_absolute_url(self) -> str:
        return reverse("boards:meeting", args=[self.board.slug, self.date.isoformat()])

    def clean(self) -> None:
        """A meeting whose papers are published keeps its board and date, however it is
        changed: the papers say whose meeting it is and when, members were emailed links to
        them, and who may read a Part 2 pack is decided by the meeting's board."""
        stored = (
            Meeting.objects.filter(pk=self.pk, papers_published_at__isnull=False)
            .values("board_id", "date")
            .first()
        )
        if stored and (stored["board_id"], stored["date"]) != (self.board_id, self.date):
            raise ValidationError(published_meeting_stays_message(stored["date"]))

    @property
    def date_label(self) -> str:
        if self.precision == self.Precision.MONTH:
            return f"{self.date:%B %Y}"
        return f"{self.date:%-d %B %Y}"

    @property
    def papers_deadline(self) -> datetime.date:
        """The last day the papers may be published and still be on time."""
        return papers_deadline(self.date, self.board.papers_deadline_days)

    def papers_timeliness(self, today: datetime.date) -> Timeliness:
        published = (
            timezone.localdate(self.papers_published_at) if self.papers_published_at else None
        )
        return timeliness(published, self.date, self.board.papers_deadline_days, today)

    @property
    def report_part(self) -> "AgendaItem.Part":
        """The part of the agenda the performance report is taken in: Part 1 (public) unless
        its agenda item is exempt."""
        for item in self.agenda_items.all():
            if item.is_performance_report:
                return item.part
        return AgendaItem.Part.ONE

    def papers_visible_to(self, user: AbstractBaseUser) -> bool:
        """Whether this person may open the papers: officers and managers always; the board's
        members always; anyone with a role only Part 1 papers of a board that meets in public."""
        if sees_every_paper(user):
            return True
        if not roles.has_any_role(user):
            return False
        if self.board.has_member(user):
            return True
        return self.board.meets_in_public and self.report_part == AgendaItem.Part.ONE


class AgendaItem(models.Model):
    """An item on a meeting's agenda, taken in public (Part 1) or in private (Part 2)."""

    class Part(models.TextChoices):
        ONE = "1", "Part 1 (public)"
        TWO = "2", "Part 2 (exempt)"

    # Local Government Act 1972, Schedule 12A, Part 1: the descriptions of exempt information.
    EXEMPT_PARAGRAPHS = [
        (1, "1. Information relating to any individual"),
        (2, "2. Information likely to reveal the identity of an individual"),
        (3, "3. Financial or business affairs of any particular person"),
        (4, "4. Consultations or negotiations on labour relations"),
        (5, "5. Legal professional privilege"),
        (6, "6. Notices, orders or directions under an enactment"),
        (7, "7. Prevention, investigation or prosecution of crime"),
    ]

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    part = models.CharField(max_length=1, choices=Part.choices, default=Part.ONE)
    exempt_paragraph = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=EXEMPT_PARAGRAPHS,
        help_text="For Part 2 items: the paragraph of Schedule 12A that makes it exempt.",
    )
    is_performance_report = models.BooleanField(
        default=False, help_text="This item is the performance report (the pack)."
    )

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="one_item_number"),
            models.UniqueConstraint(
                fields=["meeting"],
                condition=models.Q(is_performance_report=True),
                name="one_performance_report",
            ),
            models.CheckConstraint(
                condition=models.Q(part="1", exempt_paragraph__isnull=True)
                | models.Q(part="2", exempt_paragraph__isnull=False),
                name="exempt_items_name_their_paragraph",
                violation_error_message="A Part 2 item names the paragraph of Schedule 12A "
                "that makes it exempt; a Part 1 item names none.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"
