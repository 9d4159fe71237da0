from django import forms
from django.utils import timezone

from kpis.models import Benchmark, Kpi
from kpis.periods import Period, PeriodError, current_period, financial_year_label
from kpis.rag import amber_threshold_error
from kpis.validation import NumberError, parse_number, range_error
from wokingham_cs.forms import Form


def financial_year_choices() -> list[tuple[int, str]]:
    this_year = Period.from_date(timezone.localdate()).financial_year
    return [(year, financial_year_label(year)) for year in range(this_year + 1, 2009, -1)]


def figure(label: str, *, required: bool = True, help_text: str = "") -> forms.CharField:
    """A number typed as text, checked by the same rules as values (kpis.validation), so
    "1_5", "1e-30" and other scripts' digits are refused with a message of ours."""
    return forms.CharField(
        label=label,
        required=required,
        max_length=40,
        help_text=help_text,
        error_messages={"required": f"Enter the {label.lower()}"},
    )


def checked_figure(text: str, name: str, unit: str):
    """The number in the text, or a ValidationError saying, in words, what is wrong with it."""
    try:
        number = parse_number(text)
    except NumberError as error:
        if str(error) == "is not a number":
            raise forms.ValidationError(f"Enter the {name} as a number, like 85.5") from None
        raise forms.ValidationError(f"The {name} {error}") from None
    if number is not None and (problem := range_error(number, unit)):
        raise forms.ValidationError(f"The {name} {problem}")
    return number


class TargetForm(Form):
    financial_year = forms.TypedChoiceField(coerce=int, choices=financial_year_choices)
    target = figure("Target")
    amber_threshold = figure(
        "Amber threshold",
        required=False,
        help_text="The worst value still rated Amber. Leave blank if any miss is Red.",
    )
    note = forms.CharField(
        required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, kpi: Kpi, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kpi = kpi

    def clean_target(self):
        return checked_figure(self.cleaned_data["target"], "target", self.kpi.unit)

    def clean_amber_threshold(self):
        return checked_figure(
            self.cleaned_data["amber_threshold"], "amber threshold", self.kpi.unit
        )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("target") is not None:
            error = amber_threshold_error(
                data["target"], data.get("amber_threshold"), self.kpi.polarity
            )
            if error:
                self.add_error("amber_threshold", error)
        return data


class BenchmarkForm(Form):
    period = forms.CharField(
        max_length=7,
        help_text="The month the comparator's period ends, like 2024-03",
        error_messages={"required": "Enter the period, like 2024-03"},
    )
    comparator = forms.ChoiceField(choices=Benchmark.Comparator.choices)
    value = figure("Value")
    source = forms.CharField(
        max_length=300, error_messages={"required": "Say where the figure comes from"}
    )
    year_label = forms.CharField(
        label="Year the source gives",
        max_length=20,
        error_messages={"required": "Enter the year the source gives, like 2023-24"},
    )

    def __init__(self, *args, kpi: Kpi, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kpi = kpi

    def clean_period(self) -> Period:
        try:
            period = Period.parse(self.cleaned_data["period"])
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from error
        latest = current_period(timezone.localdate()).previous()
        if period > latest:
            raise forms.ValidationError(
                "A comparator describes a period that has ended: use "
                f"{latest} ({latest.label}) or earlier"
            )
        return period

    def clean_value(self):
        return checked_figure(self.cleaned_data["value"], "value", self.kpi.unit)
