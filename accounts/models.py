from django.conf import settings
from django.db import models
from django.utils import timezone


class RoleChangeQuerySet(models.QuerySet):
    def record(self, *, by, person, kind: str, detail: str = "") -> "RoleChange":
        return self.create(changed_by=by, person=person, kind=kind, detail=detail)

    def record_flags(self, *, by, person, before: dict[str, bool]) -> None:
        """One row for each of superuser, staff and active that differs from `before`."""
        for flag, (switched_on, switched_off) in FLAG_KINDS.items():
            now = getattr(person, flag)
            if flag in before and before[flag] != now:
                self.record(by=by, person=person, kind=switched_on if now else switched_off)

    def record_sets(
        self, *, by, person, before: set[str], after: set[str], given: str, taken: str
    ) -> None:
        """One row for each role (or permission) given or taken away."""
        for name in sorted(after - before):
            self.record(by=by, person=person, kind=given, detail=name)
        for name in sorted(before - after):
            self.record(by=by, person=person, kind=taken, detail=name)


class RoleChange(models.Model):
    """A change to what someone may do: a role given or taken away, superuser or staff status,
    an account deactivated, a permission, a seat on a board. Written by the admin as it saves,
    shown to administrators, never edited; the admin's own log is free text and can be
    deleted."""

    class Kind(models.TextChoices):
        CREATED = "created", "Account created"
        ROLE_GIVEN = "role-given", "Role given"
        ROLE_TAKEN = "role-taken", "Role taken away"
        SUPERUSER_ON = "superuser-on", "Made a superuser"
        SUPERUSER_OFF = "superuser-off", "Superuser status removed"
        STAFF_ON = "staff-on", "Given staff status"
        STAFF_OFF = "staff-off", "Staff status removed"
        ACTIVATED = "activated", "Account reactivated"
        DEACTIVATED = "deactivated", "Account deactivated"
        PERMISSION_GIVEN = "permission-given", "Permission given"
        PERMISSION_TAKEN = "permission-taken", "Permission taken away"
        # A board's members read its private (Part 2) papers, so a seat is recorded as a role.
        BOARD_JOINED = "board-joined", "Put on a board"
        BOARD_LEFT = "board-left", "Taken off a board"
        # An administrator who sets someone's password could sign in as them.
        PASSWORD_SET = "password-set", "Password set by an administrator"

    at = models.DateTimeField("when", default=timezone.now, db_index=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="changed by",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="role_changes",
        verbose_name="whose account",
    )
    kind = models.CharField("what", max_length=32, choices=Kind.choices)
    detail = models.CharField(
        max_length=255,
        blank=True,
        help_text="The role, permission or board given or taken away.",
    )

    objects = RoleChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "role change"

    def __str__(self) -> str:
        what = self.get_kind_display() + (f": {self.detail}" if self.detail else "")
        return f"{what} ({self.person} by {self.changed_by})"


FLAG_KINDS = {
    "is_superuser": (RoleChange.Kind.SUPERUSER_ON, RoleChange.Kind.SUPERUSER_OFF),
    "is_staff": (RoleChange.Kind.STAFF_ON, RoleChange.Kind.STAFF_OFF),
    "is_active": (RoleChange.Kind.ACTIVATED, RoleChange.Kind.DEACTIVATED),
}
