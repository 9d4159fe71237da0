from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from kpis.models import Benchmark, Kpi, KpiValue, Target
from kpis.permissions import is_manager, is_officer
from kpis.services import change_status
from kpis.validation import range_error


class HistoryAdmin(SimpleHistoryAdmin):
    """The history pages are for reading. django-simple-history's page for one earlier version
    is also a form that saves ("revert") for anyone who may view the row, bypassing the change
    permission, the workflow and its reasons; here it only shows the version."""

    def revert_disabled(self, request, obj=None) -> bool:
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class RecordAdmin(HistoryAdmin):
    """Rows that change only in the service, through the moves that check who may do what and
    keep the audit trail with a reason: read here by everyone, changed by no one, superusers
    included (deleting one would also go around the trail, single or in bulk)."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class KpiAdminForm(forms.ModelForm):
    """What the admin may not do to a KPI behind the pages' backs: give it an owner who cannot
    enter its values (only officers and managers collect them), or a unit its stored values
    break (a percentage of 113)."""

    class Meta:
        model = Kpi
        fields = ("owner", "unit")  # the admin adds the rest of its fieldsets

    def clean_owner(self):
        owner = self.cleaned_data.get("owner")
        if owner is not None and not (is_officer(owner) or is_manager(owner)):
            raise forms.ValidationError(
                "The owner must be a performance officer or a manager: owners enter the values"
            )
        return owner

    def clean_unit(self):
        unit = self.cleaned_data.get("unit")
        if self.instance.pk and unit != self.instance.unit:
            for value in self.instance.values.exclude(value=None).order_by("period"):
                problem = range_error(value.value, unit)
                if problem:
                    raise forms.ValidationError(
                        f"This KPI has values the new unit cannot hold: {value.period_obj.label}'s "
                        f"{value.value.normalize():f} {problem}. Correct the values first"
                    )
        return unit


@admin.register(Kpi)
class KpiAdmin(HistoryAdmin):
    form = KpiAdminForm
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
class TargetAdmin(RecordAdmin):
    """Managers set targets on the KPI page, which keeps the old one in the history."""

    list_display = ("kpi", "financial_year", "target", "amber_threshold", "set_by", "is_demo")
    list_filter = ("financial_year", "is_demo")
    search_fields = ("kpi__code", "kpi__title")


@admin.register(KpiValue)
class KpiValueAdmin(RecordAdmin):
    """Values are entered on the monthly return, where the rules live; an approved one changes
    only by a revision with a reason, which goes back for approval."""

    list_display = ("kpi", "period", "value", "status", "revision", "provisional", "is_demo")
    list_filter = ("status", "provisional", "is_demo", "kpi__frequency")
    search_fields = ("kpi__code", "kpi__title", "commentary")
    date_hierarchy = "period"


@admin.register(Benchmark)
class BenchmarkAdmin(HistoryAdmin):
    list_display = ("kpi", "period", "comparator", "value", "year_label", "source", "is_demo")
    list_filter = ("comparator", "is_demo")
    search_fields = ("kpi__code", "source")
    autocomplete_fields = ("kpi",)
