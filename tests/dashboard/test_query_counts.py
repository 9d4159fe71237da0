"""Every list and dashboard page runs the same number of queries with 10 KPIs and a year of
values as with 200 KPIs and ten years: a page that grows is an N+1 waiting to happen."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import roles
from dashboard.synthetic import add_kpis, add_months, build_council
from kpis.models import Kpi, KpiValue
from kpis.periods import Period

# The most queries each page may run, at any size (for a manager: every page also counts the
# values waiting for their approval, for the navigation).
CEILINGS = {
    "/": 27,
    "/readiness/": 16,
    "/kpis/": 16,
    "/kpis/SYN-005/": 16,
    "/findings/": 17,
    "/boards/": 7,
    "/boards/board-1/": 15,
    "/returns/": 9,
    "/returns/{last}/": 9,
    "/returns/{last}/approve/": 7,
}


def submit_some(period: Period, number: int) -> None:
    chosen = KpiValue.objects.filter(period=period.first_day).values_list("pk", flat=True)[:number]
    KpiValue.objects.filter(pk__in=list(chosen)).update(status="submitted")


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_kpis_or_months(client):
    last = Period.from_date(timezone.localdate()).previous()
    user = build_council(kpis=10)
    user.groups.add(Group.objects.get(name=roles.MANAGER))
    add_months(last, 12)
    # A few values awaiting approval, so the approval page has rows to show.
    submit_some(last, 3)
    client.force_login(user)
    urls = [url.format(last=last) for url in CEILINGS]
    small = {url: count_queries(client, url) for url in urls}

    add_kpis(200, owner=user)
    add_months(last, 120)
    submit_some(last, 50)
    assert Kpi.objects.count() == 200
    assert KpiValue.objects.count() > 20000
    large = {url: count_queries(client, url) for url in urls}

    grew = {url: (small[url], large[url]) for url in urls if large[url] != small[url]}
    assert grew == {}, "query counts grew with the data: (small, large)"
    over = {
        url: small[url] for url, pattern in zip(urls, CEILINGS, strict=True)
        if small[url] > CEILINGS[pattern]
    }  # fmt: skip
    assert over == {}, f"query counts over their ceilings: {over}"
