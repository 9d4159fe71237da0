from django.contrib import admin, messages
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.http import HttpResponseRedirect

from accounts.models import RoleChange

User = get_user_model()

# What a person may do, beyond their details: recorded whenever the admin changes it.
FLAGS = ("is_superuser", "is_staff", "is_active")


def _group_names(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def _permission_names(user) -> set[str]:
    return {
        f"{app_label}.{codename}"
        for app_label, codename in user.user_permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


class UserAdmin(auth_admin.UserAdmin):
    """Administrators look after people and their roles, but cannot make anyone a superuser,
    give rights outside the roles, or change a superuser's account: each would let the
    Administrator role grant itself what its group leaves out (changing values, new groups).
    Nor may they change their own roles or status: an Administrator who could make themself a
    Manager could approve figures. Every change to roles and status is recorded (RoleChange).
    Nobody deletes people here: deactivate them, so their names stay on what they did."""

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return fields
        fields = (*fields, "is_superuser", "user_permissions")
        if obj is not None and obj.pk == request.user.pk:
            fields = (*fields, "groups", "is_staff", "is_active")
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "is_active" in form.base_fields:
            form.base_fields["is_active"].help_text = (
                "Untick to stop this person signing in. People are never deleted, so their "
                "names stay on the figures they entered, submitted or approved."
            )
        return form

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def user_change_password(self, request, id, form_url=""):
        """Setting someone's password is recorded (whoever sets it could sign in as them); an
        administrator cannot turn their own password off, which would lock them out."""
        own = str(id) == str(request.user.pk)
        if request.method == "POST" and own and request.POST.get("usable_password") == "false":
            messages.error(request, "You cannot turn off your own password: you could no longer "
                           "sign in.")  # fmt: skip
            return HttpResponseRedirect(request.path)
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302 and not own:
            person = User.objects.filter(pk=id).first()
            if person is not None:
                RoleChange.objects.record(
                    by=request.user, person=person, kind=RoleChange.Kind.PASSWORD_SET
                )
        return response

    def save_model(self, request, obj, form, change):
        stored = User.objects.filter(pk=obj.pk).values(*FLAGS).first() if change else None
        super().save_model(request, obj, form, change)
        if stored is None:
            RoleChange.objects.record(by=request.user, person=obj, kind=RoleChange.Kind.CREATED)
            # A new account starts active, without staff or superuser status.
            stored = {"is_superuser": False, "is_staff": False, "is_active": True}
        RoleChange.objects.record_flags(by=request.user, person=obj, before=stored)

    def save_related(self, request, form, formsets, change):
        person = form.instance
        groups, permissions = _group_names(person), _permission_names(person)
        super().save_related(request, form, formsets, change)
        RoleChange.objects.record_sets(
            by=request.user, person=person, before=groups, after=_group_names(person),
            given=RoleChange.Kind.ROLE_GIVEN, taken=RoleChange.Kind.ROLE_TAKEN,
        )  # fmt: skip
        RoleChange.objects.record_sets(
            by=request.user, person=person, before=permissions,
            after=_permission_names(person),
            given=RoleChange.Kind.PERMISSION_GIVEN, taken=RoleChange.Kind.PERMISSION_TAKEN,
        )  # fmt: skip


admin.site.unregister(User)
admin.site.register(User, UserAdmin)


@admin.register(RoleChange)
class RoleChangeAdmin(admin.ModelAdmin):
    """Who gave or took away whose role or status, and when: read here, never changed."""

    list_display = ("at", "changed_by", "person", "kind", "detail")
    list_filter = ("kind", "at")
    search_fields = (
        "person__username", "person__first_name", "person__last_name",
        "changed_by__username", "changed_by__first_name", "changed_by__last_name", "detail",
    )  # fmt: skip
    date_hierarchy = "at"
    list_select_related = ("changed_by", "person")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
