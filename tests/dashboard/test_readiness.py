"""What /readiness/ shows, on the small council of tests/dashboard/council.py: each judgement
area of the latest inspection with its findings, their KPIs' RAG and trend, a summary line, and
the open recommendations."""

import re

import pytest
from django.urls import reverse

from findings.models import SourceDocument
from recommendations.models import Recommendation
from tests.dashboard.council import ADOPTION, HELP, LEADERSHIP, LOOKED_AFTER, short_label
from tests.dashboard.pages import FindingBlock, area_sections, contents, readiness_areas

READINESS = reverse("dashboard:readiness")


@pytest.fixture
def readiness(member_client, council) -> str:
    """The page as a member sees it. (Not named `page`: that is Playwright's fixture.)"""
    return member_client.get(READINESS).content.decode()


def test_areas_with_findings_or_open_recommendations_are_shown_in_framework_order(readiness):
    # Adoption has neither, so it is left out.
    assert list(area_sections(readiness)) == [HELP, LOOKED_AFTER, LEADERSHIP]
    assert ADOPTION not in readiness


def test_each_finding_shows_its_kpis_latest_value_rag_and_trend(readiness):
    last = short_label(1)
    areas = readiness_areas(readiness)
    assert areas[HELP].findings == [
        FindingBlock(
            "Strength Finding 1, Help and protection",
            "Children are visited regularly.",
            [
                ("Visits to children on time", f"60% {last}", "Red", "Worsening"),
                ("Re-referrals within 12 months", f"28% {last}", "Red", "Improving"),
            ],
        ),
        FindingBlock(
            "Area for improvement Finding 2, Help and protection",
            "Plans are not always reviewed on time.",
            [("Child protection plans reviewed on time", f"90% {last}", "Green", "Improving")],
        ),
        FindingBlock(
            "Area for improvement Finding 3, Help and protection",
            "Supervision is irregular.",
            [],
            ["No KPI measures this finding.", "Other monitoring: Supervision audit."],
        ),
    ]
    assert areas[LOOKED_AFTER].findings == [
        FindingBlock(
            "Strength Finding 4, Children looked after",
            "Placements are stable.",
            [
                ("Placement stability", f"74% {last}", "Amber", "Improving"),
                ("Missing episodes followed up", f"45% {last}", "No target", "Improving"),
            ],
        ),
        FindingBlock(
            "Area for improvement Finding 5, Children looked after",
            "Education plans vary in quality.",
            [
                ("Personal education plans in place", f"90% {last}", "Green", "Worsening"),
                ("Child protection plans reviewed on time", f"90% {last}", "Green", "Improving"),
                ("Children offered an advocate", "None yet", "No data", "Not comparable"),
            ],
        ),
    ]
    assert areas[LEADERSHIP].findings == []


def test_each_area_is_summarised_in_a_sentence(readiness):
    # A KPI evidencing two findings of an area counts once; one evidencing findings in two
    # areas (HP-PLANS) counts in each; "red" is left out when there is none. Live KPIs are
    # counted, as on the overview; proposed ones (PROP-ADVOC) are "not yet live".
    summaries = {name: area.summary for name, area in readiness_areas(readiness).items()}
    assert summaries == {
        HELP: "1 of 3 live KPIs green, 2 red, 1 worsening, 1 finding with no measure.",
        LOOKED_AFTER: "2 of 4 live KPIs green, 1 worsening, 1 not yet live, "
        "0 findings with no measure.",
        LEADERSHIP: "no live KPI, 0 findings with no measure.",
    }


def test_the_contents_list_each_area_with_its_summary(readiness):
    assert contents(readiness) == [
        "Help and protection: 1 of 3 live KPIs green, 2 red, 1 worsening, "
        "1 finding with no measure",
        "Children looked after: 2 of 4 live KPIs green, 1 worsening, 1 not yet live, "
        "0 findings with no measure",
        "Leadership: no live KPI, 0 findings with no measure",
    ]


def test_open_recommendations_are_listed_under_their_area_and_complete_ones_are_not(readiness):
    areas = readiness_areas(readiness)
    assert areas[HELP].recommendations == [
        "1. Workforce (open): Reduce reliance on agency social workers."
    ]
    assert areas[LOOKED_AFTER].recommendations == []
    assert areas[LEADERSHIP].recommendations == [
        "3. Governance (in progress): Report performance to members each quarter."
    ]
    assert "Introduce monthly supervision for all staff." not in readiness


def test_only_the_latest_inspection_is_shown(readiness):
    assert "Each finding of the Test inspection" in readiness
    assert "A finding of the earlier inspection." not in readiness


def test_with_no_inspection_the_page_says_so(member_client, db):
    page = member_client.get(READINESS).content.decode()
    assert "No inspection has been loaded yet, so there are no findings to check against." in page
    assert area_sections(page) == {}


def test_open_recommendations_of_no_judgement_of_this_inspection_are_listed_apart(
    council, member_client
):
    review = SourceDocument.objects.get(kind="review")
    Recommendation.objects.create(
        source=review, number=9, theme="Culture", text="Celebrate good practice."
    )
    Recommendation.objects.create(
        source=review,
        number=10,
        theme="Done",
        status_override="complete",
        override_reason="Set for the test",
        text="Already finished.",
    )
    page = member_client.get(READINESS).content.decode()
    other = re.sub(r"<[^>]+>", "", page[page.index('id="other-recommendations"') :])
    assert "9. Culture (open): Celebrate good practice." in other
    assert "Already finished." not in page
