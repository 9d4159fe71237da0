"""Demo data: 36 months of made-up values, targets and comparators for the live KPIs.

Generated from a fixed seed, so every run makes the same figures, and create-only, so a second
run adds nothing. Everything made here is marked is_demo and labelled "demo" wherever it shows.
"""

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from kpis.choices import KpiStatus, Polarity, Status, Unit
from kpis.models import Benchmark, Kpi, KpiValue, Target
from kpis.periods import Period, due_periods
from kpis.rag import Rag, rag_status
from kpis.validation import derived_percentage

SEED = 2015
MONTHS = 36


@dataclass(frozen=True)
class Profile:
    """How a KPI's demo figures behave: around `typical`, wobbling by `spread`."""

    typical: float
    spread: float
    target: float | None = None
    amber: float | None = None


# Typical values and targets follow the common KPIs in shared/DOMAIN.md where one matches.
PROFILES = {
    "WF-TURNOVER": Profile(10.5, 2.5, target=12, amber=15),
    "WF-EMPLOYED": Profile(87, 3, target=85, amber=80),
    "WF-AGENCY": Profile(13.5, 3, target=15, amber=18),
    "WF-VACANCY": Profile(11, 3, target=12, amber=15),
    "WF-SURVEY": Profile(78, 4, target=75, amber=70),
    "INNOV-STAFF-SAT": Profile(81, 4, target=80, amber=75),
    "SOS-PROGRESS": Profile(70, 10),
    "COMPLAINTS": Profile(12, 4),
    "CARE-PROC-26WK": Profile(62, 10, target=60, amber=50),
    "VISITS-TIMELY": Profile(95.5, 3, target=95, amber=90),
    "CASELOADS": Profile(15.5, 1.5, target=16, amber=18),
    "TEAM-NUMBERS": Profile(120, 10),
    "PEP": Profile(95.5, 3, target=95, amber=90),
    "PLACEMENTS-3PLUS": Profile(8.5, 2, target=10, amber=12),
    "PERMANENCE-12M": Profile(26.5, 4, target=25, amber=20),
    "NEET-CARE-LEAVERS": Profile(32, 5, target=35, amber=40),
    "LAC-20MILES": Profile(57, 4, target=60, amber=55),
}
DEFAULT_PROFILE = Profile(50, 10)

# Percentages of children, entered as a count of a group (numerator of denominator), with the
# usual size of the group in a council the size of Wokingham. Small groups make small counts:
# the few children without a PEP, the few with three placements, care proceedings in a
# quarter. Public (Part 1) packs print those as "c" (kpis.disclosure).
COUNTED = {
    "PEP": 80,
    "PLACEMENTS-3PLUS": 55,
    "CARE-PROC-26WK": 12,
}

# England figures from shared/DOMAIN.md (DfE statistics), placed at the period they describe.
ENGLAND = {
    "WF-TURNOVER": ("2023-09", "15.9", "DfE children's social work workforce", "2023"),
    "WF-AGENCY": ("2023-09", "17.8", "DfE children's social work workforce", "2023"),
    "WF-VACANCY": ("2023-09", "18.9", "DfE children's social work workforce", "2023"),
    "CASELOADS": ("2023-09", "16.0", "DfE children's social work workforce", "2023"),
    "CARE-PROC-26WK": ("2024-06", "32", "MoJ family court statistics", "Apr-Jun 2024"),
}
RED_COMMENTARY = (
    "Demo commentary: below target because of staff absence in one team; the service manager "
    "is reviewing every case weekly and expects recovery next quarter."
)


def _number(kpi: Kpi, raw: float) -> Decimal:
    if kpi.unit == Unit.PERCENT:
        raw = min(100.0, max(0.0, raw))
    places = Decimal("1") if kpi.unit in (Unit.COUNT, Unit.DAYS) else Decimal("0.1")
    return Decimal(str(max(0.0, raw))).quantize(places, rounding=ROUND_HALF_UP)


@transaction.atomic
def load_demo_values(
    *, today, officer: AbstractBaseUser, manager: AbstractBaseUser
) -> dict[str, int]:
    """Make the demo targets, values and comparators that are not there yet."""
    counts = {"targets": 0, "values": 0, "benchmarks": 0, "owners": 0}
    end = Period.from_date(today).previous()
    start = end.shift(-(MONTHS - 1))
    now = timezone.now()
    live = list(Kpi.objects.filter(status=KpiStatus.LIVE).order_by("code"))
    for index, kpi in enumerate(live):
        if kpi.owner_id is None:
            kpi.owner = officer
            kpi._change_reason = "Demo data: owner assigned"
            kpi.save(update_fields=["owner", "updated_at"])
            counts["owners"] += 1
        profile = PROFILES.get(kpi.code, DEFAULT_PROFILE)
        counts["targets"] += _demo_targets(kpi, profile, start, end, manager, now)
        counts["values"] += _demo_values(kpi, profile, index, start, end, officer, manager, now)
    for code, (period, value, source, year) in ENGLAND.items():
        kpi = next((k for k in live if k.code == code), None)
        if kpi is None:
            continue
        _, created = Benchmark.objects.get_or_create(
            kpi=kpi,
            period=Period.parse(period).first_day,
            comparator=Benchmark.Comparator.ENGLAND,
            defaults={"value": Decimal(value), "source": source, "year_label": year,
                      "is_demo": True},
        )  # fmt: skip
        counts["benchmarks"] += created
    return counts


def _demo_targets(kpi, profile, start, end, manager, now) -> int:
    if profile.target is None or kpi.polarity == Polarity.NONE:
        return 0
    created = 0
    for year in range(start.financial_year, end.financial_year + 1):
        _, made = Target.objects.get_or_create(
            kpi=kpi,
            financial_year=year,
            defaults={
                "target": Decimal(str(profile.target)),
                "amber_threshold": Decimal(str(profile.amber)),
                "set_by": manager,
                "set_at": now,
                "note": "Demo target",
                "is_demo": True,
            },
        )
        created += made
    return created


def _demo_values(kpi, profile, index, start, end, officer, manager, now) -> int:
    """A wandering series; older values approved, the latest period in a mix of states."""
    if KpiValue.objects.filter(kpi=kpi, is_demo=True).exists():
        return 0
    group = COUNTED.get(kpi.code)
    if group and not kpi.is_rate:
        kpi.is_rate = True
        kpi._change_reason = "Demo data: entered as a numerator and a denominator"
        kpi.save(update_fields=["is_rate", "updated_at"])
    rng = random.Random(f"{SEED}-{kpi.code}")
    targets = {t.financial_year: t for t in kpi.targets.all()}
    periods = due_periods(kpi.frequency, start, end, kpi.due_month)
    level = profile.typical
    # A few KPIs end on a Red value, so the dashboards have something to show and explain.
    ends_red = profile.target is not None and index % 5 == 2
    rows = []
    for position, period in enumerate(periods):
        level += rng.gauss(0, 0.6) * profile.spread
        level += (profile.typical - level) * 0.35  # drift back towards typical
        latest = position == len(periods) - 1
        # The latest period in a mix of states (None: not yet entered); older ones approved.
        states = (None, Status.DRAFT, Status.SUBMITTED, Status.APPROVED)
        state = states[index % 4] if latest else Status.APPROVED
        if state is None:
            continue
        reported_last = position == len(periods) - 1 or (
            position == len(periods) - 2 and index % 4 == 0
        )
        if ends_red and reported_last:
            worse = -1 if kpi.polarity == Polarity.HIGHER else 1
            level = profile.amber + worse * profile.spread
        value, numerator, denominator = _number(kpi, level), None, None
        if group:
            denominator = max(1, round(rng.gauss(group, group * 0.08)))
            numerator = min(denominator, max(0, round(float(value) * denominator / 100)))
            value = derived_percentage(numerator, denominator)
        target = targets.get(period.financial_year)
        rag = rag_status(
            value,
            target.target if target else None,
            target.amber_threshold if target else None,
            kpi.polarity,
        )
        rows.append(
            KpiValue(
                kpi=kpi,
                period=period.first_day,
                value=value,
                numerator=numerator,
                denominator=denominator,
                commentary=RED_COMMENTARY if rag == Rag.RED else "",
                provisional=latest and rng.random() < 0.3,
                status=state,
                entered_by=officer,
                figure_entered_by=officer,
                submitted_by=officer if state != Status.DRAFT else None,
                submitted_at=now if state != Status.DRAFT else None,
                approved_by=manager if state == Status.APPROVED else None,
                approved_at=now if state == Status.APPROVED else None,
                is_demo=True,
            )
        )
    bulk_create_with_history(rows, KpiValue, default_change_reason="Demo data generated")
    return len(rows)
