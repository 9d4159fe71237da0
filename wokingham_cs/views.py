from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url

from accounts import roles


@login_not_required
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement, public as the 2018 regulations require."""
    return render(
        request,
        "accessibility.html",
        {"contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL},
    )


class SignInView(LoginView):
    """Sign in; then back to the page asked for (`next`), or to where the person's role starts:
    members, who come for board papers, to their boards; everyone else to the overview."""

    template_name = "registration/login.html"

    def get_default_redirect_url(self) -> str:
        user = self.request.user
        if not user.is_superuser and roles.role_names(user) == {roles.MEMBER}:
            return resolve_url(settings.MEMBER_LOGIN_REDIRECT_URL)
        return super().get_default_redirect_url()
