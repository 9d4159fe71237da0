"""Published pack versions and builds, read-only: a published file is evidence, and changes
only by publishing a new version from the meeting's page."""

from django.contrib import admin

from packs.models import PackBuild, PackVersion


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PackVersion)
class PackVersionAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "number", "published_at", "publisher_name", "part", "sha256")
    list_filter = ("meeting__board", "part", "is_demo")
    search_fields = ("meeting__board__short_name", "sha256")
    date_hierarchy = "published_at"


@admin.register(PackBuild)
class PackBuildAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "kind", "status", "requested_by", "requested_at", "finished_at")
    list_filter = ("kind", "status")
