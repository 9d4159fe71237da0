"""The tracker's filters: by source (a review, an inspection, or members' challenges), owner
(or none set), board (the action's lead board, or its recommendation's), status, progress
rating and overdue. Choices come from the data, so they are read per request."""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from boards.models import Board
from findings.models import Inspection, SourceDocument
from recommendations.choices import DONE, ActionStatus, Progress
from recommendations.models import Action, Recommendation, person_name

NONE = "none"
CHALLENGES = "challenges"


def source_choices() -> list[tuple[str, str]]:
    reviews = SourceDocument.objects.filter(
        pk__in=Recommendation.objects.values("source")
    ).order_by("title")
    inspections = Inspection.objects.filter(
        pk__in=Action.objects.filter(finding__isnull=False).values("finding__inspection")
    ).latest_first()
    return [
        *((f"document-{doc.pk}", doc.title) for doc in reviews),
        *((f"inspection-{inspection.pk}", inspection.title) for inspection in inspections),
        (CHALLENGES, "Members' challenges at meetings"),
    ]


def owner_choices() -> list[tuple[str, str]]:
    owners = (
        get_user_model()
        .objects.filter(pk__in=Action.objects.filter(owner__isnull=False).values("owner"))
        .order_by("first_name", "last_name", "username")
    )
    return [(NONE, "Owner not set"), *((str(user.pk), person_name(user)) for user in owners)]


class ActionFilter(django_filters.FilterSet):
    source = django_filters.ChoiceFilter(
        label="Source", choices=[], method="filter_source", empty_label="Any source"
    )
    owner = django_filters.ChoiceFilter(
        label="Owner", choices=[], method="filter_owner", empty_label="Anyone"
    )
    board = django_filters.ChoiceFilter(
        label="Lead board", choices=[], method="filter_board", empty_label="Any board"
    )
    status = django_filters.ChoiceFilter(choices=ActionStatus.choices, empty_label="Any status")
    progress = django_filters.ChoiceFilter(
        label="Progress",
        choices=[*Progress.choices, (NONE, "Not rated")],
        method="filter_progress",
        empty_label="Any rating",
    )
    overdue = django_filters.ChoiceFilter(
        label="Overdue",
        choices=[("yes", "Overdue"), ("no", "Not overdue")],
        method="filter_overdue",
        empty_label="Overdue or not",
    )

    class Meta:
        model = Action
        fields = ["source", "owner", "board", "status", "progress", "overdue"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["source"].extra["choices"] = source_choices()
        self.filters["owner"].extra["choices"] = owner_choices()
        self.filters["board"].extra["choices"] = Board.objects.choices()

    def filter_source(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == CHALLENGES:
            return queryset.filter(challenge__isnull=False)
        kind, _, pk = value.partition("-")
        if kind == "document":
            return queryset.filter(recommendation__source_id=pk)
        return queryset.filter(finding__inspection_id=pk)

    def filter_owner(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == NONE:
            return queryset.filter(owner__isnull=True)
        return queryset.filter(owner_id=value)

    def filter_board(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(lead_board__slug=value)
            | Q(lead_board__isnull=True, recommendation__lead_board__slug=value)
        )

    def filter_progress(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(progress="" if value == NONE else value)

    def filter_overdue(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        overdue = Q(due_date__lt=timezone.localdate()) & ~Q(status__in=DONE)
        return queryset.filter(overdue) if value == "yes" else queryset.exclude(overdue)
