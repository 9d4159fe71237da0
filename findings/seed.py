"""Load an inspection's Annex A (findings, KPIs, other monitoring) from a YAML data file.

Loading is create-only: a row that already exists is left as it is, so a second run changes
nothing and nobody's later edits (an owner, a status change) are overwritten by the seed.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.db import models, transaction

from findings.models import (
    Finding,
    FindingKpi,
    Framework,
    Inspection,
    InspectionGrade,
    JudgementArea,
    MonitoringArrangement,
    SourceDocument,
)
from kpis.choices import Status
from kpis.models import Kpi, KpiValue
from kpis.periods import Period

ANNEX_A_FILE = Path(__file__).parent / "data" / "wokingham_annex_a.yaml"


class SeedError(Exception):
    """The data file refers to something it does not define, or is malformed."""


@dataclass
class SeedReport:
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)

    def count(self, model: type[models.Model], created: bool) -> None:
        (self.created if created else self.existing)[model._meta.verbose_name_plural] += 1

    def lines(self) -> list[str]:
        names = sorted(set(self.created) | set(self.existing))
        return [
            f"{name}: {self.created[name]} created, {self.existing[name]} already present"
            for name in names
        ]

    @property
    def total_created(self) -> int:
        return sum(self.created.values())


def read_yaml(path: Path) -> dict[str, Any]:
    # The C loader is ten times faster than the pure-Python one; both are "safe" loaders.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)


def get_or_create(
    report: SeedReport, model: type[models.Model], defaults: dict | None = None, **lookup: Any
) -> models.Model:
    row, created = model.objects.get_or_create(defaults=defaults or {}, **lookup)
    report.count(model, created)
    return row


@transaction.atomic
def load_annex_a(path: Path = ANNEX_A_FILE, report: SeedReport | None = None) -> SeedReport:
    """Create whatever the Annex A data file describes that is not in the database yet."""
    report = report or SeedReport()
    source = read_yaml(path)

    documents = {
        doc["slug"]: get_or_create(
            report,
            SourceDocument,
            slug=doc["slug"],
            defaults={k: v for k, v in doc.items() if k != "slug"},
        )
        for doc in source["source_documents"]
    }
    frameworks = {fw["code"]: _load_framework(report, fw) for fw in source["frameworks"]}
    inspection = _load_inspection(report, source["inspection"], frameworks, documents)
    kpis = {item["code"]: _load_kpi(report, item) for item in source["kpis"]}
    monitoring = {
        item["slug"]: get_or_create(
            report,
            MonitoringArrangement,
            slug=item["slug"],
            defaults={k: v for k, v in item.items() if k != "slug"},
        )
        for item in source["monitoring"]
    }
    for item in source.get("values", []):
        _load_value(report, item, kpis)
    areas = {area.name: area for area in inspection.framework.areas.all()}
    for order, item in enumerate(source["findings"], start=1):
        _load_finding(report, inspection, order, item, areas, kpis, monitoring)
    return report


def _load_framework(report: SeedReport, item: dict) -> Framework:
    framework = get_or_create(
        report,
        Framework,
        code=item["code"],
        defaults={
            "name": item["name"],
            "in_force_from": item.get("in_force_from"),
            "in_force_until": item.get("in_force_until"),
            "description": item.get("description", ""),
        },
    )
    order = 0
    for area in item["areas"]:
        order += 1
        parent = get_or_create(
            report,
            JudgementArea,
            framework=framework,
            name=area["name"],
            defaults={"order": order, "graded": area.get("graded", True)},
        )
        for sub_area in area.get("sub_areas", []):
            order += 1
            get_or_create(
                report,
                JudgementArea,
                framework=framework,
                name=sub_area["name"],
                defaults={"order": order, "parent": parent, "graded": sub_area.get("graded", True)},
            )
    return framework


def _load_inspection(
    report: SeedReport, item: dict, frameworks: dict, documents: dict
) -> Inspection:
    try:
        framework = frameworks[item["framework"]]
        document = documents[item["source"]]
    except KeyError as missing:
        raise SeedError(
            f"The inspection refers to {missing}, which the file does not define."
        ) from None
    inspection = get_or_create(
        report,
        Inspection,
        framework=framework,
        year=item["year"],
        title=item["title"],
        defaults={"source": document, "note": item.get("note", "")},
    )
    for area in framework.areas.all():
        # One row per judgement area, blank where the source gives no grade.
        get_or_create(report, InspectionGrade, inspection=inspection, area=area)
    return inspection


def _load_kpi(report: SeedReport, item: dict) -> Kpi:
    fields = (
        "title",
        "status",
        "unit",
        "polarity",
        "frequency",
        "is_rate",
        "definition",
        "exclusions",
        "source_text",
        "note",
    )
    return get_or_create(
        report,
        Kpi,
        code=item["code"],
        defaults={name: item[name] for name in fields if name in item},
    )


def _load_value(report: SeedReport, item: dict, kpis: dict[str, Kpi]) -> KpiValue:
    """A figure the source documents give: stored as approved, since it was published."""
    if item["kpi"] not in kpis:
        raise SeedError(f"A value is given for KPI {item['kpi']}, which is not defined.")
    period = Period.parse(str(item["period"]))
    return get_or_create(
        report,
        KpiValue,
        kpi=kpis[item["kpi"]],
        period=period.first_day,
        defaults={
            "value": Decimal(str(item["value"])),
            "commentary": item.get("commentary", ""),
            "status": Status.APPROVED,
        },
    )


def _load_finding(
    report: SeedReport,
    inspection: Inspection,
    order: int,
    item: dict,
    areas: dict[str, JudgementArea],
    kpis: dict[str, Kpi],
    monitoring: dict[str, MonitoringArrangement],
) -> Finding:
    judgement_area = areas.get(item["judgement_area"])
    if judgement_area is None:
        raise SeedError(
            f"Finding {order} names the judgement area {item['judgement_area']!r}, which the "
            f"framework {inspection.framework.code} does not have."
        )
    finding = get_or_create(
        report,
        Finding,
        inspection=inspection,
        order=order,
        defaults={
            "area": item["area"],
            "judgement_area": judgement_area,
            "kind": item["kind"],
            "text": item["text"],
            "source_kpi_text": item.get("source_kpi_text", ""),
            "source_monitoring_text": item.get("source_monitoring_text", ""),
            "note": item.get("note", ""),
        },
    )
    for position, link in enumerate(item.get("kpis", []), start=1):
        if link["code"] not in kpis:
            raise SeedError(f"Finding {order} maps to KPI {link['code']}, which is not defined.")
        get_or_create(
            report,
            FindingKpi,
            finding=finding,
            kpi=kpis[link["code"]],
            defaults={"note": link.get("note", ""), "order": position},
        )
    for slug in item.get("monitoring", []):
        if slug not in monitoring:
            raise SeedError(f"Finding {order} refers to monitoring {slug!r}, which is not defined.")
        finding.monitoring.add(monitoring[slug])
    return finding
