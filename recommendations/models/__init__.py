"""The app's models, in three modules: the plan (recommendations, challenges, actions), the
timeline (status changes, progress updates and their evidence) and the reminders."""

from recommendations.models.plan import (
    Action,
    ActionQuerySet,
    Challenge,
    MoveRefused,
    Recommendation,
    RecommendationQuerySet,
    person_name,
)
from recommendations.models.progress import (
    AuditEntry,
    EvidenceDocument,
    ProgressUpdate,
    ProgressUpdateQuerySet,
)
from recommendations.models.reminders import STUCK_AFTER, ActionReminder, ReminderLine

__all__ = [
    "STUCK_AFTER",
    "Action",
    "ActionQuerySet",
    "ActionReminder",
    "AuditEntry",
    "Challenge",
    "EvidenceDocument",
    "MoveRefused",
    "ProgressUpdate",
    "ProgressUpdateQuerySet",
    "Recommendation",
    "RecommendationQuerySet",
    "ReminderLine",
    "person_name",
]
