from decimal import Decimal

from django import forms
from django.conf import settings

from kpis.models import Kpi, KpiValue, Target
from kpis.validation import Entry, check_entry

FIGURE_LIMIT = 40
REASON_LIMIT = 1000


def typed_text_messages(what: str, limit: int | None = None) -> dict[str, str]:
    """Our words for what Django's CharField refuses itself: a NUL byte (which PostgreSQL
    cannot store; Django says "Null characters are not allowed.") and text over its limit."""
    messages = {
        "null_characters_not_allowed": f"The {what} contains a character that cannot be "
        "saved (a NUL byte): remove it",
    }
    if limit is not None:
        messages["max_length"] = (
            f"The {what} must be {limit:,} characters or fewer (it has %(show_value)d)"
        )
    return messages


def figure_field(name: str) -> forms.CharField:
    return forms.CharField(
        required=False,
        max_length=FIGURE_LIMIT,
        error_messages=typed_text_messages(name, FIGURE_LIMIT),
    )


class ValueForm(forms.Form):
    """One KPI's figures for one period. The fields are text so every message is ours."""

    value = figure_field("value")
    numerator = figure_field("numerator")
    denominator = figure_field("denominator")
    # Its length is checked with the figures (kpis.validation), as the import checks it.
    commentary = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=typed_text_messages("commentary"),
    )
    provisional = forms.BooleanField(required=False, label="Provisional (may change once checked)")
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self,
        *args,
        kpi: Kpi,
        target: Target | None,
        stored: KpiValue | None,
        **kwargs,
    ) -> None:
        if stored is not None:
            kwargs.setdefault("initial", {}).update(
                {
                    "value": "" if stored.value is None else _plain(stored.value),
                    "numerator": "" if stored.numerator is None else stored.numerator,
                    "denominator": "" if stored.denominator is None else stored.denominator,
                    "commentary": stored.commentary,
                    "provisional": stored.provisional,
                }
            )
        kwargs.setdefault("initial", {})["version"] = stored.version if stored else 0
        super().__init__(*args, **kwargs)
        self.kpi, self.target, self.stored = kpi, target, stored
        self.entry: Entry | None = None

    def clean(self) -> dict:
        data = super().clean()
        entry, errors = check_entry(
            unit=self.kpi.unit,
            is_rate=self.kpi.is_rate,
            polarity=self.kpi.polarity,
            value=data.get("value", ""),
            numerator=data.get("numerator", ""),
            denominator=data.get("denominator", ""),
            commentary=data.get("commentary", ""),
            provisional=data.get("provisional", False),
            target=self.target.target if self.target else None,
            amber=self.target.amber_threshold if self.target else None,
        )
        for name, message in errors.items():
            self.add_error(name, message)
        self.entry = entry
        return data


REASON_MESSAGES = typed_text_messages("reason", REASON_LIMIT)


class RevisionForm(ValueForm):
    reason = forms.CharField(
        label="Why is this approved value changing?",
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            **REASON_MESSAGES,
            "required": "Give the reason for changing an approved value",
        },
    )

    def clean(self) -> dict:
        data = super().clean()
        if self.entry is None and not self.errors:
            self.add_error("value", "Enter the revised value")
        return data


class SendBackForm(forms.Form):
    """Why a manager sends values back to their owner (checked only when sending back)."""

    reason = forms.CharField(
        max_length=REASON_LIMIT,
        error_messages={
            **REASON_MESSAGES,
            "required": "Say why these values are being sent back",
        },
    )


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label="CSV or Excel file",
        error_messages={"required": "Choose a CSV or Excel (.xlsx) file to upload"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The file must be a CSV or an Excel (.xlsx) file")
        limit = settings.IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file must be smaller than {limit / (1024 * 1024):,.1f} MB".replace(
                    ".0 MB", " MB"
                )
            )
        return upload


def _plain(number: Decimal) -> str:
    """A stored number as a person would type it: 85.5, not 85.5000."""
    text = format(number.normalize(), "f")
    return text
