import django_filters
from django import forms
from django.db.models import QuerySet

from kpis.models import Frequency, Kpi, KpiStatus, Polarity, Unit

NO_BOARD = "none"


def board_choices() -> list[tuple[str, str]]:
    boards = sorted(Kpi.objects.receiving_boards(), key=lambda choice: choice[1].lower())
    return [*boards, (NO_BOARD, "Reported to no board")]


class KpiFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search", method="filter_text", widget=forms.TextInput(attrs={"type": "search"})
    )
    status = django_filters.ChoiceFilter(choices=KpiStatus.choices, empty_label="Any status")
    frequency = django_filters.ChoiceFilter(choices=Frequency.choices, empty_label="Any frequency")
    unit = django_filters.ChoiceFilter(choices=Unit.choices, empty_label="Any unit")
    polarity = django_filters.ChoiceFilter(choices=Polarity.choices, empty_label="Any polarity")
    board = django_filters.ChoiceFilter(
        label="Reported to board", choices=[], method="filter_board", empty_label="Any board"
    )

    class Meta:
        model = Kpi
        fields = ["q", "status", "frequency", "unit", "polarity", "board"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Choices come from the data, so they are read per request, not at import.
        self.filters["board"].extra["choices"] = board_choices()

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)

    def filter_board(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == NO_BOARD:
            return queryset.without_reporting_lines()
        return queryset.filter(
            pk__in=Kpi.objects.filter(reporting_lines__board__slug=value).values("pk")
        )
