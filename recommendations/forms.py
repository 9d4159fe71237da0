"""What people type: an action's details, a progress update with its evidence, the answer that
closes a member's challenge, a reason, a recommendation's status set by hand, and a member's
challenge at a meeting.

Plain forms: every message is ours, and the lengths PostgreSQL enforces are checked here. The
moves themselves (and who may make them) are the models'; these only check what was typed.
"""

import datetime

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from accounts import roles
from boards.forms import DateField
from boards.models import Board, BoardMembership, Meeting
from kpis.choices import KpiStatus
from kpis.models import Kpi
from recommendations.choices import Progress, RecommendationStatus
from recommendations.models import Action, EvidenceDocument, person_name
from recommendations.uploads import UploadRefused, check_upload
from wokingham_cs.forms import Form

TITLE_LENGTH = Action._meta.get_field("title").max_length
NAME_LENGTH = EvidenceDocument._meta.get_field("original_name").max_length


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return person_name(obj)


def possible_owners() -> QuerySet:
    """People who can own an action: active officers and managers."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[roles.OFFICER, roles.MANAGER])
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def _required(message: str) -> dict:
    return {"required": message}


class ActionForm(Form):
    title = forms.CharField(
        label="What is to be done",
        max_length=TITLE_LENGTH,
        widget=forms.Textarea,
        error_messages={
            **_required("Say what is to be done"),
            "max_length": f"Say what is to be done in {TITLE_LENGTH} characters or fewer",
        },
    )
    owner = PersonChoiceField(
        label="Owner (optional)",
        queryset=possible_owners(),
        required=False,
        empty_label="Owner not set",
        help_text="A performance officer or manager, who will be reminded as it falls due.",
        error_messages={"invalid_choice": "Choose an owner from the list"},
    )
    lead_board = forms.ModelChoiceField(
        label="Lead board (optional)",
        queryset=Board.objects.by_full_name(),
        required=False,
        empty_label="No lead board",
        error_messages={"invalid_choice": "Choose a board from the list"},
    )
    due_date = DateField(label="Due date", required=False, help_text="For example, 31 3 2027")

    def __init__(self, *args, action: Action | None = None, **kwargs) -> None:
        if action is not None and action.pk:
            kwargs.setdefault("initial", {}).update(
                {
                    "title": action.title,
                    "owner": action.owner_id,
                    "lead_board": action.lead_board_id,
                    "due_date": action.due_date,
                }
            )
        super().__init__(*args, **kwargs)
        # Evaluated per form, so a person given a role since is offered.
        self.fields["owner"].queryset = possible_owners()

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise ValidationError("Say what is to be done")
        return title

    def date_boxes(self) -> list[dict]:
        return date_boxes(self["due_date"])


def date_boxes(field) -> list[dict]:
    """The day, month and year boxes of a DateField, for the GOV.UK date input."""
    widget = field.field.widget.get_context(field.html_name, field.value(), {"id": field.auto_id})
    return [
        {"label": label, **box}
        for label, box in zip(("Day", "Month", "Year"), widget["widget"]["subwidgets"], strict=True)
    ]


class KpiChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code}: {obj.title}"

    def _check_values(self, value):
        # A number too large for the database is refused here: SQLite raises on "pk IN (...)"
        # with one (ModelChoiceField's single lookup is range-checked, this one is not).
        for pk in value:
            text = str(pk)
            if not (text.isascii() and text.isdigit() and len(text) <= 18):
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super()._check_values(value)


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.board.short_name}, {obj.date_label}"


def meetings_for(user, action: Action) -> QuerySet:
    """Meetings an update may name as where it was discussed: those this person may open, of
    the action's lead board (or its recommendation's) if it has one, otherwise of any board,
    from a year ago to today."""
    today = timezone.localdate()
    meetings = (
        Meeting.objects.papers_visible_to(user)
        .filter(date__lte=today, date__gte=today - datetime.timedelta(days=366))
        .select_related("board")
        .order_by("-date", "board__short_name")
    )
    boards = [
        board_id
        for board_id in (
            action.lead_board_id,
            action.recommendation.lead_board_id if action.recommendation_id else None,
            action.challenge.meeting.board_id if action.challenge_id else None,
        )
        if board_id
    ]
    if boards:
        meetings = meetings.filter(board__in=boards)
    return meetings


class UpdateForm(Form):
    text = forms.CharField(
        label="What has happened",
        widget=forms.Textarea,
        error_messages=_required("Write what has happened"),
    )
    progress = forms.ChoiceField(
        label="Progress rating",
        choices=[("", "Keep the rating as it is"), *Progress.choices],
        required=False,
        error_messages={"invalid_choice": "Choose a rating from the list"},
    )
    kpis = KpiChoiceField(
        label="KPIs that show the progress (optional)",
        queryset=Kpi.objects.exclude(status=KpiStatus.RETIRED).order_by("code"),
        required=False,
        help_text="Their approved values before the action started and now are shown beside "
        "the update.",
        error_messages={"invalid_choice": "Choose KPIs from the list"},
    )
    meeting = MeetingChoiceField(
        label="Meeting where it was discussed (optional)",
        queryset=Meeting.objects.none(),
        required=False,
        empty_label="No meeting",
        error_messages={"invalid_choice": "Choose a meeting from the list"},
    )
    document = forms.FileField(
        label="Document (optional)",
        required=False,
        help_text=f"A PDF, Word (.docx), Excel (.xlsx), CSV, PNG or JPEG file, up to "
        f"{filesizeformat(settings.EVIDENCE_MAX_BYTES)}. Its content is checked, not only its "
        "name.",
        error_messages={"empty": "The document is empty: choose the file again"},
    )

    def __init__(self, *args, user, action: Action, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings_for(user, action)

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError("Write what has happened")
        return text

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if not upload:
            return None
        if upload.size > settings.EVIDENCE_MAX_BYTES:
            # Refused before it is read into memory.
            raise ValidationError(
                f"“{upload.name}” is {filesizeformat(upload.size)}: documents must be "
                f"{filesizeformat(settings.EVIDENCE_MAX_BYTES)} or smaller"
            )
        content = upload.read()
        name = upload.name[-NAME_LENGTH:]
        try:
            return check_upload(name, content, max_bytes=settings.EVIDENCE_MAX_BYTES)
        except UploadRefused as refused:
            raise ValidationError(str(refused)) from None


class EditUpdateForm(Form):
    text = forms.CharField(
        label="What has happened",
        widget=forms.Textarea,
        error_messages=_required("Write what has happened"),
    )


class ReasonForm(Form):
    reason = forms.CharField(
        label="Reason", widget=forms.Textarea, error_messages=_required("Give the reason")
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError("Give the reason")
        return reason


class AnswerForm(Form):
    answer = forms.CharField(
        label="The answer",
        widget=forms.Textarea,
        help_text="It is emailed to the member who asked.",
        error_messages=_required(
            "Write the answer to the member's challenge: it is what closes it"
        ),
    )


class OverrideForm(Form):
    status = forms.ChoiceField(
        label="Status",
        choices=RecommendationStatus.choices,
        widget=forms.RadioSelect,
        error_messages={
            **_required("Choose the status"),
            "invalid_choice": "Choose Open, In progress or Complete",
        },
    )
    reason = forms.CharField(
        label="Why the status is set by hand",
        widget=forms.Textarea,
        error_messages=_required("Give the reason for setting the status by hand"),
    )


class ChallengeForm(Form):
    member = PersonChoiceField(
        label="Member who asked",
        queryset=get_user_model().objects.none(),
        empty_label="Choose the member",
        error_messages={
            **_required("Choose the member who asked"),
            "invalid_choice": "Choose one of the board's members",
        },
    )
    question = forms.CharField(
        label="Their question or request",
        widget=forms.Textarea,
        error_messages=_required("Write the member's question or request"),
    )
    owner = PersonChoiceField(
        label="Owner of the answer (optional)",
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="Owner not set",
        error_messages={"invalid_choice": "Choose an owner from the list"},
    )

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        members = BoardMembership.objects.filter(board=meeting.board).values("user")
        self.fields["member"].queryset = (
            get_user_model()
            .objects.filter(Q(pk__in=members), is_active=True)
            .order_by("first_name", "last_name", "username")
        )
        self.fields["owner"].queryset = possible_owners()

    def clean_question(self) -> str:
        question = self.cleaned_data["question"].strip()
        if not question:
            raise ValidationError("Write the member's question or request")
        return question
