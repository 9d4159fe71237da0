"""On the seed: the findings a board's KPIs evidence and the recommendations it leads, in its
pack (shown here on the meeting page, from the same assembly as the PDF)."""

import datetime

from boards.models import Board
from packs.assembly import recommendations_for
from recommendations.models import Action, Recommendation
from tests.kpis.pages import page, section
from tests.packs.factories import make_meeting


def test_the_cpb_pack_lists_the_findings_its_kpis_evidence(client, seeded, officer):
    meeting = make_meeting(Board.objects.get(slug="cpb"), datetime.date(2026, 12, 8))
    client.force_login(officer)
    findings = section(page(client.get(meeting.get_absolute_url())), "findings")
    assert "The virtual school has made significant progress in improving" in findings
    assert "PEP: No data" in findings
    assert "almost half of children looked after are" in findings
    # A finding evidenced only by KPIs the board does not receive is not listed.
    assert "A robust workforce strategy has begun" not in findings


def test_the_cpb_pack_lists_the_recommendations_with_their_status(client, seeded, officer):
    corporate_parenting = Recommendation.objects.get(number=5)
    Action.objects.create(
        recommendation=corporate_parenting, title="Redraw the framework", status="in-progress"
    )
    meeting = make_meeting(Board.objects.get(slug="cpb"), datetime.date(2026, 12, 8))
    client.force_login(officer)
    recommendations = section(page(client.get(meeting.get_absolute_url())), "recommendations")
    assert "Corporate parenting</strong>: The Council&#x27;s Corporate Parenting Board" in (
        recommendations
    )
    assert "In progress" in recommendations
    assert recommendations.count("<tr") == 1 + 1


def test_a_boards_recommendations_are_those_it_leads_as_on_its_page(seeded):
    assert [r.number for r in recommendations_for(Board.objects.get(slug="cpb"))] == [5]
    assert recommendations_for(Board.objects.get(slug="smt")) == []
    # Leading an action of a recommendation makes the board one of its leads.
    Action.objects.create(
        recommendation=Recommendation.objects.get(number=3),
        title="Map the committees",
        lead_board=Board.objects.get(slug="smt"),
    )
    assert [r.number for r in recommendations_for(Board.objects.get(slug="smt"))] == [3]
