"""The audit trail: who changed what, when, from what, and why (from django-simple-history)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist

VALUE_FIELDS = ("value", "numerator", "denominator", "commentary", "provisional", "status",
                "revision")  # fmt: skip
TARGET_FIELDS = ("target", "amber_threshold")
KPI_FIELDS = ("title", "definition", "exclusions", "unit", "is_rate", "polarity", "frequency",
              "due_month", "status", "owner", "data_source")  # fmt: skip


@dataclass
class Change:
    field: str
    old: object
    new: object


@dataclass
class AuditEntry:
    when: object
    who: str
    what: str
    action: str
    changes: list[Change]
    why: str


DATA_LOAD = "System (data load)"
DELETED_USER = "A deleted user"
# The fields that name who typed a row, on the models people create rows of (values,
# targets, comparators).
TYPED_BY = ("entered_by_id", "set_by_id")


def _who(record) -> str:
    """The person who made this change. People on record can no longer be deleted (accounts),
    but an account deleted before that, or outside Django, leaves no name: the row then says
    so, and is put down to a data load only when it looks like one."""
    try:
        user = record.history_user
    except ObjectDoesNotExist:
        user = None
    if user is not None:
        return user.get_full_name() or user.username
    if record.history_user_id is None and _is_data_load(record):
        return DATA_LOAD
    return DELETED_USER


def _is_data_load(record) -> bool:
    """The seed and demo loads run with no one signed in, and only create rows (the demo
    marks its rows and reasons); a change or deletion, or a row someone typed, was a person's."""
    if (record.history_change_reason or "").startswith("Demo data"):
        return True
    if record.history_type != "+":
        return False
    typed = any(getattr(record, name, None) for name in TYPED_BY)
    return getattr(record, "is_demo", False) or not typed


def audit_entries(
    records: list, fields: tuple[str, ...], describe: Callable[[object], str]
) -> list[AuditEntry]:
    """Entries newest first, each comparing a historical record with the one before it for the
    same row. Records may come in any order and from several rows."""
    entries = []
    previous: dict[int, object] = {}
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        earlier = previous.get(record.id)
        previous[record.id] = record
        if earlier is None:
            action = "Created"
            changes = [
                Change(name, None, getattr(record, name))
                for name in fields
                if getattr(record, name) not in (None, "", False)
            ]
        else:
            delta = record.diff_against(earlier, included_fields=list(fields))
            changes = [Change(c.field, c.old, c.new) for c in delta.changes]
            action = "Deleted" if record.history_type == "-" else "Changed"
            if not changes and action == "Changed" and not record.history_change_reason:
                continue
        entries.append(
            AuditEntry(
                when=record.history_date,
                who=_who(record),
                what=describe(record),
                action=action,
                changes=changes,
                why=record.history_change_reason or "",
            )
        )
    return list(reversed(entries))
