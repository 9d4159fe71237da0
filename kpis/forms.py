from django import forms
from django.utils import timezone

from kpis.models import Benchmark, Kpi
from kpis.periods import Period, PeriodError, financial_year_label
from kpis.rag import amber_threshold_error


def financial_year_choices() -> list[tuple[int, str]]:
    this_year = Period.from_date(timezone.localdate()).financial_year
    return [(year, financial_year_label(year)) for year in range(this_year + 1, 2009, -1)]


class TargetForm(forms.Form):
    financial_year = forms.TypedChoiceField(coerce=int, choices=financial_year_choices)
    target = forms.DecimalField(
        max_digits=14,
        decimal_places=4,
        error_messages={"required": "Enter the target", "invalid": "Enter the target as a number"},
    )
    amber_threshold = forms.DecimalField(
        required=False,
        max_digits=14,
        decimal_places=4,
        error_messages={"invalid": "Enter the amber threshold as a number"},
        help_text="The worst value still rated Amber. Leave blank if any miss is Red.",
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, kpi: Kpi, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kpi = kpi

    def clean(self) -> dict:
        data = super().clean()
        if data.get("target") is not None:
            error = amber_threshold_error(
                data["target"], data.get("amber_threshold"), self.kpi.polarity
            )
            if error:
                self.add_error("amber_threshold", error)
        return data


class BenchmarkForm(forms.Form):
    period = forms.CharField(
        max_length=7,
        help_text="The month the comparator's period ends, like 2024-03",
        error_messages={"required": "Enter the period, like 2024-03"},
    )
    comparator = forms.ChoiceField(choices=Benchmark.Comparator.choices)
    value = forms.DecimalField(
        max_digits=14,
        decimal_places=4,
        error_messages={"required": "Enter the value", "invalid": "Enter the value as a number"},
    )
    source = forms.CharField(
        max_length=300, error_messages={"required": "Say where the figure comes from"}
    )
    year_label = forms.CharField(
        label="Year the source gives",
        max_length=20,
        error_messages={"required": "Enter the year the source gives, like 2023-24"},
    )

    def clean_period(self) -> Period:
        try:
            return Period.parse(self.cleaned_data["period"])
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from error
