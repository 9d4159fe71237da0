"""Load the boards and what each receives from a YAML data file (create-only)."""

import datetime
from pathlib import Path

from django.db import transaction

from boards.models import Board, Meeting, ReportingLine
from findings.models import MonitoringArrangement
from findings.seed import SeedError, SeedReport, get_or_create, read_yaml
from kpis.models import Kpi

GOVERNANCE_FILE = Path(__file__).parent / "data" / "wokingham_governance.yaml"


@transaction.atomic
def load_governance(path: Path = GOVERNANCE_FILE, report: SeedReport | None = None) -> SeedReport:
    """Create the boards and reporting lines not in the database yet.

    KPIs and monitoring arrangements must already be loaded.
    """
    report = report or SeedReport()
    source = read_yaml(path)
    kpis = {kpi.code: kpi for kpi in Kpi.objects.all()}
    monitoring = {item.slug: item for item in MonitoringArrangement.objects.all()}

    for order, item in enumerate(source["boards"], start=1):
        board = get_or_create(
            report,
            Board,
            slug=item["slug"],
            defaults={
                "short_name": item["short_name"],
                "name": item["name"],
                "nature": item["nature"],
                "meets_in_public": item["meets_in_public"],
                "description": item.get("description", ""),
                "order": order,
            },
        )
        for line in item.get("receives", []):
            _load_reporting_line(report, board, line, kpis, monitoring)

    return report


def _load_reporting_line(
    report: SeedReport, board: Board, line: dict, kpis: dict, monitoring: dict
) -> ReportingLine:
    if "kpi" in line:
        subject = {"kpi": kpis.get(line["kpi"])}
        name = line["kpi"]
    else:
        subject = {"monitoring": monitoring.get(line["monitoring"])}
        name = line["monitoring"]
    if None in subject.values():
        raise SeedError(f"{board.short_name} receives {name!r}, which is not defined.")
    reporting_line = get_or_create(
        report,
        ReportingLine,
        board=board,
        **subject,
        defaults={
            "frequency": line.get("frequency", ""),
            "purpose": line.get("purpose", ""),
            "source_text": line.get("source_text", ""),
            "note": line.get("note", ""),
        },
    )
    # "Reported to CS Overview & Scrutiny on 22/09/15": a meeting of the board that received
    # this line. A month alone ({month: 2015-09}) is kept as the 1st with month precision.
    for occasion in line.get("occasions", []):
        if isinstance(occasion, dict):
            year, month = (int(part) for part in str(occasion["month"]).split("-"))
            date, precision = datetime.date(year, month, 1), Meeting.Precision.MONTH
        else:
            date, precision = occasion, Meeting.Precision.DAY
        meeting = get_or_create(
            report, Meeting, board=board, date=date, defaults={"precision": precision}
        )
        meeting.received.add(reporting_line)
    return reporting_line
