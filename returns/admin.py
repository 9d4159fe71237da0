from django.contrib import admin

from returns.models import ImportBatch, Reminder


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ("file_name", "uploaded_by", "uploaded_at", "imported_at", "imported_count")
    list_filter = ("imported_at",)
    readonly_fields = ("uploaded_by", "file_name", "rows", "seen_versions", "imported_at",
                       "imported_count")  # fmt: skip


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """What was sent to whom: a record, read here, never edited."""

    list_display = ("owner", "period", "status", "queued_at", "sent_at", "attempts")
    list_filter = ("status", "period")
    search_fields = ("owner__username", "owner__first_name", "owner__last_name")
    readonly_fields = [field.name for field in Reminder._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
