"""The audit trail: who changed what, when, from what, and why (from django-simple-history)."""

from collections.abc import Callable
from dataclasses import dataclass

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


def _who(record) -> str:
    user = record.history_user
    return (user.get_full_name() or user.username) if user else "System (data load)"


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
