"""A synthetic council for the benchmark and the query-count tests: any number of KPIs, boards
and findings, and any number of months of values. Not demo data: it is never loaded into a
real database (bench and the tests use temporary ones)."""

import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from boards.models import Board, ReportingLine
from findings.models import Finding, FindingKpi, Framework, Inspection, JudgementArea
from kpis.choices import Frequency, KpiStatus, Polarity, Status, Unit
from kpis.models import Benchmark, Kpi, KpiValue, Target
from kpis.periods import Period, due_periods

PREFIX = "SYN"


def build_council(*, kpis: int, findings: int = 30, boards: int = 10):
    """Boards, a framework with five judgement areas, an inspection with findings, KPIs."""
    user = get_user_model().objects.create_user("synthetic-manager", password="x")
    framework = Framework.objects.create(code="synthetic", name="Synthetic framework")
    areas = [
        JudgementArea.objects.create(framework=framework, name=f"Judgement {n}", order=n)
        for n in range(5)
    ]
    inspection = Inspection.objects.create(framework=framework, title="Synthetic", year=2025)
    Board.objects.bulk_create(
        Board(slug=f"board-{n}", short_name=f"B{n}", name=f"Board {n}", nature="internal", order=n)
        for n in range(boards)
    )
    Finding.objects.bulk_create(
        Finding(
            inspection=inspection,
            area=f"Area {n % 5}",
            judgement_area=areas[n % 5],
            kind="strength" if n % 2 else "improvement",
            text=f"Synthetic finding {n}",
            order=n + 1,
        )
        for n in range(findings)
    )
    add_kpis(kpis, owner=user)
    return user


def add_kpis(total: int, *, owner) -> None:
    """Add KPIs until there are `total`, each reported to two boards and evidencing findings."""
    existing = Kpi.objects.filter(code__startswith=PREFIX).count()
    rng = random.Random(f"kpis-{existing}")
    made = Kpi.objects.bulk_create(
        Kpi(
            code=f"{PREFIX}-{n:03d}",
            title=f"Synthetic KPI {n}",
            status=KpiStatus.LIVE,
            unit=Unit.PERCENT,
            polarity=Polarity.HIGHER if n % 3 else Polarity.LOWER,
            frequency=Frequency.QUARTERLY if n % 5 == 0 else Frequency.MONTHLY,
            owner=owner,
        )
        for n in range(existing, total)
    )
    made = list(Kpi.objects.filter(code__in=[kpi.code for kpi in made]))
    boards = list(Board.objects.all())
    ReportingLine.objects.bulk_create(
        ReportingLine(board=board, kpi=kpi, frequency=Frequency.MONTHLY)
        for kpi in made
        for board in rng.sample(boards, min(2, len(boards)))
    )
    findings = list(Finding.objects.filter(inspection__title="Synthetic"))
    FindingKpi.objects.bulk_create(
        (
            FindingKpi(finding=finding, kpi=kpi)
            for kpi in made
            for finding in rng.sample(findings, 1)
        ),
        ignore_conflicts=True,
    )


def add_months(end: Period, months: int) -> None:
    """Give every KPI values back to `months` months before `end`, with targets and an
    England comparator."""
    start = end.shift(-(months - 1))
    existing = set(KpiValue.objects.values_list("kpi_id", "period"))
    has_benchmark = set(Benchmark.objects.values_list("kpi_id", flat=True))
    now = timezone.now()
    values, targets, benchmarks = [], [], []
    for kpi in Kpi.objects.filter(code__startswith=PREFIX):
        rng = random.Random(kpi.code)
        for period in due_periods(kpi.frequency, start, end):
            if (kpi.pk, period.first_day) not in existing:
                values.append(
                    KpiValue(
                        kpi=kpi,
                        period=period.first_day,
                        value=Decimal(str(round(rng.uniform(60, 100), 1))),
                        status=Status.APPROVED,
                    )
                )
        amber = Decimal("80") if kpi.polarity == Polarity.HIGHER else Decimal("90")
        targets.extend(
            Target(kpi=kpi, financial_year=year, target=Decimal("85"), amber_threshold=amber,
                   set_at=now)
            for year in range(start.financial_year, end.financial_year + 1)
        )  # fmt: skip
        if kpi.pk not in has_benchmark:
            benchmarks.append(
                Benchmark(kpi=kpi, period=end.first_day, comparator="england",
                          value=Decimal("80"), source="Synthetic", year_label=str(end.year))
            )  # fmt: skip
    KpiValue.objects.bulk_create(values, batch_size=2000)
    Target.objects.bulk_create(targets, ignore_conflicts=True)
    Benchmark.objects.bulk_create(benchmarks)
