from django.contrib import admin

from findings.models import (
    Finding,
    FindingKpi,
    Framework,
    Inspection,
    InspectionGrade,
    JudgementArea,
    MonitoringArrangement,
    SourceDocument,
)


class JudgementAreaInline(admin.TabularInline):
    model = JudgementArea
    extra = 0
    fk_name = "framework"


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "in_force_from", "in_force_until")
    inlines = [JudgementAreaInline]


@admin.register(JudgementArea)
class JudgementAreaAdmin(admin.ModelAdmin):
    list_display = ("name", "framework", "parent", "graded", "order")
    list_filter = ("framework",)
    search_fields = ("name",)


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "published")
    list_filter = ("kind",)
    search_fields = ("title",)


class InspectionGradeInline(admin.TabularInline):
    model = InspectionGrade
    extra = 0


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = ("title", "framework", "year", "start_date", "overall_grade")
    list_filter = ("framework", "year")
    inlines = [InspectionGradeInline]


class FindingKpiInline(admin.TabularInline):
    model = FindingKpi
    extra = 0
    autocomplete_fields = ("kpi",)


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ("order", "area", "kind", "short_text", "inspection")
    list_display_links = ("order", "short_text")
    list_filter = ("inspection", "area", "kind", "judgement_area")
    search_fields = ("text", "note")
    inlines = [FindingKpiInline]
    filter_horizontal = ("monitoring",)

    @admin.display(description="Finding")
    def short_text(self, obj: Finding) -> str:
        return str(obj)


@admin.register(FindingKpi)
class FindingKpiAdmin(admin.ModelAdmin):
    list_display = ("finding", "kpi", "note")
    list_filter = ("kpi__status",)
    search_fields = ("finding__text", "kpi__code", "kpi__title")
    autocomplete_fields = ("kpi",)


@admin.register(MonitoringArrangement)
class MonitoringArrangementAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "frequency")
    list_filter = ("kind", "frequency")
    search_fields = ("name", "description")


@admin.register(InspectionGrade)
class InspectionGradeAdmin(admin.ModelAdmin):
    list_display = ("inspection", "area", "grade")
    list_filter = ("inspection", "grade")
