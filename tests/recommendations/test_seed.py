"""The seed's readings of the review and the Annex A: lead boards and owners' roles only where
the review's text names them, with every reading recorded; one action for each area for
improvement the Annex A points to the Ofsted action plan, with no invented owner, date or board;
create-only and idempotent."""

import io
import re
from pathlib import Path

from django.core.management import call_command

from boards.models import Board
from findings.models import Finding
from recommendations.models import Action, Recommendation

REVIEW = (
    Path(__file__).resolve().parents[2] / "docs" / "sources" / "000_46b31a9e12504eb1.txt"
).read_text(encoding="utf-8")
ANNEX_A = (
    Path(__file__).resolve().parents[2] / "docs" / "sources" / "004_3bd8095cec89462e.txt"
).read_text(encoding="utf-8")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip()


def test_the_nine_recommendations_are_quoted_from_the_review(seeded):
    review = flat(REVIEW)
    for recommendation in Recommendation.objects.all():
        assert flat(recommendation.text) in review, recommendation.number
    assert Recommendation.objects.count() == 9


def test_lead_boards_and_owners_only_where_the_review_names_them(seeded):
    readings = {
        r.number: (r.lead_board.slug if r.lead_board else None, r.owner_role)
        for r in Recommendation.objects.select_related("lead_board")
    }
    assert readings == {
        1: (None, ""),
        2: (None, ""),
        3: (None, ""),
        4: (None, ""),
        # "The Council's Corporate Parenting Board should have greater prominence..."
        5: ("cpb", ""),
        6: (None, ""),
        # "The DCS and Lead Member should meet regularly with..."
        7: (
            None,
            "Director of Children's Services and Lead Member for Children's Services, jointly",
        ),
        8: (None, ""),
        9: (None, ""),
    }


def test_every_reading_is_recorded_in_the_recommendations_note(seeded):
    for recommendation in Recommendation.objects.all():
        note = recommendation.note
        assert note.startswith("The review was written around Ofsted's leadership grade"), note
        assert len(note) > 200, recommendation.number
    assert "left unset" in Recommendation.objects.get(number=4).note
    assert "read as its lead board" in Recommendation.objects.get(number=5).note
    assert "is a person, not the Health and Wellbeing Board" in (
        Recommendation.objects.get(number=7).note
    )


def test_what_the_seed_names_is_named_in_the_review(seeded):
    review = flat(REVIEW)
    for recommendation in Recommendation.objects.exclude(lead_board=None):
        assert recommendation.lead_board.name in flat(recommendation.text)
    assert "The DCS and Lead Member should meet regularly" in review


def test_each_ofsted_action_plan_row_gets_one_action_and_nothing_invented(seeded):
    actions = list(Action.objects.select_related("finding").order_by("finding__order"))
    assert [a.finding.text[:40] for a in actions] == [
        "Transition planning begins too late for ",
        "Life story work for children looked afte",
        "There are insufficient local foster care",
    ]
    annex = flat(ANNEX_A)
    for action in actions:
        assert action.finding.kind == Finding.Kind.IMPROVEMENT
        assert (action.owner, action.due_date, action.lead_board, action.status) == (
            None, None, None, "not-started",
        )  # fmt: skip
        assert action.owner_name == "Owner not set"
        assert action.title == f"Ofsted action plan: {action.finding.text}"
        # The note quotes the Annex A's words, which are in the document.
        quoted = re.search(r"says: “(.+?)” The action plan", action.note)[1]
        assert flat(quoted) in annex
    assert "read as the Ofsted action plan" in actions[0].note
    assert "read as the Ofsted action plan" not in actions[1].note


def test_a_second_load_adds_nothing_and_keeps_what_people_changed(seeded, manager):
    recommendation = Recommendation.objects.get(number=1)
    recommendation.lead_board = Board.objects.get(slug="cslt")
    recommendation.save(update_fields=["lead_board"])
    action = Action.objects.order_by("pk").first()
    action.owner = manager
    action.save(update_fields=["owner"])
    before = sorted(Action.objects.values_list("pk", flat=True))
    output = io.StringIO()

    call_command("load_wokingham", stdout=output)

    assert "Nothing new to load" in output.getvalue()
    assert sorted(Action.objects.values_list("pk", flat=True)) == before
    assert Recommendation.objects.get(number=1).lead_board.slug == "cslt"
    assert Action.objects.get(pk=action.pk).owner == manager
