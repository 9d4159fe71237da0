from email.utils import parseaddr

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

# The sender address the settings use when DEFAULT_FROM_EMAIL is not set: no one reads it.
UNREAD_SENDER_DOMAIN = "@localhost"


def accessibility_contact_email() -> str:
    """Where people report an accessibility problem: ACCESSIBILITY_CONTACT_EMAIL, else the
    address the service's own emails come from (the team that runs it), unless that is the
    development default nobody reads. Empty when there is neither: the statement then says whom
    to ask instead."""
    if settings.ACCESSIBILITY_CONTACT_EMAIL:
        return settings.ACCESSIBILITY_CONTACT_EMAIL
    _, sender = parseaddr(settings.DEFAULT_FROM_EMAIL)  # "Team <team@council.gov.uk>" too
    return "" if sender.endswith(UNREAD_SENDER_DOMAIN) else sender


@login_not_required
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement, public as the 2018 regulations require."""
    return render(request, "accessibility.html", {"contact_email": accessibility_contact_email()})
