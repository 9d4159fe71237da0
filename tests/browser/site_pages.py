"""Every page a signed-in manager can reach, for the checks that apply to all pages alike: the
width check at 320 and 1280 px (tests/browser/test_page_width.py) and the Nu HTML Checker
(tests/test_html_validity.py). Both run on the seed plus the demo data (`load_demo`).

To add a page, add its path to MANAGER_PAGES. A part in braces is filled in from
`example_values()`: add a key there when a new page needs a row that only exists in the data
(a meeting's date, a pack's id).
"""

from django.utils import timezone

from boards.models import Meeting
from findings.models import Finding
from kpis.models import Kpi, KpiValue
from kpis.periods import Period
from recommendations.models import Action, Recommendation

MANAGER_PAGES = [
    "/",
    "/readiness/",
    "/findings/",
    "/findings/{finding}/",
    "/kpis/",
    "/kpis/{kpi}/",
    "/kpis/{proposed_kpi}/",
    "/returns/",
    "/returns/{period}/",
    "/returns/{period}/approve/",
    "/returns/{approved_period}/{approved_kpi}/revise/",
    "/returns/import/",
    "/boards/",
    "/boards/{board}/",
    # A meeting with its published pack and, for a manager, the draft pack in HTML.
    "/boards/{board}/meetings/{meeting}/",
    "/boards/{board}/meetings/{meeting}/challenges/new/",
    # Recommendations and actions, with the demo progress.
    "/recommendations/",
    "/recommendations/{recommendation}/",
    "/recommendations/{recommendation}/status/",
    "/actions/mine/",
    "/actions/{action}/",
    "/actions/{action}/edit/",
    "/actions/{action}/close/",
    "/actions/{action}/reopen/",
    "/actions/{action}/updates/new/",
    "/actions/{challenge_action}/",
    "/actions/{challenge_action}/close/",
    "/actions/new/finding/{improvement}/",
    "/accessibility/",
    "/login/",
    # The app's "no access" page: the admin site refuses a manager (accounts/sites.py).
    "/admin/",
    "/no-such-page/",
]

# Pages for people who are not signed in.
PUBLIC_PAGES = ["/login/", "/accessibility/"]


def example_values() -> dict[str, str]:
    """A real row for each part in braces: a KPI with values and a chart, last month's return
    (the demo data runs to last month), an approved value that can be revised."""
    approved = (
        KpiValue.objects.filter(status="approved")
        .select_related("kpi")
        .order_by("-period", "kpi__code")
        .first()
    )
    return {
        # One with KPIs mapped, whose table is the widest part of the page.
        "finding": str(
            Finding.objects.filter(kpi_links__isnull=False).order_by("order").first().pk
        ),
        "kpi": "WF-AGENCY",
        "proposed_kpi": Kpi.objects.proposed().order_by("code").first().code,
        "period": str(Period.from_date(timezone.localdate()).previous()),
        "approved_period": str(Period.from_date(approved.period)),
        "approved_kpi": approved.kpi.code,
        "board": "cpb",
        "recommendation": str(Recommendation.objects.get(number=5).pk),
        # The demo's overdue action on recommendation 5, with its progress updates.
        "action": str(Action.objects.filter(is_demo=True, recommendation__number=5).get().pk),
        "challenge_action": str(
            Action.objects.filter(challenge__isnull=False).order_by("-pk").first().pk
        ),
        "improvement": str(Finding.objects.filter(kind="improvement").order_by("order")[0].pk),
        "meeting": Meeting.objects.filter(board__slug="cpb", pack_versions__isnull=False)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
        .isoformat(),
    }


def manager_paths() -> list[str]:
    values = example_values()
    return [path.format(**values) for path in MANAGER_PAGES]
