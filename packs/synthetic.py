"""A synthetic board for the pack benchmark: any number of KPIs with any number of months of
approved values, targets, an England comparator and the findings they evidence. Never loaded
into a real database: `bench_packs` makes a temporary one."""

import random
from decimal import Decimal

from django.utils import timezone

from boards.models import Board, ReportingLine
from findings.models import Finding, FindingKpi, Framework, Inspection, JudgementArea
from kpis.choices import Frequency, KpiStatus, Polarity, Status, Unit
from kpis.models import Benchmark, Kpi, KpiValue, Target
from kpis.periods import Period, due_periods

COMMENTARY = (
    "Synthetic commentary: below target because of vacancies in one team; the service manager "
    "reviews every case weekly and expects recovery by the next quarter."
)


def synthetic_board(*, kpis: int, months: int, end: Period) -> Board:
    """A board receiving `kpis` KPIs, each with `months` months of approved values to `end`."""
    board = Board.objects.create(
        slug="synthetic", short_name="SYN", name="Synthetic board", nature=Board.Nature.INTERNAL
    )
    framework = Framework.objects.create(code="synthetic", name="Synthetic framework")
    area = JudgementArea.objects.create(framework=framework, name="Synthetic judgement")
    inspection = Inspection.objects.create(framework=framework, title="Synthetic", year=2025)
    findings = Finding.objects.bulk_create(
        Finding(inspection=inspection, area="Synthetic area", judgement_area=area,
                kind="improvement", text=f"Synthetic finding {n}", order=n + 1)
        for n in range(10)
    )  # fmt: skip
    made = Kpi.objects.bulk_create(
        Kpi(
            code=f"SYN-{n:03d}",
            title=f"Synthetic KPI {n}",
            definition="A synthetic measure for the benchmark.",
            status=KpiStatus.LIVE,
            unit=Unit.PERCENT,
            is_rate=n % 4 == 0,
            polarity=Polarity.HIGHER if n % 3 else Polarity.LOWER,
            frequency=Frequency.QUARTERLY if n % 5 == 0 else Frequency.MONTHLY,
        )
        for n in range(kpis)
    )
    made = list(Kpi.objects.filter(code__startswith="SYN-").order_by("code"))
    ReportingLine.objects.bulk_create(ReportingLine(board=board, kpi=kpi) for kpi in made)
    FindingKpi.objects.bulk_create(
        FindingKpi(finding=findings[n % len(findings)], kpi=kpi) for n, kpi in enumerate(made)
    )
    start, now = end.shift(-(months - 1)), timezone.now()
    values, targets = [], []
    for kpi in made:
        rng = random.Random(kpi.code)
        for period in due_periods(kpi.frequency, start, end):
            value, numerator, denominator = Decimal(str(round(rng.uniform(60, 100), 1))), None, None
            if kpi.is_rate:
                denominator = rng.randint(20, 120)
                numerator = round(float(value) * denominator / 100)
                value = (Decimal(numerator) * 100 / denominator).quantize(Decimal("0.1"))
            values.append(
                KpiValue(kpi=kpi, period=period.first_day, value=value, numerator=numerator,
                         denominator=denominator, status=Status.APPROVED,
                         commentary=COMMENTARY if value < 80 else "")
            )  # fmt: skip
        amber = Decimal("80") if kpi.polarity == Polarity.HIGHER else Decimal("90")
        targets.extend(
            Target(kpi=kpi, financial_year=year, target=Decimal("85"), amber_threshold=amber,
                   set_at=now)
            for year in range(start.financial_year, end.financial_year + 1)
        )  # fmt: skip
    KpiValue.objects.bulk_create(values, batch_size=2000)
    Target.objects.bulk_create(targets)
    Benchmark.objects.bulk_create(
        Benchmark(kpi=kpi, period=end.shift(-6).first_day, comparator="england",
                  value=Decimal("80"), source="Synthetic", year_label=str(end.year))
        for kpi in made
    )  # fmt: skip
    return board
