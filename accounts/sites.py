from functools import update_wrapper

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts import roles


class AdministrationSite(admin.AdminSite):
    """Django's admin for the Administrator role. Everyone else meets the service's own pages:
    people not signed in go to its sign-in page (by way of the admin's sign-in URL, where
    Django sends them) and then back to where they were going, and
    signed-in people without the role get its "no access" page (403), not Django's admin
    sign-in form, which would ask them to sign in again as if they had not."""

    site_header = "Children's services performance: administration"
    site_title = "Administration"
    # Should anyone post to the admin's own sign-in form, the service's form checks them, so
    # has_permission decides who gets in. Django's admin form would refuse an Administrator
    # without staff status.
    login_form = AuthenticationForm

    def has_permission(self, request) -> bool:
        """Staff, as in Django, and people in the Administrator group: putting someone in
        the group is all it takes, so forgetting "staff status" cannot lock them out."""
        user = request.user
        return user.is_active and (user.is_staff or roles.has_role(user, roles.ADMINISTRATOR))

    def _turn_away(self, request, next_path: str):
        if not request.user.is_authenticated:
            return redirect_to_login(next_path)
        if not self.has_permission(request):
            raise PermissionDenied
        return None

    def admin_view(self, view, cacheable=False):
        checked = super().admin_view(view, cacheable)

        def inner(request, *args, **kwargs):
            if request.path != reverse("admin:logout", current_app=self.name):
                refusal = self._turn_away(request, request.get_full_path())
                if refusal:
                    return refusal
            return checked(request, *args, **kwargs)

        return update_wrapper(inner, checked)

    @login_not_required
    def login(self, request, extra_context=None):
        if request.method == "GET":
            next_path = request.GET.get("next") or reverse("admin:index", current_app=self.name)
            refusal = self._turn_away(request, next_path)
            if refusal:
                return refusal
        return super().login(request, extra_context)
