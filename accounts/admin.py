from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model

User = get_user_model()


class UserAdmin(auth_admin.UserAdmin):
    """Administrators look after people and their roles, but cannot make anyone a superuser,
    give rights outside the roles, or change a superuser's account: each would let the
    Administrator role grant itself what its group leaves out (changing values, new groups)."""

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return fields
        return (*fields, "is_superuser", "user_permissions")

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)


admin.site.unregister(User)
admin.site.register(User, UserAdmin)
