from django.contrib import admin

from boards.models import (
    AgendaItem,
    Board,
    BoardMembership,
    Meeting,
    ReportingLine,
)


class BoardMembershipInline(admin.TabularInline):
    model = BoardMembership
    extra = 1
    autocomplete_fields = ("user",)


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


@admin.register(ReportingLine)
class ReportingLineAdmin(admin.ModelAdmin):
    list_display = ("board", "kpi", "monitoring", "frequency")
    list_filter = ("board", "frequency")
    search_fields = ("kpi__code", "kpi__title", "monitoring__name")
    autocomplete_fields = ("kpi", "monitoring")


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 1
    fields = ("number", "title", "part", "exempt_paragraph", "is_performance_report")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("board", "date", "starts_at", "venue", "papers_published_at", "is_demo")
    list_filter = ("board", "is_demo")
    date_hierarchy = "date"
    search_fields = ("board__short_name", "board__name", "venue")
    # Publication is recorded by publishing a pack, never typed.
    readonly_fields = ("papers_published_at",)
    filter_horizontal = ("received",)
    inlines = [AgendaItemInline]

    def get_readonly_fields(self, request, obj=None):
        """Once its papers are published a meeting keeps its board and date (Meeting.clean):
        the papers say whose meeting it is and when, and the board decides who reads them."""
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.papers_published_at:
            return (*fields, "board", "date")
        return fields


@admin.register(BoardMembership)
class BoardMembershipAdmin(admin.ModelAdmin):
    list_display = ("board", "user", "subscribed")
    list_filter = ("board", "subscribed")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ("user",)


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ("meeting", "number", "title", "part", "exempt_paragraph")
    list_filter = ("part", "meeting__board")
    search_fields = ("title",)
