from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import F, Max
from django.forms.models import BaseInlineFormSet
from django.utils import timezone

from accounts.models import RoleChange
from boards.forms import (
    ITEM_NUMBER_MESSAGES,
    MAX_ITEM_NUMBER,
    UNKNOWN_PARAGRAPH,
    agenda_problems,
    part_problem,
)
from boards.models import (
    AgendaItem,
    Board,
    BoardMembership,
    Meeting,
    ReportingLine,
)

OWN_SEAT_REFUSED = (
    "You cannot put yourself on a board, take yourself off one or change your own seat: a "
    "board's members read its private (Part 2) papers. Ask another administrator."
)


def _may_change_own_seat(user) -> bool:
    # As with roles (accounts.admin.UserAdmin): a superuser already reads every paper.
    return user.is_superuser


class MembershipForm(forms.ModelForm):
    """Refuses a seat for whoever is editing, as accounts refuses an administrator their own
    roles: a seat would let the Administrator read the board's Part 2 papers."""

    editor = None  # set for each request by the admin

    def clean(self) -> dict:
        data = super().clean()
        if self.editor is None or _may_change_own_seat(self.editor) or not self.has_changed():
            return data
        people = {self.instance.user_id, getattr(data.get("user"), "pk", None)}
        if self.editor.pk in people:
            raise ValidationError(OWN_SEAT_REFUSED)
        return data


class MembershipFormSet(BaseInlineFormSet):
    """The board's members: an editor's own seat may not be removed here either (the forms of
    removed rows are not checked)."""

    editor = None

    def clean(self) -> None:
        super().clean()
        if self.editor is None or _may_change_own_seat(self.editor):
            return
        for form in self.deleted_forms:
            if form.instance.user_id == self.editor.pk:
                raise ValidationError(OWN_SEAT_REFUSED)


def _record_seats(request, board: Board, *, joined=(), left=()) -> None:
    """A RoleChange for each person put on or taken off the board."""
    people = get_user_model().objects.in_bulk({*joined, *left})
    for user_ids, kind in (
        (joined, RoleChange.Kind.BOARD_JOINED),
        (left, RoleChange.Kind.BOARD_LEFT),
    ):
        for user_id in sorted(user_ids):
            RoleChange.objects.record(
                by=request.user, person=people[user_id], kind=kind, detail=board.name
            )


class BoardMembershipInline(admin.TabularInline):
    model = BoardMembership
    form = MembershipForm
    formset = MembershipFormSet
    extra = 1
    autocomplete_fields = ("user",)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # Both classes are made afresh for each request by the inline formset factory.
        formset.editor = formset.form.editor = request.user
        return formset


class ReportingLineInline(admin.TabularInline):
    model = ReportingLine
    extra = 0
    autocomplete_fields = ("kpi", "monitoring")
    fields = ("kpi", "monitoring", "frequency", "purpose", "note")


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ("short_name", "name", "nature", "meets_in_public", "order")
    list_filter = ("nature", "meets_in_public")
    search_fields = ("short_name", "name")
    prepopulated_fields = {"slug": ("short_name",)}
    autocomplete_fields = ("chair",)
    inlines = [BoardMembershipInline, ReportingLineInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not BoardMembership:
            return super().save_formset(request, form, formset, change)
        board = form.instance
        before = set(board.memberships.values_list("user_id", flat=True))
        super().save_formset(request, form, formset, change)
        after = set(board.memberships.values_list("user_id", flat=True))
        _record_seats(request, board, joined=after - before, left=before - after)


@admin.register(ReportingLine)
class ReportingLineAdmin(admin.ModelAdmin):
    list_display = ("board", "kpi", "monitoring", "frequency")
    list_filter = ("board", "frequency")
    search_fields = ("kpi__code", "kpi__title", "monitoring__name")
    autocomplete_fields = ("kpi", "monitoring")


class AdminAgendaItemForm(forms.ModelForm):
    """An agenda row, checked as the app's meeting form checks it, in its words."""

    number = forms.IntegerField(
        min_value=1, max_value=MAX_ITEM_NUMBER, error_messages=ITEM_NUMBER_MESSAGES
    )

    class Meta:
        model = AgendaItem
        fields = ("number", "title", "part", "exempt_paragraph", "is_performance_report")
        error_messages = {"exempt_paragraph": {"invalid_choice": UNKNOWN_PARAGRAPH}}

    def clean(self) -> dict:
        data = super().clean()
        if "exempt_paragraph" not in self.errors:
            problem = part_problem(data.get("part"), data.get("exempt_paragraph"))
            if problem:
                self.add_error("exempt_paragraph", problem)
        return data

    def validate_constraints(self) -> None:
        # One number per item and one performance report are checked across the whole agenda
        # by AdminAgendaFormSet: checked row by row against the stored agenda, they would refuse
        # swapping two numbers, or moving the report, in one save. The rule on parts and
        # paragraphs is clean()'s.
        return


class AdminAgendaFormSet(BaseInlineFormSet):
    """The meeting's agenda, checked and saved as a whole, as the app's form does."""

    def clean(self) -> None:
        if any(self.errors):
            return
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
        ]
        problems = agenda_problems(kept)
        if problems:
            raise ValidationError(problems)

    def save(self, commit: bool = True):
        if commit:
            # The rows that change or go first step aside, above every number in use, and put
            # the performance report down: saved one by one, a swap of numbers or a move of the
            # report would otherwise meet the database's constraints half way through.
            moving = [
                form.instance.pk
                for form in self.initial_forms
                if form.has_changed() or self._should_delete_form(form)
            ]
            if moving:
                above = self.instance.agenda_items.aggregate(top=Max("number"))["top"]
                AgendaItem.objects.filter(pk__in=moving).update(
                    number=F("number") + above, is_performance_report=False
                )
        return super().save(commit)


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    form = AdminAgendaItemForm
    formset = AdminAgendaFormSet
    extra = 1
    fields = ("number", "title", "part", "exempt_paragraph", "is_performance_report")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("board", "date", "starts_at", "venue", "papers_published_at", "is_demo")
    list_filter = ("board", "is_demo")
    date_hierarchy = "date"
    search_fields = ("board__short_name", "board__name", "venue")
    # Publication is recorded by publishing a pack, never typed.
    readonly_fields = ("papers_published_at", "version", "updated_at", "updated_by")
    filter_horizontal = ("received",)
    inlines = [AgendaItemInline]

    def get_readonly_fields(self, request, obj=None):
        """Once its papers are published a meeting keeps its board and date (Meeting.clean):
        the papers say whose meeting it is and when, and the board decides who reads them."""
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.papers_published_at:
            return (*fields, "board", "date")
        return fields

    def save_model(self, request, obj, form, change):
        # A newer version: a change form opened in the app before this save is then refused
        # there, not allowed to overwrite it (boards.services.save_meeting).
        if change:
            obj.version = F("version") + 1
        obj.updated_at, obj.updated_by = timezone.now(), request.user
        super().save_model(request, obj, form, change)
        if change:
            obj.refresh_from_db(fields=["version"])


@admin.register(BoardMembership)
class BoardMembershipAdmin(admin.ModelAdmin):
    """Who sits on which board. Nobody changes their own seat here (MembershipForm), and every
    seat given or taken away is recorded with the role changes."""

    form = MembershipForm
    list_display = ("board", "user", "subscribed")
    list_filter = ("board", "subscribed")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ("user",)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.editor = request.user  # a class made afresh for each request
        return form

    def _own_seat(self, request, obj) -> bool:
        return (
            obj is not None
            and obj.user_id == request.user.pk
            and not _may_change_own_seat(request.user)
        )

    def has_change_permission(self, request, obj=None) -> bool:
        return not self._own_seat(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not self._own_seat(request, obj) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        stored = (
            BoardMembership.objects.select_related("board").filter(pk=obj.pk).first()
            if change
            else None
        )
        super().save_model(request, obj, form, change)
        if stored and (stored.board_id, stored.user_id) == (obj.board_id, obj.user_id):
            return
        if stored:
            _record_seats(request, stored.board, left=[stored.user_id])
        _record_seats(request, obj.board, joined=[obj.user_id])

    def delete_model(self, request, obj):
        _record_seats(request, obj.board, left=[obj.user_id])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for seat in queryset.select_related("board"):
            _record_seats(request, seat.board, left=[seat.user_id])
        super().delete_queryset(request, queryset)


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    """Agenda items to read and find. An agenda is changed on its meeting's page, where it is
    checked as a whole (AdminAgendaFormSet)."""

    list_display = ("meeting", "number", "title", "part", "exempt_paragraph")
    list_filter = ("part", "meeting__board")
    search_fields = ("title",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
