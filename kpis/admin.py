from django.contrib import admin
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from kpis.models import Benchmark, Kpi, KpiValue, Target
from kpis.services import change_status


@admin.register(Kpi)
class KpiAdmin(SimpleHistoryAdmin):
    list_display = ("code", "title", "status", "unit", "polarity", "frequency", "owner")
    list_filter = ("status", "unit", "polarity", "frequency")
    search_fields = ("code", "title", "definition")
    readonly_fields = ("status_changed_at", "status_changed_by", "created_at", "updated_at")
    autocomplete_fields = ("owner",)
    fieldsets = (
        (None, {"fields": ("code", "title", "definition", "exclusions")}),
        (
            "Measure",
            {"fields": ("unit", "is_rate", "polarity", "frequency", "due_month", "data_source")},
        ),
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


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ("kpi", "financial_year", "target", "amber_threshold", "set_by", "is_demo")
    list_filter = ("financial_year", "is_demo")
    search_fields = ("kpi__code", "kpi__title")
    autocomplete_fields = ("kpi",)
    readonly_fields = ("set_by", "set_at")

    def save_model(self, request, obj, form, change):
        obj.set_by, obj.set_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)


@admin.register(KpiValue)
class KpiValueAdmin(SimpleHistoryAdmin):
    """Values are entered on the monthly return, where the rules live; here they are read-only."""

    list_display = ("kpi", "period", "value", "status", "revision", "provisional", "is_demo")
    list_filter = ("status", "provisional", "is_demo", "kpi__frequency")
    search_fields = ("kpi__code", "kpi__title", "commentary")
    date_hierarchy = "period"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Benchmark)
class BenchmarkAdmin(SimpleHistoryAdmin):
    list_display = ("kpi", "period", "comparator", "value", "year_label", "source", "is_demo")
    list_filter = ("comparator", "is_demo")
    search_fields = ("kpi__code", "source")
    autocomplete_fields = ("kpi",)
