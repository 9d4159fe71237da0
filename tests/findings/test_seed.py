"""The Wokingham seed against the source documents (copies in docs/sources/)."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from boards.models import Board, Meeting, ReportingLine, kpis_reported_to_no_board
from findings.models import Finding, FindingKpi, Inspection, MonitoringArrangement
from kpis.choices import KpiStatus
from kpis.models import Kpi
from recommendations.models import Recommendation

pytestmark = pytest.mark.django_db

SOURCES = Path(__file__).resolve().parents[2] / "docs" / "sources"
ANNEX_A = SOURCES / "004_3bd8095cec89462e.txt"


def normalise(text: str) -> str:
    """Source text with the PDF extraction's bullets, curly quotes and line breaks flattened."""
    text = re.sub(r"-[ \t]*\n\s*", "-", text)  # words hyphenated across a line break
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\uf0b7", " ")
    return re.sub(r"\s+", " ", text).strip().lower()


@pytest.fixture
def annex_text() -> str:
    if not ANNEX_A.exists():
        pytest.fail(f"The source document is missing: {ANNEX_A}")
    return normalise(ANNEX_A.read_text(encoding="utf-8"))


def counts_by_area_and_kind() -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for finding in Finding.objects.all():
        key = (finding.area, finding.kind)
        counts[key] = counts.get(key, 0) + 1
    return counts


def test_every_finding_is_loaded_by_area_and_kind(seeded):
    assert counts_by_area_and_kind() == {
        ("Leadership & Governance", "strength"): 5,
        ("Leadership & Governance", "improvement"): 7,
        ("Children who need Help and Protection", "strength"): 5,
        ("Children Looked After & Care Leavers", "strength"): 3,
        ("Children Looked After & Care Leavers", "improvement"): 3,
        ("Adoption & Fostering", "strength"): 4,
        ("Adoption & Fostering", "improvement"): 1,
        ("CSE", "strength"): 1,
        ("CSE", "improvement"): 1,
    }


def test_findings_are_in_source_order_and_quoted_word_for_word(seeded, annex_text):
    findings = list(Finding.objects.in_source_order())
    positions = [annex_text.find(normalise(finding.text)) for finding in findings]
    missing = [f.order for f, pos in zip(findings, positions, strict=True) if pos < 0]
    assert missing == [], f"findings not found verbatim in the Annex A: {missing}"
    assert positions == sorted(positions), "findings are not in the order of the document"
    assert [f.order for f in findings] == list(range(1, 31))


def test_every_kpi_title_is_named_in_the_document(seeded, annex_text):
    not_named = [kpi.code for kpi in Kpi.objects.all() if normalise(kpi.title) not in annex_text]
    assert not_named == []


def test_kpi_statuses_follow_the_document_labels(seeded):
    proposed = set(Kpi.objects.proposed().values_list("code", flat=True))
    assert proposed == {
        "SUPERVISION",
        "CAMHS-CP",
        "CAMHS-CIC",
        "SW-CHANGE-CIN",
        "SW-CHANGE-CP",
        "SW-CHANGE-CIC",
        "TRANSITION-14",
        "PERMANENCE-PLAN",
        "LAC-20MILES-FOSTER",
        "LAC-20MILES-NONFOSTER",
        "RHI-TIMELY",
        "RHI-TAKEUP",
    }
    assert Kpi.objects.live().count() == 17
    assert Kpi.objects.count() == 29


def test_a_kpi_named_twice_is_loaded_once_and_mapped_to_both_findings(seeded):
    kpi = Kpi.objects.get(code="CARE-PROC-26WK")
    areas = sorted(kpi.finding_links.values_list("finding__area", flat=True))
    assert areas == [
        "Children Looked After & Care Leavers",
        "Leadership & Governance",
        "Leadership & Governance",
    ]


def test_the_proposed_and_existing_permanence_kpi_is_live_with_the_reading_noted(seeded):
    kpi = Kpi.objects.get(code="PERMANENCE-12M")
    assert kpi.status == KpiStatus.LIVE
    assert "already reported" in kpi.note


@pytest.mark.parametrize(
    ("finding_start", "codes"),
    [
        ("A robust workforce strategy", {"WF-TURNOVER", "WF-EMPLOYED", "WF-AGENCY", "WF-VACANCY"}),
        ("Joint commissioning", {"CAMHS-CP", "CAMHS-CIC"}),
        ("Multiple changes in social workers", {"SW-CHANGE-CIN", "SW-CHANGE-CP", "SW-CHANGE-CIC"}),
        ("The virtual school", {"PEP"}),
        (
            "There are insufficient local foster carers",
            {"LAC-20MILES", "LAC-20MILES-FOSTER", "LAC-20MILES-NONFOSTER"},
        ),
        ("When children return after going missing", {"RHI-TIMELY", "RHI-TAKEUP"}),
        ("Life story work", set()),
        ("Thresholds for services", set()),
    ],
)
def test_mappings_checked_by_hand_against_the_source(seeded, finding_start, codes):
    finding = Finding.objects.get(text__startswith=finding_start)
    assert set(finding.kpis.values_list("code", flat=True)) == codes


def test_a_comment_without_cells_shares_the_row_above_and_says_so(seeded):
    quality = Finding.objects.get(text__startswith="The quality of practice remains variable")
    management = Finding.objects.get(text__startswith="First and second line management")
    assert set(quality.kpis.all()) == set(management.kpis.all())
    assert "sharing" in quality.note
    assert all(link.note for link in quality.kpi_links.all())


def test_no_positive_statement_on_help_and_protection_has_a_kpi(seeded):
    help_and_protection = Finding.objects.filter(area="Children who need Help and Protection")
    assert help_and_protection.count() == 5
    assert help_and_protection.without_kpis().count() == 5


def test_findings_without_kpis(seeded):
    assert Finding.objects.without_kpis().count() == 13


def test_reporting_lines_with_frequency_and_dated_history(seeded):
    pep_to_cslt = ReportingLine.objects.get(board__slug="cslt", kpi__code="PEP")
    pep_to_cpb = ReportingLine.objects.get(board__slug="cpb", kpi__code="PEP")
    assert (pep_to_cslt.frequency, pep_to_cpb.frequency) == ("monthly", "quarterly")

    turnover = ReportingLine.objects.get(board__slug="cs-os", kpi__code="WF-TURNOVER")
    assert [m.date_label for m in turnover.meetings.all()] == ["21 July 2015"]

    survey = ReportingLine.objects.get(board__slug="corporate-works-council", kpi__code="WF-SURVEY")
    assert [m.date_label for m in survey.meetings.all()] == ["September 2015"]
    # The ten dated occasions of the source are three meetings.
    assert Meeting.objects.count() == 3
    assert sum(meeting.received.count() for meeting in Meeting.objects.all()) == 10


def test_what_the_corporate_parenting_board_receives(seeded):
    cpb = Board.objects.get(slug="cpb")
    kpis = set(cpb.reporting_lines.exclude(kpi=None).values_list("kpi__code", flat=True))
    monitoring = dict(
        cpb.reporting_lines.exclude(monitoring=None).values_list("monitoring__slug", "frequency")
    )
    assert kpis == {
        "SOS-PROGRESS",
        "INNOV-STAFF-SAT",
        "CAMHS-CP",
        "CAMHS-CIC",
        "PEP",
        "PLACEMENTS-3PLUS",
        "LAC-20MILES",
    }
    assert monitoring == {
        "corporate-core-kpis": "",
        "adoption-scorecard": "twice-yearly",
        "cic-council": "quarterly",
        "pledge-survey": "annual",
    }


def test_kpis_reported_to_no_board(seeded):
    assert set(kpis_reported_to_no_board().values_list("code", flat=True)) == {
        "COMPLAINTS",
        "SUPERVISION",
        "SW-CHANGE-CIN",
        "SW-CHANGE-CP",
        "SW-CHANGE-CIC",
        "TRANSITION-14",
        "PERMANENCE-PLAN",
        "LAC-20MILES-FOSTER",
        "LAC-20MILES-NONFOSTER",
        "RHI-TIMELY",
        "RHI-TAKEUP",
    }


def test_the_inspection_has_no_invented_dates_or_grades(seeded):
    inspection = Inspection.objects.get()
    assert inspection.year == 2015
    assert inspection.start_date is None
    assert inspection.overall_grade == ""
    assert inspection.grades.count() == 7
    assert set(inspection.grades.values_list("grade", flat=True)) == {""}


def test_the_nine_recommendations_of_the_review(seeded):
    recommendations = list(Recommendation.objects.order_by("number"))
    assert [r.number for r in recommendations] == list(range(1, 10))
    assert recommendations[4].text.startswith("The Council's Corporate Parenting Board should")
    assert {r.source.slug for r in recommendations} == {"leadership-review-2015"}


def test_monitoring_and_boards_are_all_loaded(seeded):
    assert MonitoringArrangement.objects.count() == 26
    assert Board.objects.count() == 13
    assert ReportingLine.objects.count() == 65
    assert FindingKpi.objects.count() == 38


def test_a_second_run_changes_nothing(seeded):
    before = {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (Finding, Kpi, FindingKpi, MonitoringArrangement, Board, ReportingLine)
    }
    kpi_stamp = Kpi.objects.get(code="PEP").updated_at
    output = io.StringIO()

    call_command("load_wokingham", stdout=output)

    after = {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (Finding, Kpi, FindingKpi, MonitoringArrangement, Board, ReportingLine)
    }
    assert after == before
    assert Kpi.objects.get(code="PEP").updated_at == kpi_stamp
    assert "Nothing new to load" in output.getvalue()


def test_a_second_run_keeps_changes_people_made(seeded, manager):
    kpi = Kpi.objects.get(code="PEP")
    kpi.title = "Eligible children in care with an up-to-date PEP"
    kpi.owner = manager
    kpi.save(update_fields=["title", "owner"])

    call_command("load_wokingham", stdout=io.StringIO())

    kpi.refresh_from_db()
    assert kpi.title == "Eligible children in care with an up-to-date PEP"
    assert kpi.owner == manager
