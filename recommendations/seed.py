"""Load the review's recommendations, and the actions of the Ofsted action plan that the Annex A
points to, from a YAML data file (create-only).

A recommendation that exists is left as it is, and an area for improvement that already has an
action gets no other: a second run changes nothing, and nobody's later edits (an owner set, a
due date, a lead board) are overwritten by the seed.
"""

from pathlib import Path

from django.db import transaction

from boards.models import Board
from findings.models import Finding, JudgementArea, SourceDocument
from findings.seed import SeedError, SeedReport, get_or_create, read_yaml
from recommendations.models import Action, Recommendation

RECOMMENDATIONS_FILE = Path(__file__).parent / "data" / "wokingham_recommendations.yaml"
ACTION_PLAN_WORDS = "ofsted action plan"


@transaction.atomic
def load_recommendations(
    path: Path = RECOMMENDATIONS_FILE, report: SeedReport | None = None
) -> SeedReport:
    """Create the recommendations and action-plan actions not in the database yet. Source
    documents, findings, monitoring and boards must already be loaded."""
    report = report or SeedReport()
    source = read_yaml(path)
    _load_recommendations(report, source["recommendations"])
    _load_action_plan(report, source["action_plan"])
    return report


def _load_recommendations(report: SeedReport, recommendations: dict) -> None:
    document = SourceDocument.objects.filter(slug=recommendations["source"]).first()
    if document is None:
        raise SeedError(f"Recommendations come from {recommendations['source']!r}, not loaded.")
    area = None
    if "judgement_area" in recommendations:
        wanted = recommendations["judgement_area"]
        area = JudgementArea.objects.filter(
            framework__code=wanted["framework"], name=wanted["name"]
        ).first()
        if area is None:
            raise SeedError(f"Recommendations name the judgement area {wanted}, not loaded.")
    boards = {board.slug: board for board in Board.objects.all()}
    for item in recommendations["items"]:
        lead_board = None
        if "lead_board" in item:
            lead_board = boards.get(item["lead_board"])
            if lead_board is None:
                raise SeedError(
                    f"Recommendation {item['number']} is led by {item['lead_board']!r}, "
                    "which is not a board."
                )
        get_or_create(
            report,
            Recommendation,
            source=document,
            number=item["number"],
            defaults={
                "text": item["text"],
                "theme": item["theme"],
                "judgement_area": area,
                "lead_board": lead_board,
                "owner_role": item.get("owner_role", "").strip(),
                "note": " ".join(
                    part.strip() for part in (recommendations.get("note", ""), item["note"])
                ),
            },
        )


def _load_action_plan(report: SeedReport, plan: dict) -> None:
    findings = (
        Finding.objects.filter(kind=Finding.Kind.IMPROVEMENT, monitoring__slug=plan["monitoring"])
        .exclude(pk__in=Action.objects.filter(finding__isnull=False).values("finding"))
        .order_by("inspection_id", "order")
    )
    already = Action.objects.filter(
        finding__kind=Finding.Kind.IMPROVEMENT, finding__monitoring__slug=plan["monitoring"]
    ).count()
    for _ in range(already):
        report.count(Action, created=False)
    for finding in findings:
        words = finding.source_monitoring_text.strip()
        note = plan["note"].format(words=words).strip()
        if ACTION_PLAN_WORDS not in words.lower():
            note = f"{note} {plan['note_when_unnamed'].strip()}"
        Action.objects.create(
            finding=finding,
            title=plan["title"].format(finding=finding.text)[:300],
            note=note,
        )
        report.count(Action, created=True)
