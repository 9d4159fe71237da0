"""A small, explicit council for the dashboard tests: every number the dashboards show can be
worked out by hand from this file.

Periods are counted back from today (month 1 is last month, month 2 the month before), so no
test needs a frozen clock. Every live KPI is monthly; its targets are the same in every
financial year, so a RAG does not depend on when the tests run.

    KPI          area(s)   boards     month 2        month 1        changed?        trend
    HP-VISITS    A1        CPB, CSLT  85 Green       60 Red         Green to Red    worsening
    HP-REREF     A1        CSLT       30 Red         28 Red         no              improving
    HP-PLANS     A1, A2    CPB        75 Amber       90 Green       Amber to Green  improving
    LAC-STAB     A2        CSLT       60 Red         74 Amber       Red to Amber    improving
    LAC-PEP      A2        CPB        95 Green       90 Green       no              worsening
    LAC-MISSING  A2        none       40 No target   45 No target   no (not rated)  improving
    PROP-ADVOC   A2        CPB        proposed, no values
    PROP-VOICE   none      none       proposed, no values
    AGR-SUPER    none      none       agreed, no values

Judgements: A1 Help and protection (three findings, one with no KPI; an open and a complete
recommendation), A2 Children looked after (two findings), A3 Leadership (an in-progress
recommendation only), A4 Adoption (nothing). An earlier inspection has one finding of its own.

Returns: months 1, 2, 4 and 6 are complete (month 4 has one value submitted, not yet approved);
month 3 has HP-VISITS in draft and HP-REREF missing; month 5 has LAC-MISSING missing. Months 3
and 5 are long past their deadline (the 10th working day of the following month), month 1 may
not be, but it is complete either way.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from boards.models import Board, ReportingLine
from findings.models import (
    Finding,
    FindingKpi,
    Framework,
    Inspection,
    JudgementArea,
    MonitoringArrangement,
    SourceDocument,
)
from kpis.models import Kpi, KpiValue, Target
from recommendations.models import Recommendation

HELP = "Help and protection"
LOOKED_AFTER = "Children looked after"
LEADERSHIP = "Leadership"
ADOPTION = "Adoption"


def month_start(months_ago: int) -> datetime.date:
    """The first day of the month `months_ago` months before this one."""
    today = datetime.date.today()
    index = today.year * 12 + today.month - 1 - months_ago
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_label(months_ago: int) -> str:
    """The period as pages name it: "March 2026"."""
    return f"{month_start(months_ago):%B %Y}"


def short_label(months_ago: int) -> str:
    """The period as tables name it: "Mar 2026"."""
    return f"{month_start(months_ago):%b %Y}"


def financial_year(day: datetime.date) -> int:
    return day.year if day.month >= 4 else day.year - 1


@dataclass(frozen=True)
class Entered:
    """A value that has not been approved yet."""

    value: int
    status: str


def draft(value: int) -> Entered:
    return Entered(value, "draft")


def submitted(value: int) -> Entered:
    return Entered(value, "submitted")


# code: (title, status, polarity, target, amber threshold)
KPIS = {
    "HP-VISITS": ("Visits to children on time", "live", "higher", 80, 70),
    "HP-REREF": ("Re-referrals within 12 months", "live", "lower", 20, 25),
    "HP-PLANS": ("Child protection plans reviewed on time", "live", "higher", 80, 70),
    "LAC-STAB": ("Placement stability", "live", "higher", 80, 70),
    "LAC-PEP": ("Personal education plans in place", "live", "higher", 80, 70),
    "LAC-MISSING": ("Missing episodes followed up", "live", "higher", None, None),
    "PROP-ADVOC": ("Children offered an advocate", "proposed", "higher", None, None),
    "PROP-VOICE": ("Children's views recorded", "proposed", "higher", None, None),
    "AGR-SUPER": ("Supervision on time", "agreed", "higher", None, None),
}

# Approved unless marked; None is missing. Months ago: 1, 2, 3, 4, 5, 6.
VALUES = {
    "HP-VISITS": [60, 85, draft(82), 81, 80, 84],
    "HP-REREF": [28, 30, None, 27, 26, 25],
    "HP-PLANS": [90, 75, 78, 77, 76, 79],
    "LAC-STAB": [74, 60, 65, 66, 67, 68],
    "LAC-PEP": [90, 95, 93, submitted(92), 91, 94],
    "LAC-MISSING": [45, 40, 41, 42, None, 43],
}

RED_COMMENTARY = "Two social workers left in the month; agency cover starts next month."

# Finding number: (judgement area, kind, text, KPI codes in order, other monitoring)
FINDINGS = {
    1: (HELP, "strength", "Children are visited regularly.", ["HP-VISITS", "HP-REREF"], []),
    2: (HELP, "improvement", "Plans are not always reviewed on time.", ["HP-PLANS"], []),
    3: (HELP, "improvement", "Supervision is irregular.", [], ["Supervision audit"]),
    4: (LOOKED_AFTER, "strength", "Placements are stable.", ["LAC-STAB", "LAC-MISSING"], []),
    5: (
        LOOKED_AFTER,
        "improvement",
        "Education plans vary in quality.",
        ["LAC-PEP", "HP-PLANS", "PROP-ADVOC"],
        [],
    ),
}

# Number: (theme, judgement area, status, text)
RECOMMENDATIONS = {
    1: ("Workforce", HELP, "open", "Reduce reliance on agency social workers."),
    2: ("Supervision", HELP, "complete", "Introduce monthly supervision for all staff."),
    3: ("Governance", LEADERSHIP, "in-progress", "Report performance to members each quarter."),
}


@dataclass
class Council:
    areas: dict[str, JudgementArea]
    kpis: dict[str, Kpi]
    boards: dict[str, Board]


def build(*, officer, colleague) -> Council:
    """The data set above. `officer` owns HP-VISITS, LAC-STAB and LAC-PEP; `colleague` owns
    HP-PLANS and LAC-MISSING; HP-REREF has no owner."""
    framework = Framework.objects.create(code="test-framework", name="Test framework")
    areas = {
        name: JudgementArea.objects.create(framework=framework, name=name, order=order)
        for order, name in enumerate([HELP, LOOKED_AFTER, LEADERSHIP, ADOPTION], start=1)
    }
    report = SourceDocument.objects.create(
        slug="report", title="Inspection report", kind="inspection-report"
    )
    review = SourceDocument.objects.create(slug="review", title="Independent review", kind="review")
    older = Inspection.objects.create(framework=framework, title="Earlier inspection", year=2019)
    Finding.objects.create(
        inspection=older,
        area="Old",
        judgement_area=areas[HELP],
        kind="strength",
        text="A finding of the earlier inspection.",
        order=1,
    )
    inspection = Inspection.objects.create(
        framework=framework, title="Test inspection", year=2024, source=report
    )

    owners = {"HP-VISITS": officer, "LAC-STAB": officer, "LAC-PEP": officer}
    owners |= {"HP-PLANS": colleague, "LAC-MISSING": colleague}
    kpis = {
        code: Kpi.objects.create(
            code=code,
            title=title,
            status=status,
            unit="percent",
            polarity=polarity,
            frequency="monthly",
            owner=owners.get(code),
        )
        for code, (title, status, polarity, _, _) in KPIS.items()
    }
    years = {financial_year(month_start(n)) for n in range(1, 25)}
    Target.objects.bulk_create(
        Target(
            kpi=kpis[code],
            financial_year=year,
            target=Decimal(target),
            amber_threshold=Decimal(amber),
            set_at=timezone.now(),
        )
        for code, (_, _, _, target, amber) in KPIS.items()
        if target is not None
        for year in years
    )
    for code, series in VALUES.items():
        for months_ago, entry in enumerate(series, start=1):
            if entry is None:
                continue
            value, status = (
                (entry.value, entry.status) if isinstance(entry, Entered) else (entry, "approved")
            )
            KpiValue.objects.create(
                kpi=kpis[code],
                period=month_start(months_ago),
                value=Decimal(value),
                status=status,
                commentary=RED_COMMENTARY if (code, months_ago) == ("HP-VISITS", 1) else "",
            )

    boards = {
        short_name: Board.objects.create(
            slug=short_name.lower(), short_name=short_name, name=name, nature="internal"
        )
        for short_name, name in [
            ("CPB", "Corporate Parenting Board"),
            ("CSLT", "Children's Services Leadership Team"),
        ]
    }
    received = {
        "CPB": ["HP-VISITS", "HP-PLANS", "LAC-PEP", "PROP-ADVOC"],
        "CSLT": ["HP-VISITS", "HP-REREF", "LAC-STAB"],
    }
    for short_name, codes in received.items():
        for code in codes:
            ReportingLine.objects.create(
                board=boards[short_name], kpi=kpis[code], frequency="monthly"
            )

    for order, (area, kind, text, codes, monitoring) in FINDINGS.items():
        finding = Finding.objects.create(
            inspection=inspection,
            area=area,
            judgement_area=areas[area],
            kind=kind,
            text=text,
            order=order,
        )
        for position, code in enumerate(codes):
            FindingKpi.objects.create(finding=finding, kpi=kpis[code], order=position)
        for name in monitoring:
            finding.monitoring.add(
                MonitoringArrangement.objects.create(
                    slug=name.lower().replace(" ", "-"), name=name, kind="audit"
                )
            )

    for number, (theme, area, status, text) in RECOMMENDATIONS.items():
        Recommendation.objects.create(
            source=review,
            number=number,
            theme=theme,
            judgement_area=areas[area],
            # Status set by hand: these recommendations have no actions.
            status_override="" if status == "open" else status,
            override_reason="" if status == "open" else "Set for the test",
            text=text,
        )
    return Council(areas=areas, kpis=kpis, boards=boards)
