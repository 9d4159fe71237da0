"""Project-wide request handling: requests nothing should read, who may open anything at all,
how long a session lasts, and the headers every response carries."""

import time

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import logout
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts import roles
from accounts.sessions import RENEWED_AT, SIGNED_IN_AT


class RefuseNulBytesMiddleware:
    """No address or search of ours has a NUL byte in it, and PostgreSQL can neither store nor
    compare text that does: a request whose path or query string carries one is a 400 before
    anything looks it up. (Form fields are refused by Django's forms.)"""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info or any(
            "\x00" in key or "\x00" in value
            for key, values in request.GET.lists()
            for value in values
        ):
            raise BadRequest("A NUL byte in the address")
        return self.get_response(request)


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


# Renewing the session is a database write, so it is done at most once a minute: the idle
# timeout is then exact to within a minute.
RENEW_EVERY = 60


class SessionLimitsMiddleware:
    """Council offices have shared computers. A session ends SESSION_COOKIE_AGE seconds after
    the last request (the idle timeout: a request renews it) and SESSION_ABSOLUTE_AGE seconds
    after signing in, however busy; the cookie itself ends with the browser
    (SESSION_EXPIRE_AT_BROWSER_CLOSE)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        now = int(time.time())
        signed_in_at = session.get(SIGNED_IN_AT)
        if (
            signed_in_at is not None
            and now - signed_in_at > settings.SESSION_ABSOLUTE_AGE
            and request.user.is_authenticated
        ):
            logout(request)
            hours = settings.SESSION_ABSOLUTE_AGE // 3600
            messages.info(
                request, f"You were signed out {hours} hours after signing in. Sign in again."
            )
        response = self.get_response(request)
        if request.user.is_authenticated:
            # Signing in records the time (accounts.sessions); a session from before that
            # counts from now.
            session.setdefault(SIGNED_IN_AT, now)
            if now - session.get(RENEWED_AT, 0) >= RENEW_EVERY:
                session[RENEWED_AT] = now
        return response


class SecurityHeadersMiddleware:
    """What the browser may keep and use: nothing shown to a signed-in person is stored by the
    browser or a proxy (pages and exports alike: `Cache-Control: private, no-store`), and no
    page may use the camera, microphone, location, payments and other powerful features
    (`Permissions-Policy`). Static files are served before this runs, and stay cacheable."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        # A request refused before the sign-in middleware ran has no user.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
            del response["Expires"]
        return response
