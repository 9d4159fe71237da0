from django.contrib import admin

from returns.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ("file_name", "uploaded_by", "uploaded_at", "imported_at", "imported_count")
    list_filter = ("imported_at",)
    readonly_fields = ("uploaded_by", "file_name", "rows", "seen_versions", "imported_at",
                       "imported_count")  # fmt: skip
