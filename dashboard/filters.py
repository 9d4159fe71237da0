"""Filters of the pages composed here: the scorecard, the home dashboard and the Annex A.

Each narrows one app's rows by facts another app owns (the boards a KPI is reported to, the
findings it evidences), asking that app for the ids rather than following its relations.
"""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from boards.models import Board, ReportingLine, kpis_reported_to_no_board
from findings.models import Finding, FindingKpi
from kpis.choices import Frequency, KpiStatus, Polarity, Unit
from kpis.models import Kpi
from kpis.rag import RAG_LABELS, Rag

NO_BOARD = "none"
NO_KPI = "none"


class PersonChoiceField(forms.ModelChoiceField):
    """People by name, as every page shows them, not by username."""

    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class OwnerFilter(django_filters.ModelChoiceFilter):
    field_class = PersonChoiceField


def owner_queryset(request):
    return (
        get_user_model()
        .objects.filter(owned_kpis__isnull=False)
        .distinct()
        .order_by("last_name", "first_name")
    )


def kpis_reported_to(queryset: QuerySet, slug: str) -> QuerySet:
    if slug == NO_BOARD:
        return kpis_reported_to_no_board(queryset)
    return queryset.filter(pk__in=ReportingLine.objects.filter(board__slug=slug).kpi_ids())


class ScorecardFilter(django_filters.FilterSet):
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
    owner = OwnerFilter(queryset=owner_queryset, empty_label="Any owner")
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
        # Choices come from the data, so they are read per request, not at import.
        self.filters["board"].extra["choices"] = [
            *Board.objects.receiving_kpis().choices(),
            (NO_BOARD, "Reported to no board"),
        ]
        self.filters["area"].extra["choices"] = FindingKpi.objects.area_choices()
        self.filters["judgement_area"].extra["choices"] = (
            FindingKpi.objects.judgement_area_choices()
        )

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)

    def filter_nothing(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset

    def filter_board(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return kpis_reported_to(queryset, value)

    def filter_area(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(pk__in=FindingKpi.objects.filter(finding__area=value).kpi_ids())

    def filter_judgement_area(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        mapped = FindingKpi.objects.filter(finding__judgement_area=value)
        return queryset.filter(pk__in=mapped.kpi_ids())


class DashboardFilter(ScorecardFilter):
    """The home dashboard narrows the KPIs it counts by area, board, owner, status, frequency.
    Its judgements are all those of the latest inspection's framework (`judgement_areas`),
    including those no KPI evidences: choosing one of those shows the gap."""

    class Meta(ScorecardFilter.Meta):
        fields = ["judgement_area", "board", "owner", "status", "frequency"]

    def __init__(self, *args, judgement_areas=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ["q", "rag", "area", "unit", "polarity"]:
            self.filters.pop(name, None)
        if judgement_areas:
            self.filters["judgement_area"].extra["choices"] = [
                (str(area.pk), area.name) for area in judgement_areas
            ]


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
        self.filters["area"].extra["choices"] = [(area, area) for area in Finding.objects.areas()]
        self.filters["board"].extra["choices"] = Board.objects.receiving_anything().choices()

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
        lines = ReportingLine.objects.filter(board__slug=value)
        received = Q(kpis__in=lines.kpi_ids()) | Q(monitoring__in=lines.monitoring_ids())
        return queryset.filter(pk__in=Finding.objects.filter(received).values("pk"))
