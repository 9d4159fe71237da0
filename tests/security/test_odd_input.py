"""Odd input is a 400 or a 404, never a 500: Unicode digits, NUL bytes, over-long values and
other odd strings in every URL parameter the URL patterns declare, every query-string
parameter the pages' filters (and views) read, and every field of every form the pages show.
Run on PostgreSQL too, which refuses NUL bytes and over-long values where SQLite does not."""

import datetime
import re
from decimal import Decimal
from html import unescape
from urllib.parse import quote, urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from boards.models import Board, Meeting
from dashboard.filters import AnnexFilter, DashboardFilter, ScorecardFilter
from findings.models import Finding
from kpis.models import Kpi, KpiValue
from kpis.periods import Period
from recommendations.filters import ActionFilter
from recommendations.models import Action
from recommendations.services import add_update
from recommendations.uploads import check_upload
from tests.kpis.pages import add_value

ODD = [
    "²",  # a digit to str.isdigit(), not to int()
    "١٢",  # Arabic-Indic digits: int() reads them as 12
    "\x00",
    "x" * 10_000,
    "9" * 30,
    "-1",
    "'; --",
    "<script>",
    " ",
    "%",
    "..",
    "2026-13",
    "9999-12",  # a period whose next month is after the calendar's last day
    "0001-01",
    "1e309",
    "NaN",
    "\u202e",
    "😀",
]
LAST_MONTH = Period.from_date(timezone.localdate()).previous()
# Query-string parameters that views read themselves (the filters' own come from the
# filtersets below): pagination, sorting and export (django-tables2), the KPI page's range,
# the returns' owner, the live RAG's typed figures, the sign-in's next, and the update an
# action's correcting entry follows.
VIEW_PARAMETERS = ["page", "sort", "per_page", "_export", "range", "owner", "kpi", "value",
                   "numerator", "denominator", "next", "corrects"]  # fmt: skip
FILTERSETS = {
    "dashboard:home": DashboardFilter,
    "kpis:catalogue": ScorecardFilter,
    "findings:annex": AnnexFilter,
    "findings:mapping_csv": AnnexFilter,
    "recommendations:tracker": ActionFilter,
}


def our_patterns(patterns=None, prefix="", namespace=""):
    """(route, URL name, pattern) for every URL of ours (not the admin's, which is Django's)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            yield from our_patterns(
                pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace or namespace
            )
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield prefix + str(pattern.pattern), name, pattern


def filled(route: str, values: dict[str, str]) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda match: quote(values[match[1]], safe=""), route)


def parameters_of(route: str) -> list[str]:
    return re.findall(r"<(?:\w+:)?(\w+)>", route)


def forms_on(html: str) -> list[tuple[str, list[str]]]:
    """(action, field names) of each POST form on a page."""
    found = []
    for attributes, body in re.findall(r"<form([^>]*)>(.*?)</form>", html, re.S):
        if 'method="post"' not in attributes.lower():
            continue
        action = re.search(r'action="([^"]*)"', attributes)
        names = sorted(set(re.findall(r'name="([^"]+)"', body)) - {"csrfmiddlewaretoken"})
        found.append((unescape(action[1]) if action else "", names))
    return found


@pytest.fixture
def client(client):
    """Answers as a server would: an exception is the 500 page, which the tests look for."""
    client.raise_request_exception = False
    return client


@pytest.fixture
def site(seeded, officer, manager):
    """A live KPI with an approved value last year, one awaiting approval last month and a
    target; a board with a meeting."""
    kpi = Kpi.objects.filter(status="live").order_by("code").first()
    kpi.owner = officer
    kpi.save(update_fields=["owner"])
    add_value(kpi, str(LAST_MONTH.shift(-12)), 50, "approved", by=officer, approved_by=manager)
    add_value(kpi, str(LAST_MONTH), 60, "submitted", by=officer)
    board = Board.objects.order_by("slug").first()
    meeting = Meeting.objects.create(board=board, date=datetime.date(2026, 12, 8), venue="Hall")
    # An action with the finding's number, so "pk" opens both (and a recommendation), with a
    # progress update its author may still change and a document.
    finding = Finding.objects.first()
    action = Action.objects.filter(pk=finding.pk).first() or Action.objects.create(
        pk=finding.pk, finding=Finding.objects.filter(kind="improvement").first(), title="Act"
    )
    update = add_update(
        action=action,
        by=manager,
        text="Under way.",
        upload=check_upload("figures.csv", b"month,count\n2026-10,4\n", max_bytes=100),
    )
    return {
        "code": kpi.code,
        "pk": str(Finding.objects.first().pk),
        "period": str(LAST_MONTH),
        "slug": board.slug,
        "date": meeting.date.isoformat(),
        # A meeting's published pack version and a background build of it (packs).
        "number": "1",
        "build_id": "1",
        # An action's progress update and its evidence document (recommendations).
        "update_pk": str(update.pk),
        "document_pk": str(update.documents.get().pk),
    }


def valid_urls(site) -> list[tuple[str, str]]:
    return [(name, filled(route, site)) for route, name, _ in our_patterns()]


def test_the_walk_covers_every_url_parameter_of_ours():
    names = {name for route, _, _ in our_patterns() for name in parameters_of(route)}
    assert names == {
        "code", "pk", "period", "slug", "date", "number", "build_id", "update_pk", "document_pk"
    }  # fmt: skip


def test_odd_url_parameters_are_never_a_500(client, site, manager):
    client.force_login(manager)
    failures = []
    for route, name, _ in our_patterns():
        for parameter in parameters_of(route):
            for odd in ODD:
                url = filled(route, {**site, parameter: odd})
                for method in (client.get, client.post):
                    status = method(url).status_code
                    if status >= 500:
                        failures.append((method.__name__, name, parameter, odd[:20], status))
    assert not failures, "\n".join(map(repr, failures))


def test_odd_query_strings_are_never_a_500(client, site, manager):
    """Each page gets every parameter at once with each odd value (a view reads its own and
    ignores the rest); the filters' fields also one at a time, as an invalid field leaves the
    others filtering."""
    client.force_login(manager)
    failures = []
    for name, url in valid_urls(site):
        # The Excel downloads are their CSV twins' views with another file format.
        if name == "logout" or name.endswith("_xlsx"):
            continue
        filterset = FILTERSETS.get(name)
        filters = list(filterset.base_filters) if filterset else []
        for odd in ODD:
            query = urlencode(dict.fromkeys([*VIEW_PARAMETERS, *filters], odd))
            status = client.get(f"{url}?{query}").status_code
            if status >= 500:
                failures.append((name, "all parameters", odd[:20], status))
        for parameter in filters:
            for odd in ["²", "\x00", "x" * 10_000]:
                status = client.get(f"{url}?{urlencode({parameter: odd})}").status_code
                if status >= 500:
                    failures.append((name, parameter, odd[:20], status))
    assert not failures, "\n".join(map(repr, failures))


def test_odd_form_fields_are_never_a_500(client, site, manager):
    client.force_login(manager)
    pages = [url for name, url in valid_urls(site) if name not in ("logout", "login")]
    pages.append(reverse("returns:revise", args=[str(LAST_MONTH.shift(-12)), site["code"]]))
    forms = {}
    for url in pages:
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            for action, names in forms_on(response.content.decode()):
                forms.setdefault(action or url, set()).update(names)
    forms.pop(reverse("logout"), None)
    assert reverse("returns:approve", args=[str(LAST_MONTH)]) in forms
    failures = []
    for action, names in forms.items():
        for odd in ODD:
            status = client.post(action, dict.fromkeys(names, odd)).status_code
            if status >= 500:
                failures.append((action, odd[:20], status))
    assert not failures, "\n".join(map(repr, failures))


@pytest.mark.parametrize("odd", ["²:1", "١٢:1", "1:²", "\x00:1", "1:" + "9" * 30, "9" * 30 + ":1"])
def test_odd_approvals_are_refused_and_approve_nothing(client, site, manager, odd):
    client.force_login(manager)
    response = client.post(reverse("returns:approve", args=[str(LAST_MONTH)]), {"approve": odd})
    assert response.status_code < 500
    assert not KpiValue.objects.filter(status="approved", value=Decimal(60)).exists()


@pytest.mark.parametrize("odd", ["bad\x00value", "\x00", "x" * 10_000])
def test_odd_send_back_reasons_are_refused_and_send_nothing_back(client, site, manager, odd):
    """The reason is the one free text sent back with a value the manager chose; the walk
    above sends each odd string in every field at once, so no value is chosen."""
    client.force_login(manager)
    waiting = KpiValue.objects.get(status="submitted", value=Decimal(60))
    response = client.post(
        reverse("returns:approve", args=[str(LAST_MONTH)]),
        {"approve": f"{waiting.pk}:{waiting.version}", "action": "send-back", "reason": odd},
    )
    assert response.status_code == 400
    assert KpiValue.objects.get(pk=waiting.pk).status == "submitted"


@pytest.mark.parametrize("odd", ["\x00", "x" * 10_000, "²"])
def test_odd_sign_ins_are_refused_without_a_500(client, db, odd):
    response = client.post(reverse("login"), {"username": odd, "password": odd, "next": odd})
    assert response.status_code in (200, 400)


@pytest.mark.parametrize(
    "path",
    ["/returns/?owner=²", "/kpis/%00/", "/kpis/%00/values.csv", "/returns/2026-10/%00/revise/"],
)
def test_the_odd_inputs_found_in_the_review(client, site, manager, path):
    client.force_login(manager)
    assert client.get(path).status_code in (200, 400, 404)


@pytest.mark.parametrize("page_path", ["/kpis/", "/recommendations/"])
@pytest.mark.parametrize("odd", ["xls", "ods", "json", "yaml", "latex", "tsv", "html", "", "CSV"])
def test_a_table_downloads_only_in_the_formats_it_offers(client, site, manager, page_path, odd):
    client.force_login(manager)
    response = client.get(f"{page_path}?_export={odd}")
    assert response.status_code == 404
    assert "Content-Disposition" not in response
    for offered in ("csv", "xlsx"):
        assert client.get(f"{page_path}?_export={offered}")["Content-Disposition"].startswith(
            "attachment"
        )
