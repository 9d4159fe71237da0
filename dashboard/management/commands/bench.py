"""make bench: time the busiest pages on a synthetic council with 12 and then 120 months of data.

Runs in a temporary test database (in memory for SQLite, test_<name> for PostgreSQL), never the
real one. For each page it prints the median time of 20 requests after a warm-up, the number of
queries, and the ratio to a floor measured in the same run: a bare view, behind the same
middleware, that runs the page's own SQL and returns the rows as JSON, with no ORM objects,
templates or Python rules.
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.test import Client
from django.test.utils import (
    CaptureQueriesContext,
    override_settings,
    setup_databases,
    teardown_databases,
)
from django.urls import include, path
from django.utils import timezone

from dashboard.synthetic import add_months, build_council
from kpis.models import Kpi, KpiValue
from kpis.periods import Period

KPIS, FINDINGS, BOARDS = 200, 30, 10
REPEATS, WARM_UP = 20, 2
MAX_RATIO, MAX_GROWTH = 3.0, 1.5


class Command(BaseCommand):
    help = "Time the dashboard, scorecard, a KPI page and the Annex A on synthetic data."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--repeats", type=int, default=REPEATS)

    def handle(self, *args, repeats: int = REPEATS, **options) -> None:
        old_config = setup_databases(verbosity=0, interactive=False)
        try:
            # As in production: no debug query log, and the test client's host allowed.
            with override_settings(
                DEBUG=False, ALLOWED_HOSTS=["testserver"], ROOT_URLCONF=__name__
            ):
                self.run_benchmark(repeats)
        finally:
            teardown_databases(old_config, verbosity=0)

    def run_benchmark(self, repeats: int) -> None:
        end = Period.from_date(timezone.localdate()).previous()
        user = build_council(kpis=KPIS, findings=FINDINGS, boards=BOARDS)
        client = Client()
        client.force_login(user)
        sample = Kpi.objects.order_by("code")[KPIS // 2]
        pages = {
            "home dashboard /": "/",
            "KPI scorecard /kpis/": "/kpis/",
            f"KPI page /kpis/{sample.code}/": sample.get_absolute_url(),
            "living Annex A /findings/": "/findings/",
        }
        vendor = connection.vendor
        self.stdout.write(
            f"Benchmark on {vendor}: {KPIS} KPIs, {FINDINGS} findings, {BOARDS} boards; "
            f"median of {repeats} requests after {WARM_UP} warm-up."
        )
        results = {}
        for months in (12, 120):
            add_months(end, months)
            count = KpiValue.objects.count()
            self.stdout.write(f"\n{months} months of values ({count} values)")
            self.stdout.write(
                f"{'page':<36}{'median ms':>10}{'queries':>9}{'floor ms':>10}{'ratio':>7}"
            )
            for name, url in pages.items():
                page_ms, queries, floor_ms = measure(client, url, repeats)
                results[(name, months)] = page_ms
                ratio = page_ms / floor_ms if floor_ms else float("inf")
                flag = "" if ratio <= MAX_RATIO else f"  MISS (target <= {MAX_RATIO})"
                self.stdout.write(
                    f"{name:<36}{page_ms:>10.1f}{queries:>9}{floor_ms:>10.1f}{ratio:>7.2f}{flag}"
                )
        self.stdout.write("\nGrowth from 12 to 120 months")
        for name in pages:
            growth = results[(name, 120)] / results[(name, 12)]
            flag = "" if growth <= MAX_GROWTH else f"  MISS (target <= {MAX_GROWTH})"
            self.stdout.write(f"{name:<36}{growth:>10.2f}x{flag}")


def _median_ms(action, repeats: int) -> float:
    for _ in range(WARM_UP):
        action()
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


# The floor view's SQL, keyed by page: captured from the page itself.
FLOOR_SQL: dict[str, list[str]] = {}


def floor_view(request: HttpRequest, key: str) -> JsonResponse:
    """Run a page's queries as they are and return the rows: what the page costs at least."""
    rows = []
    with connection.cursor() as cursor:
        for sql in FLOOR_SQL[key]:
            cursor.execute(sql)
            if cursor.description:
                rows.append(cursor.fetchall())
    return JsonResponse({"rows": rows}, safe=False, json_dumps_params={"default": str})


urlpatterns = [
    path("__bench_floor__/<str:key>/", floor_view),
    path("", include("wokingham_cs.urls")),
]


def _plain_select(sql: str) -> str:
    """PostgreSQL logs a server-side cursor's query as DECLARE ... FOR SELECT ...; the floor
    runs the SELECT itself."""
    if sql.startswith("DECLARE "):
        return sql.split(" FOR ", 1)[1]
    return sql


def measure(client: Client, url: str, repeats: int) -> tuple[float, int, float]:
    """The page's median time and query count, and the floor view's median time."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    query_count = len(captured.captured_queries)
    # The floor runs the page's SQL except the session and user lookups, which its own request
    # makes anyway.
    key = str(len(FLOOR_SQL))
    FLOOR_SQL[key] = [
        _plain_select(query["sql"])
        for query in captured.captured_queries
        if "django_session" not in query["sql"] and '"auth_user"' not in query["sql"][:40]
    ]
    assert client.get(f"/__bench_floor__/{key}/").status_code == 200
    page_ms = _median_ms(lambda: client.get(url), repeats)
    floor_ms = _median_ms(lambda: client.get(f"/__bench_floor__/{key}/"), repeats)
    return page_ms, query_count, floor_ms
