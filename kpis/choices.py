"""The fixed vocabularies of KPIs and their values, defined once.

Plain enums with no database access: the models use them as `choices=`, and the pure rule
modules (rag.py, periods.py, validation.py, charts.py) compare against them, never against
bare strings. The stored values are the strings on the left, so changing a label needs no
migration of data.
"""

from django.db.models import TextChoices


class Unit(TextChoices):
    PERCENT = "percent", "Percentage"
    COUNT = "count", "Count"
    DAYS = "days", "Days"
    NUMBER = "number", "Number"


class Polarity(TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"
    NONE = "none", "No polarity"


class Frequency(TextChoices):
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    TERMLY = "termly", "Termly"
    TWICE_YEARLY = "twice-yearly", "Twice a year"
    ANNUAL = "annual", "Annual"


class KpiStatus(TextChoices):
    """Where a KPI is in its lifecycle."""

    PROPOSED = "proposed", "Proposed"
    AGREED = "agreed", "Agreed"
    LIVE = "live", "Live"
    RETIRED = "retired", "Retired"


class Status(TextChoices):
    """Where a KPI value is in sign-off: draft, submitted for approval, approved."""

    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"


# Submitted and approved values have been put forward as figures; drafts are work in progress.
REPORTED = (Status.SUBMITTED, Status.APPROVED)
