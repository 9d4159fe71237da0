"""Recommendations are reference data the Administrator keeps (their words, source, lead board
and owner's role). Everything else here changes only through the service, where the workflow
checks who may do what and records it: the admin shows it, read-only."""

from django import forms
from django.contrib import admin

from findings.admin import FindingAdmin
from findings.models import Finding
from recommendations.models import (
    Action,
    ActionReminder,
    AuditEntry,
    Challenge,
    EvidenceDocument,
    ProgressUpdate,
    Recommendation,
    ReminderLine,
)


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ("number", "theme", "lead_board", "owner_role", "status_override", "source")
    list_filter = ("source", "lead_board")
    search_fields = ("text", "theme", "owner_role")
    # A manager sets (and lifts) the status by hand on the recommendation's page, with a
    # reason that is recorded; it is not typed here.
    readonly_fields = ("status_override", "override_reason", "overridden_by", "overridden_at")


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record, read here, never edited: it changes through the service."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Action)
class ActionAdmin(ReadOnlyAdmin):
    list_display = ("title", "owner", "lead_board", "due_date", "status", "progress", "is_demo")
    list_filter = ("status", "progress", "lead_board", "is_demo")
    search_fields = ("title", "owner__username", "owner__first_name", "owner__last_name")


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdmin):
    list_display = ("action", "author", "written_at", "progress", "is_demo")
    list_filter = ("progress", "is_demo")
    search_fields = ("text",)


@admin.register(EvidenceDocument)
class EvidenceDocumentAdmin(ReadOnlyAdmin):
    list_display = ("original_name", "kind", "size", "uploaded_by", "uploaded_at")
    list_filter = ("kind",)
    search_fields = ("original_name", "sha256")


@admin.register(Challenge)
class ChallengeAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "member", "recorded_at", "answered_at", "answer_emailed_at")
    search_fields = ("question", "answer")


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "action", "recommendation", "summary", "by")


class ReminderLineInline(admin.TabularInline):
    model = ReminderLine
    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ActionReminder)
class ActionReminderAdmin(ReadOnlyAdmin):
    list_display = ("owner", "queued_on", "status", "sent_at", "attempts")
    list_filter = ("status",)
    search_fields = ("owner__username", "owner__first_name", "owner__last_name")
    inlines = [ReminderLineInline]


class FindingForm(forms.ModelForm):
    """An area for improvement that actions answer stays one: made a strength in the admin, its
    actions would answer a strength ("What is being done about this strength")."""

    class Meta:
        model = Finding
        fields = "__all__"  # noqa: DJ007 (every field, as findings' own admin form has)

    def clean_kind(self):
        kind = self.cleaned_data.get("kind")
        if (
            self.instance.pk
            and kind != self.instance.kind
            and Action.objects.filter(finding_id=self.instance.pk).exists()
        ):
            raise forms.ValidationError(
                "Actions answer this finding as an area for improvement, so its kind cannot change"
            )
        return kind


# Findings' own admin, with the check above (findings may not know about actions).
admin.site.unregister(Finding)


@admin.register(Finding)
class FindingWithActionsAdmin(FindingAdmin):
    form = FindingForm
