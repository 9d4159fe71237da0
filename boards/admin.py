from django.contrib import admin

from boards.models import Board, Recommendation, ReportingLine, ReportingOccasion


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
    inlines = [ReportingLineInline]


class ReportingOccasionInline(admin.TabularInline):
    model = ReportingOccasion
    extra = 0


@admin.register(ReportingLine)
class ReportingLineAdmin(admin.ModelAdmin):
    list_display = ("board", "kpi", "monitoring", "frequency")
    list_filter = ("board", "frequency")
    search_fields = ("kpi__code", "kpi__title", "monitoring__name")
    autocomplete_fields = ("kpi", "monitoring")
    inlines = [ReportingOccasionInline]


@admin.register(ReportingOccasion)
class ReportingOccasionAdmin(admin.ModelAdmin):
    list_display = ("reporting_line", "reported_on", "precision")
    date_hierarchy = "reported_on"


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ("number", "theme", "status", "judgement_area", "source")
    list_filter = ("status", "source", "theme")
    search_fields = ("text", "theme")
