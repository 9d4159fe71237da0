"""The meeting form and its agenda: what officers type when they add or change a meeting.

Plain forms, not model forms: every message is ours, the lengths PostgreSQL enforces are
checked here, and the agenda is checked as a whole (numbers, the one performance report) before
anything is saved. When the papers were published is never typed: publishing sets it.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError

from boards.models import AgendaItem, Board, Meeting
from wokingham_cs.forms import Form

TIME_FORMATS = ["%H:%M", "%H.%M", "%I%p", "%I:%M%p", "%I.%M%p", "%I %p", "%I:%M %p", "%I.%M %p"]
MAX_ITEM_NUMBER = 999
UNKNOWN_PARAGRAPH = "Choose the paragraph of Schedule 12A from the list, 1 to 7"
ITEM_NUMBER_MESSAGES = {
    "required": "Enter the item's number",
    "invalid": "The item's number must be a whole number, like 4",
    "min_value": "The item's number must be 1 or more",
    "max_value": f"The item's number must be {MAX_ITEM_NUMBER} or less",
}
FIRST_YEAR, LAST_YEAR = 2000, 2099


class DateParts(forms.MultiWidget):
    """Day, month and year boxes, as the GOV.UK date input: the template lays them out."""

    def __init__(self) -> None:
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()])

    def decompress(self, value: datetime.date | None) -> list:
        if value:
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateField(forms.MultiValueField):
    """A date typed as day, month and year, with messages that say which part is wrong."""

    widget = DateParts

    def __init__(self, *, label: str, **kwargs) -> None:
        self.what = label.lower()
        part = forms.CharField(
            required=False,
            max_length=4,
            error_messages=dict.fromkeys(
                ("max_length", "null_characters_not_allowed"),
                f"The {self.what} must be a real date, in numbers",
            ),
        )
        super().__init__(
            fields=[part, part, part],
            require_all_fields=False,
            label=label,
            error_messages={"required": f"Enter the {self.what}"},
            **kwargs,
        )

    def compress(self, values: list) -> datetime.date | None:
        if not values or not any(values):
            return None
        day, month, year = (str(value or "").strip() for value in values)
        missing = [
            name for name, text in (("day", day), ("month", month), ("year", year)) if not text
        ]
        if missing:
            raise ValidationError(f"The {self.what} must include a {' and '.join(missing)}")
        # ASCII digits only: str.isdigit() also takes "²⁰²⁷" (which int() refuses) and "٢٠٢٧".
        if not all(text.isascii() and text.isdigit() for text in (day, month, year)):
            raise ValidationError(f"The {self.what} must be a real date, in numbers")
        if len(year) != 4 or not FIRST_YEAR <= int(year) <= LAST_YEAR:
            raise ValidationError(
                f"The year of the {self.what} must be four digits, from {FIRST_YEAR} to {LAST_YEAR}"
            )
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"The {self.what} must be a real date") from None


def date_taken_message(board: Board, day: datetime.date) -> str:
    return (
        f"The {board.short_name} already has a meeting on {day:%-d %B %Y}: choose another "
        "date, or change that meeting instead"
    )


class MeetingForm(Form):
    date = DateField(label="Meeting date", help_text="For example, 8 12 2026")
    starts_at = forms.TimeField(
        label="Start time (optional)",
        required=False,
        input_formats=TIME_FORMATS,
        help_text="For example, 19:00 or 7pm",
        error_messages={"invalid": "Enter the start time like 19:00 or 7pm"},
    )
    venue = forms.CharField(
        label="Venue (optional)",
        required=False,
        max_length=Meeting._meta.get_field("venue").max_length,
        help_text="For example, Council Chamber, Shute End, Wokingham",
        error_messages={"max_length": "The venue must be %(limit_value)d characters or fewer"},
    )

    # The version of the meeting the form was opened at: a save from an older one is refused.
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        """`meeting` is the meeting being changed, or a new one with its board set."""
        self.meeting = meeting
        if meeting.pk:
            starts_at = f"{meeting.starts_at:%H:%M}" if meeting.starts_at else ""
            kwargs.setdefault("initial", {}).update(
                {
                    "date": meeting.date,
                    "starts_at": starts_at,
                    "venue": meeting.venue,
                    "version": meeting.version,
                }
            )
        super().__init__(*args, **kwargs)

    def clean_version(self) -> int | None:
        # Not a message for anyone: a version that is not a number is out of date, no more.
        version = self.cleaned_data["version"]
        return int(version) if version.isascii() and version.isdigit() else None

    def move_on_to(self, version: int) -> None:
        """Keep everything typed, but as a change of this version: saving again is then a
        decision to replace what someone else saved."""
        data = self.data.copy()
        data["version"] = str(version)
        self.data = data

    def date_boxes(self) -> list[dict]:
        """The day, month and year boxes, each with its label, name, id and value (as typed,
        or from the meeting), for the GOV.UK date input."""
        field = self["date"]
        widget = field.field.widget.get_context(
            field.html_name, field.value(), {"id": field.auto_id}
        )
        return [
            {"label": label, **box}
            for label, box in zip(
                ("Day", "Month", "Year"), widget["widget"]["subwidgets"], strict=True
            )
        ]

    def clean_date(self) -> datetime.date:
        day = self.cleaned_data["date"]
        meeting, board = self.meeting, self.meeting.board
        if meeting.pk and meeting.papers_published_at and day != meeting.date:
            raise ValidationError(
                f"The papers for the meeting on {meeting.date_label} have been published, so "
                "its date cannot change: they say when it is. Add the new date as another "
                "meeting."
            )
        if Meeting.objects.filter(board=board, date=day).exclude(pk=meeting.pk).exists():
            raise ValidationError(date_taken_message(board, day))
        return day


class AgendaItemForm(Form):
    number = forms.IntegerField(
        label="Item number",
        min_value=1,
        max_value=MAX_ITEM_NUMBER,
        error_messages=ITEM_NUMBER_MESSAGES,
    )
    title = forms.CharField(
        label="Title",
        max_length=AgendaItem._meta.get_field("title").max_length,
        error_messages={
            "required": "Enter the item's title",
            "max_length": "The item's title must be %(limit_value)d characters or fewer",
        },
    )
    part = forms.ChoiceField(
        label="Part",
        choices=AgendaItem.Part.choices,
        initial=AgendaItem.Part.ONE,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose Part 1 (public) or Part 2 (exempt)"},
    )
    exempt_paragraph = forms.TypedChoiceField(
        label="Schedule 12A paragraph (Part 2 only)",
        choices=[("", "Not exempt (Part 1)"), *AgendaItem.EXEMPT_PARAGRAPHS],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": UNKNOWN_PARAGRAPH},
    )
    is_performance_report = forms.BooleanField(
        label="This item is the performance report", required=False
    )

    def clean(self) -> dict:
        data = super().clean()
        # An unknown paragraph has been answered already; one message is enough.
        if "exempt_paragraph" not in self.errors:
            problem = part_problem(data.get("part"), data.get("exempt_paragraph"))
            if problem:
                self.add_error("exempt_paragraph", problem)
        return data


def part_problem(part: str | None, paragraph: int | None) -> str | None:
    """What is wrong with an item's part and Schedule 12A paragraph together, if anything."""
    if part == AgendaItem.Part.TWO and paragraph is None:
        return (
            "A Part 2 item is taken in private: choose the paragraph of Schedule 12A that "
            "makes it exempt"
        )
    if part == AgendaItem.Part.ONE and paragraph is not None:
        return "A Part 1 item is public: choose \u201cNot exempt\u201d, or make the item Part 2"
    return None


def agenda_problems(items: list[dict]) -> list[str]:
    """What is wrong with an agenda as a whole (dicts of number and is_performance_report):
    a number used twice, more than one performance report."""
    problems = []
    numbers = [item["number"] for item in items]
    repeated = sorted({number for number in numbers if numbers.count(number) > 1})
    if repeated:
        problems.append(
            f"Two agenda items are numbered {repeated[0]}: give each item its own number"
        )
    reports = [item["number"] for item in items if item["is_performance_report"]]
    if len(reports) > 1:
        problems.append(
            "Only one item can be the performance report: it is ticked on items "
            f"{' and '.join(str(number) for number in reports)}"
        )
    return problems


class BaseAgendaFormSet(forms.BaseFormSet):
    """The agenda: the meeting's items, then empty rows numbered on from them. Empty rows left
    as they are, and rows ticked "Remove", are not saved."""

    def __init__(self, *args, existing: int = 0, empty_rows: int = 0, **kwargs) -> None:
        self.existing, self.extra = existing, empty_rows
        super().__init__(*args, **kwargs)

    def initial_form_count(self) -> int:
        # The empty rows have initial numbers but are extra rows, which may be left blank.
        if self.is_bound:
            return super().initial_form_count()
        return self.existing

    def items(self) -> list[dict]:
        """The agenda as typed, without blank and removed rows, in number order."""
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.has_changed() or form in self.initial_forms
            if not self._should_delete_form(form)
        ]
        return sorted(kept, key=lambda item: item["number"])

    def clean(self) -> None:
        if any(self.errors):
            return
        problems = agenda_problems(self.items())
        if problems:
            raise ValidationError(problems[0])


AgendaFormSet = forms.formset_factory(
    AgendaItemForm,
    formset=BaseAgendaFormSet,
    extra=0,
    can_delete=True,
    can_delete_extra=False,
    max_num=60,
    validate_max=True,
)


def agenda_formset(data: dict | None, *, meeting: Meeting, empty_rows: int) -> BaseAgendaFormSet:
    """The agenda rows for a form: the meeting's items, then empty rows numbered on from them."""
    items = list(meeting.agenda_items.all()) if meeting.pk else []
    initial = [
        {
            "number": item.number,
            "title": item.title,
            "part": item.part,
            "exempt_paragraph": item.exempt_paragraph,
            "is_performance_report": item.is_performance_report,
        }
        for item in items
    ]
    last = max((item.number for item in items), default=0)
    initial += [{"number": last + n, "part": AgendaItem.Part.ONE} for n in range(1, empty_rows + 1)]
    return AgendaFormSet(
        data, initial=initial, prefix="agenda", existing=len(items), empty_rows=empty_rows
    )
