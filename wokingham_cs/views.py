import datetime
import sys
from email.utils import parseaddr

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import Case, F, Min, When
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render, resolve_url
from django.template import loader
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.defaults import server_error as django_server_error
from django_tasks_db.models import DBTaskResult, get_date_max

from accounts import roles

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


class SignInView(LoginView):
    """Sign in; then back to the page asked for (`next`), or to where the person's role starts:
    members, who come for board papers, to their boards; everyone else to the overview."""

    template_name = "registration/login.html"

    def get_default_redirect_url(self) -> str:
        user = self.request.user
        if not user.is_superuser and roles.role_names(user) == {roles.MEMBER}:
            return resolve_url(settings.MEMBER_LOGIN_REDIRECT_URL)
        return super().get_default_redirect_url()


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler. When the database cannot be reached (stopped, restarting, out of
    connections) the answer is a 503, "try again shortly", not a 500; the page is rendered
    without the request's context, so it does not touch the database itself."""
    if isinstance(sys.exception(), OperationalError | InterfaceError):
        page = loader.get_template("503.html").render()
        return HttpResponse(page, status=503, headers={"Retry-After": "60"})
    return django_server_error(request)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 400 handler. A form too large to read (over DATA_UPLOAD_MAX_MEMORY_SIZE, or with
    more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS) gets a page saying so and what to do
    (413); Django would only say "Bad Request (400)", and what was typed cannot be kept."""
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        context = {
            "too_many_fields": not isinstance(exception, RequestDataTooBig),
            "size_limit": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE),
            "field_limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
        }
        return render(request, "413.html", context, status=413)
    # Rendered without the request: a bad request may be refused before the middleware that
    # signs people in has run, and the page needs nothing from it.
    return HttpResponseBadRequest(loader.get_template("400.html").render())


def oldest_waiting_task() -> datetime.timedelta | None:
    """How long the oldest task that should be running by now has waited for the worker."""
    no_delay = get_date_max()
    due = Case(When(run_after=no_delay, then=F("enqueued_at")), default=F("run_after"))
    since = DBTaskResult.objects.ready().aggregate(since=Min(due))["since"]
    return None if since is None else timezone.now() - since


@login_not_required
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """For the load balancer and monitoring: "ok", or 503 with one word saying what is wrong
    ("database": it does not answer; "tasks": the oldest task waiting for the worker has waited
    longer than TASK_QUEUE_MAX_WAIT_MINUTES). Public, so it shows nothing else."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database", status=503, content_type="text/plain")
    limit = settings.TASK_QUEUE_MAX_WAIT_MINUTES
    if limit:
        try:
            waited = oldest_waiting_task()
        except DatabaseError:
            return HttpResponse("database", status=503, content_type="text/plain")
        if waited is not None and waited > datetime.timedelta(minutes=limit):
            return HttpResponse("tasks", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
