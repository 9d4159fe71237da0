from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_not_required
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement, public as the 2018 regulations require."""
    return render(
        request,
        "accessibility.html",
        {"contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL},
    )
