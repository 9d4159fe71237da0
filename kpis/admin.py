from django.contrib import admin

from kpis.models import Kpi
from kpis.services import change_status


@admin.register(Kpi)
class KpiAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "status", "unit", "polarity", "frequency", "owner")
    list_filter = ("status", "unit", "polarity", "frequency")
    search_fields = ("code", "title", "definition")
    readonly_fields = ("status_changed_at", "status_changed_by", "created_at", "updated_at")
    autocomplete_fields = ("owner",)
    fieldsets = (
        (None, {"fields": ("code", "title", "definition", "exclusions")}),
        ("Measure", {"fields": ("unit", "is_rate", "polarity", "frequency", "data_source")}),
        ("Lifecycle", {"fields": ("status", "status_changed_at", "status_changed_by", "owner")}),
        ("Source", {"fields": ("source_text", "note", "created_at", "updated_at")}),
    )

    def save_model(self, request, obj, form, change):
        new_status = obj.status
        if change and "status" in form.changed_data:
            # Save everything else first, then record the status change with who and when.
            obj.status = form.initial["status"]
            super().save_model(request, obj, form, change)
            change_status(kpi=obj, status=new_status, user=request.user)
        else:
            super().save_model(request, obj, form, change)
