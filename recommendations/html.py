"""The few bits of markup the plan's pages and tables share: statuses and ratings as GOV.UK
tags (always the word, colour only as an extra), and overdue in words."""

import datetime

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from recommendations.choices import ActionStatus, Progress, RecommendationStatus

ACTION_STATUS_CLASSES = {
    ActionStatus.NOT_STARTED: "govuk-tag--grey",
    ActionStatus.IN_PROGRESS: "govuk-tag--blue",
    ActionStatus.COMPLETE: "govuk-tag--turquoise",
    ActionStatus.CLOSED: "govuk-tag--green",
}
RECOMMENDATION_STATUS_CLASSES = {
    RecommendationStatus.OPEN: "govuk-tag--grey",
    RecommendationStatus.IN_PROGRESS: "govuk-tag--blue",
    RecommendationStatus.COMPLETE: "govuk-tag--green",
}
PROGRESS_CLASSES = {
    Progress.ON_TRACK: "govuk-tag--green",
    Progress.AT_RISK: "govuk-tag--yellow",
    Progress.OFF_TRACK: "govuk-tag--red",
}


def _tag(label: str, css: str) -> SafeString:
    return mark_safe(f'<strong class="govuk-tag {css}">{escape(label)}</strong>')


def action_status_tag(status: str) -> SafeString:
    status = ActionStatus(status)
    return _tag(status.label, ACTION_STATUS_CLASSES[status])


def recommendation_status_tag(status: str) -> SafeString:
    status = RecommendationStatus(status)
    return _tag(status.label, RECOMMENDATION_STATUS_CLASSES[status])


def progress_tag(progress: str) -> SafeString:
    if not progress:
        return mark_safe("Not rated")
    progress = Progress(progress)
    return _tag(progress.label, PROGRESS_CLASSES[progress])


def overdue_words(days: int) -> str:
    return f"Overdue by {days} day{'' if days == 1 else 's'}" if days else "Not overdue"


def overdue_tag(days: int) -> SafeString:
    if not days:
        return mark_safe("")
    return _tag(overdue_words(days), "govuk-tag--red")


def due_words(due: datetime.date | None) -> str:
    return f"{due:%-d %B %Y}" if due else "No due date"
