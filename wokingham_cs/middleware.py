"""Project-wide request handling: who may open anything at all, and the headers every
response carries."""

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts import roles

# What someone signed in without a role may still do: sign out (the public pages, such as
# sign-in and the accessibility statement, are marked @login_not_required on their views).
OPEN_WITHOUT_A_ROLE = {"logout", "admin:logout"}


class RoleRequiredMiddleware:
    """Signing in alone gives access to nothing. Someone whose account has no role yet gets one
    page saying so (403) wherever they go, exports included, except the public pages and
    signing out; in /admin/ the admin site decides, as it lets in staff without a role."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs) -> HttpResponse | None:
        if not getattr(view_func, "login_required", True):
            return None
        user = request.user
        if not user.is_authenticated or roles.has_any_role(user):
            return None
        match = request.resolver_match
        if match.view_name in OPEN_WITHOUT_A_ROLE:
            return None
        if "admin" in match.namespaces and admin.site.has_permission(request):
            return None
        return render(request, "403_no_role.html", {"navigation": []}, status=403)
