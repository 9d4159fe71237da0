"""Login throttling (django-axes): how a locked-out sign-in is answered, and where a request
comes from behind the council's proxy."""

import ipaddress

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return (
        f"Too many failed attempts: try again in {minutes} minutes or ask your administrator "
        "to unlock your account"
    )


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """The sign-in page again, saying why the password was not even checked (429)."""
    username = request.POST.get("username", "")
    form = AuthenticationForm(request, initial={"username": username})
    context = {
        "form": form,
        "next": request.POST.get("next", ""),
        "locked_out": lockout_message(),
    }
    return render(request, "registration/login.html", context, status=429)


def username_of(request: HttpRequest, credentials: dict | None = None) -> str:
    """The username a sign-in was for, as recorded against failures: no longer than any
    username can be (150), so a 10,000-character guess is recorded rather than refused by the
    database, and lockouts still match it."""
    username = (credentials or request.POST).get("username") or ""
    return username.replace("\x00", "")[:150]


def client_ip(request: HttpRequest) -> str | None:
    """The address a request came from. Behind TRUSTED_PROXY_COUNT proxies that each append to
    X-Forwarded-For, it is the address the outermost of them saw, counted from the right: what
    is further left was sent by the client and could be anything. Without proxies (the
    default), REMOTE_ADDR; so is anything that does not parse as an address."""
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if not count:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < count:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:
        return remote
