import django_filters
from django import forms
from django.db.models import Q, QuerySet

from findings.models import Finding, MonitoringArrangement
from kpis.models import Kpi, KpiStatus

NO_KPI = "none"


def area_choices() -> list[tuple[str, str]]:
    return [(area, area) for area in Finding.objects.areas()]


def board_choices() -> list[tuple[str, str]]:
    """Boards that receive a KPI or a monitoring arrangement, in the boards' own order."""
    return sorted(
        set(Kpi.objects.receiving_boards()) | set(MonitoringArrangement.objects.receiving_boards()),
        key=lambda choice: choice[1].lower(),
    )


class AnnexFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search", method="filter_text", widget=forms.TextInput(attrs={"type": "search"})
    )
    area = django_filters.ChoiceFilter(label="Area", choices=[], empty_label="All areas")
    kind = django_filters.ChoiceFilter(
        label="Kind",
        choices=Finding.Kind.choices,
        empty_label="All kinds",
    )
    kpi_status = django_filters.ChoiceFilter(
        label="KPI status",
        choices=[*KpiStatus.choices, (NO_KPI, "No KPI mapped")],
        method="filter_kpi_status",
        empty_label="Any",
    )
    board = django_filters.ChoiceFilter(
        label="Reported to board", choices=[], method="filter_board", empty_label="Any board"
    )

    class Meta:
        model = Finding
        fields = ["q", "area", "kind", "kpi_status", "board"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Choices come from the data, so they are read per request, not at import.
        self.filters["area"].extra["choices"] = area_choices()
        self.filters["board"].extra["choices"] = board_choices()

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        matches = (
            Q(text__icontains=value)
            | Q(kpis__title__icontains=value)
            | Q(kpis__code__icontains=value)
            | Q(monitoring__name__icontains=value)
        )
        return queryset.filter(pk__in=Finding.objects.filter(matches).values("pk"))

    def filter_kpi_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == NO_KPI:
            return queryset.without_kpis()
        return queryset.filter(pk__in=Finding.objects.filter(kpis__status=value).values("pk"))

    def filter_board(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        received = Q(kpis__reporting_lines__board__slug=value) | Q(
            monitoring__reporting_lines__board__slug=value
        )
        return queryset.filter(pk__in=Finding.objects.filter(received).values("pk"))
