import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from kpis.models import Frequency, Kpi, KpiStatus, Polarity, Unit
from kpis.rag import RAG_LABELS, Rag

NO_BOARD = "none"


def board_choices() -> list[tuple[str, str]]:
    boards = sorted(Kpi.objects.receiving_boards(), key=lambda choice: choice[1].lower())
    return [*boards, (NO_BOARD, "Reported to no board")]


def owner_queryset(request):
    return (
        get_user_model()
        .objects.filter(owned_kpis__isnull=False)
        .distinct()
        .order_by("last_name", "first_name")
    )


class KpiFilter(django_filters.FilterSet):
    """Filters for the scorecard. RAG is worked out per row, so the view applies that one."""

    q = django_filters.CharFilter(
        label="Search", method="filter_text", widget=forms.TextInput(attrs={"type": "search"})
    )
    rag = django_filters.ChoiceFilter(
        label="RAG",
        choices=[(rag.value, label) for rag, label in RAG_LABELS.items() if rag != Rag.NOT_DUE],
        method="filter_nothing", empty_label="Any RAG",
    )  # fmt: skip
    status = django_filters.ChoiceFilter(choices=KpiStatus.choices, empty_label="Any status")
    frequency = django_filters.ChoiceFilter(choices=Frequency.choices, empty_label="Any frequency")
    owner = django_filters.ModelChoiceFilter(queryset=owner_queryset, empty_label="Any owner")
    board = django_filters.ChoiceFilter(
        label="Reported to board", choices=[], method="filter_board", empty_label="Any board"
    )
    area = django_filters.ChoiceFilter(
        label="Annex A area", choices=[], method="filter_area", empty_label="Any area"
    )
    judgement_area = django_filters.ChoiceFilter(
        label="Ofsted judgement", choices=[], method="filter_judgement_area",
        empty_label="Any judgement",
    )  # fmt: skip
    unit = django_filters.ChoiceFilter(choices=Unit.choices, empty_label="Any unit")
    polarity = django_filters.ChoiceFilter(choices=Polarity.choices, empty_label="Any polarity")

    class Meta:
        model = Kpi
        fields = ["q", "rag", "status", "frequency", "owner", "board", "area", "judgement_area",
                  "unit", "polarity"]  # fmt: skip

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Choices come from the data, so they are read per request, not at import. Areas and
        # judgements belong to the findings that KPIs evidence, reached through the mapping.
        self.filters["board"].extra["choices"] = board_choices()
        self.filters["area"].extra["choices"] = Kpi.objects.evidenced_areas()
        self.filters["judgement_area"].extra["choices"] = Kpi.objects.evidenced_judgement_areas()

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)

    def filter_nothing(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset

    def filter_board(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == NO_BOARD:
            return queryset.without_reporting_lines()
        return queryset.filter(
            pk__in=Kpi.objects.filter(reporting_lines__board__slug=value).values("pk")
        )

    def filter_area(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            pk__in=Kpi.objects.filter(finding_links__finding__area=value).values("pk")
        )

    def filter_judgement_area(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            pk__in=Kpi.objects.filter(finding_links__finding__judgement_area=value).values("pk")
        )
