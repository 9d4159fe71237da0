from django.contrib import admin
from django.contrib.auth.forms import AuthenticationForm

from accounts import roles


class AdministrationSite(admin.AdminSite):
    site_header = "Children's services performance: administration"
    site_title = "Administration"
    # Anyone may sign in here, as on the service's own sign-in page; has_permission decides
    # who then gets in. Django's admin form would refuse an Administrator without staff status.
    login_form = AuthenticationForm

    def has_permission(self, request) -> bool:
        """Staff, as in Django, and people in the Administrator group: putting someone in
        the group is all it takes, so forgetting "staff status" cannot lock them out."""
        user = request.user
        return user.is_active and (user.is_staff or roles.has_role(user, roles.ADMINISTRATOR))
