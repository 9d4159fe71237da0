"""The fixed vocabularies of recommendations and actions, defined once.

Plain enums with no database access: the models use them as `choices=`, and the pure rules
(recommendations/rules.py) compare against them, never against bare strings.
"""

from django.db.models import TextChoices


class ActionStatus(TextChoices):
    NOT_STARTED = "not-started", "Not started"
    IN_PROGRESS = "in-progress", "In progress"
    # The owner says it is done; a manager has not yet signed it off.
    COMPLETE = "complete", "Complete"
    # Signed off by a manager, on evidence.
    CLOSED = "closed", "Closed"


#: Statuses in which an action can no longer be overdue: the work is done.
DONE = frozenset({ActionStatus.COMPLETE, ActionStatus.CLOSED})


class Progress(TextChoices):
    ON_TRACK = "on-track", "On track"
    AT_RISK = "at-risk", "At risk"
    OFF_TRACK = "off-track", "Off track"


class RecommendationStatus(TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in-progress", "In progress"
    COMPLETE = "complete", "Complete"


class ReminderKind(TextChoices):
    DUE_SOON = "due-soon", "Falls due soon"
    OVERDUE = "overdue", "Overdue"
