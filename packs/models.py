"""Published report packs, kept as evidence, and the background builds that make them."""

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from boards.models import AgendaItem, Board, Meeting, sees_every_paper

# Government Security Classifications: Part 1 papers are OFFICIAL; Part 2 papers carry
# unsuppressed small numbers and exempt information, a need-to-know handling caveat.
CLASSIFICATIONS = {
    AgendaItem.Part.ONE: "OFFICIAL",
    AgendaItem.Part.TWO: "OFFICIAL-SENSITIVE",
}


def classification_of(part: str) -> str:
    return CLASSIFICATIONS[AgendaItem.Part(part)]


def reads_part_2_papers(user: AbstractBaseUser, board: Board) -> bool:
    """Officers and managers, and the board's own members, read its exempt (Part 2) papers."""
    return sees_every_paper(user) or (roles.has_any_role(user) and board.has_member(user))


class PackVersionQuerySet(models.QuerySet):
    def for_meeting_page(self) -> "PackVersionQuerySet":
        return self.select_related("published_by").order_by("-number")


class PackVersion(models.Model):
    """One published version of a meeting's report pack: the PDF as it was published, stored
    once under its SHA-256 and never changed. A correction makes a new version, with a reason.
    """

    meeting = models.ForeignKey(
        Meeting,
        # Published papers are evidence: a meeting with a published pack cannot be deleted.
        on_delete=models.PROTECT,
        related_name="pack_versions",
    )
    number = models.PositiveIntegerField(help_text="1 for the first publication, then 2, 3...")
    sha256 = models.CharField("SHA-256", max_length=64, help_text="Of the stored PDF file.")
    size = models.PositiveIntegerField(help_text="Of the stored PDF file, in bytes.")
    file_name = models.CharField(
        max_length=200, help_text="Where the PDF is stored, under PRIVATE_STORAGE_ROOT."
    )
    part = models.CharField(
        max_length=1,
        choices=AgendaItem.Part.choices,
        help_text="Part 1 packs hide small numbers; Part 2 packs show the true figures.",
    )
    classification = models.CharField(max_length=32)
    cut_off = models.DateField(
        help_text="The latest period (stored as its first day) whose approved values it holds."
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    publisher_name = models.CharField(
        max_length=300, help_text="As it was on publication, kept if the account goes."
    )
    published_at = models.DateTimeField()
    reason = models.TextField(blank=True, help_text="Why a revised version was published.")
    is_demo = models.BooleanField(default=False, help_text="Made up for demonstration.")

    objects = PackVersionQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = "published pack version"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="one_pack_version_number"),
            models.CheckConstraint(
                condition=models.Q(number=1) | ~models.Q(reason=""),
                name="revised_packs_give_a_reason",
                violation_error_message="A revised pack (version 2 or later) needs a reason.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: pack version {self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "boards:pack_version",
            args=[self.meeting.board.slug, self.meeting.date.isoformat(), self.number],
        )

    @property
    def is_revised(self) -> bool:
        return self.number > 1

    @property
    def short_sha256(self) -> str:
        return self.sha256[:12]

    @property
    def filename(self) -> str:
        """The name a download is saved under: board, meeting date and version."""
        return f"{self.meeting.board.slug}-{self.meeting.date.isoformat()}-pack-v{self.number}.pdf"

    def visible_to(self, user: AbstractBaseUser, *, reads_part_2: bool | None = None) -> bool:
        """Whether this person may open this version, once Meeting.papers_visible_to has let
        them open the meeting: a Part 2 version only if they may read Part 2 papers of the
        board (reads_part_2, when already known), even if the meeting's report has since
        moved to Part 1."""
        if self.part == AgendaItem.Part.ONE:
            return True
        if reads_part_2 is None:
            reads_part_2 = reads_part_2_papers(user, self.meeting.board)
        return reads_part_2


class PackBuildQuerySet(models.QuerySet):
    def active(self) -> "PackBuildQuerySet":
        return self.filter(status__in=PackBuild.ACTIVE)


class PackBuild(models.Model):
    """A request to make a meeting's pack in the background: a draft to check, or a
    publication. The meeting page polls it to show progress."""

    class Kind(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISH = "publish", "Publication"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being prepared"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    ACTIVE = (Status.QUEUED, Status.RUNNING)
    # A build still queued or running after this long is taken to have died with its worker,
    # so that it does not block the next one for ever.
    ABANDONED_AFTER = datetime.timedelta(minutes=15)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="pack_builds")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True, help_text="For a revised publication: why.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.CharField(max_length=200, blank=True)
    version = models.ForeignKey(
        PackVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    draft_file_name = models.CharField(max_length=200, blank=True)
    draft_html_sha256 = models.CharField(
        max_length=64, blank=True, help_text="Of the pack's HTML, to tell if the draft is current."
    )
    error = models.TextField(blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = PackBuildQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "-requested_at"]
        verbose_name = "pack build"
        constraints = [
            # Two clicks, or two people, never start two builds of the same kind at once.
            models.UniqueConstraint(
                fields=["meeting", "kind"],
                condition=models.Q(status__in=["queued", "running"]),
                name="one_active_pack_build",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.meeting}: {self.get_status_display()}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED

    @property
    def is_publication(self) -> bool:
        return self.kind == self.Kind.PUBLISH

    def is_abandoned(self, now: datetime.datetime) -> bool:
        return self.is_active and now - self.requested_at > self.ABANDONED_AFTER

    def get_status_url(self) -> str:
        return reverse(
            "boards:pack_build",
            args=[self.meeting.board.slug, self.meeting.date.isoformat(), self.pk],
        )
