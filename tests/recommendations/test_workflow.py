"""An action's moves (start, complete, close, reopen), who may make each, and what they record;
a recommendation's status set by hand and given back to its actions; an action's details
changed, each change recorded."""

import datetime

import pytest

from recommendations.models import Action, AuditEntry, MoveRefused, Recommendation
from tests.recommendations.evidence import link_evidence
from tests.recommendations.factories import make_action, make_board, write_update
from tests.users import make_user

NO_EVIDENCE = (
    "This action has no evidence yet, so it cannot be closed: add a progress update that "
    "links a KPI, a document or the meeting where it was discussed"
)


@pytest.fixture
def owner(db):
    return make_user("owner", "Performance officer")


@pytest.fixture
def action(owner):
    return make_action(owner=owner)


def stored(action: Action) -> Action:
    return Action.objects.get(pk=action.pk)


def test_the_owner_starts_and_completes_an_action_and_each_move_is_recorded(action, owner):
    action.start(by=owner)
    action.complete(by=owner)
    action = stored(action)
    assert action.status == "complete"
    assert action.started_at is not None
    assert list(action.audit_entries.values_list("old_status", "new_status", "summary")) == [
        ("not-started", "in-progress", "Started"),
        ("in-progress", "complete", "Marked complete"),
    ]
    assert set(action.audit_entries.values_list("by", flat=True)) == {owner.pk}


def test_a_member_who_does_not_own_it_cannot_move_it(action, member):
    with pytest.raises(MoveRefused, match="Only the action's owner, a performance officer"):
        action.start(by=member)
    assert stored(action).status == "not-started"


def test_an_officer_who_does_not_own_the_action_may_still_move_it(action, officer):
    action.start(by=officer)
    assert stored(action).status == "in-progress"


def test_closing_without_evidence_is_refused_and_nothing_changes(action, manager, owner):
    write_update(action, owner, text="Working on it, no evidence yet.")
    with pytest.raises(MoveRefused) as refused:
        action.close(by=manager)
    assert str(refused.value) == NO_EVIDENCE
    action = stored(action)
    assert (action.status, action.closed_at, action.closed_by) == ("not-started", None, None)
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("evidence", ["kpi", "meeting", "document"])
def test_a_manager_closes_an_action_with_evidence_recording_who_and_when(
    action, manager, owner, evidence
):
    link_evidence(write_update(action, owner), evidence)
    action.close(by=manager)
    action = stored(action)
    assert action.status == "closed"
    assert action.closed_by == manager
    assert abs(action.closed_at - datetime.datetime.now(tz=datetime.UTC)).total_seconds() < 60
    assert action.audit_entries.get().summary == "Closed: signed off"


def test_only_a_manager_closes_even_with_evidence(action, officer, owner):
    link_evidence(write_update(action, owner), "meeting")
    for person in (officer, owner):
        with pytest.raises(MoveRefused, match="Only a manager can close an action"):
            action.close(by=person)
    assert stored(action).status == "not-started"


def test_a_closed_action_is_reopened_by_a_manager_with_a_reason(action, manager, owner):
    action = make_action(owner=owner, status="closed", closed_by=manager)
    with pytest.raises(MoveRefused, match="Only a manager can reopen a closed action"):
        action.reopen(by=owner, reason="Not finished")
    with pytest.raises(MoveRefused, match="Give the reason"):
        action.reopen(by=manager, reason="  ")
    action.reopen(by=manager, reason="The evidence was for another team")
    action = stored(action)
    assert (action.status, action.closed_at, action.closed_by) == ("in-progress", None, None)
    entry = action.audit_entries.get()
    assert (entry.summary, entry.reason) == ("Reopened", "The evidence was for another team")


def test_the_recommendation_follows_its_actions(owner, manager):
    first = make_action(owner=owner)
    recommendation = Recommendation.objects.get(pk=first.recommendation_id)
    assert recommendation.status == "open"
    first.start(by=owner)
    assert Recommendation.objects.with_status().get().status == "in-progress"
    link_evidence(write_update(first, owner), "meeting")
    first.close(by=manager)
    assert Recommendation.objects.with_status().get().status == "complete"
    make_action(recommendation, title="Another thing")
    assert Recommendation.objects.with_status().get().status == "in-progress"


def test_a_manager_sets_the_status_by_hand_with_a_reason_and_can_give_it_back(owner, manager):
    recommendation = make_action(owner=owner).recommendation
    with pytest.raises(MoveRefused, match="Only a manager can set"):
        recommendation.override_status(by=owner, status="complete", reason="Done elsewhere")
    with pytest.raises(MoveRefused, match="Give the reason"):
        recommendation.override_status(by=manager, status="complete", reason=" ")
    recommendation.override_status(by=manager, status="complete", reason="Done by the council")

    shown = Recommendation.objects.with_status().get()
    assert (shown.status, shown.current_status, shown.status_from_actions) == (
        "complete",
        "complete",
        "open",
    )
    assert (shown.override_reason, shown.overridden_by) == ("Done by the council", manager)
    assert Recommendation.objects.open().count() == 0

    shown.follow_actions(by=manager)
    shown = Recommendation.objects.with_status().get()
    assert (shown.status, shown.status_override, shown.overridden_by) == ("open", "", None)
    assert list(shown.audit_entries.values_list("old_status", "new_status", "reason")) == [
        ("open", "complete", "Done by the council"),
        ("complete", "open", ""),
    ]


def test_changing_an_actions_details_records_each_change_in_words(action, officer):
    board = make_board("cslt")
    changes = action.change_details(
        by=officer,
        title="Do the thing",
        owner=None,
        lead_board=board,
        due_date=datetime.date(2027, 3, 31),
    )
    assert changes == [
        "Owner changed from Owner Tester to not set",
        "Lead board changed from none to CSLT",
        "Due date changed from none to 31 March 2027",
    ]
    assert action.audit_entries.get().summary == "; ".join(changes)
    assert action.change_details(
        by=officer, title="Do the thing", owner=None, lead_board=board,
        due_date=datetime.date(2027, 3, 31),
    ) == []  # fmt: skip
    assert action.audit_entries.count() == 1


def test_only_officers_and_managers_change_an_actions_details(action, member):
    with pytest.raises(MoveRefused, match="Only a performance officer or a manager"):
        action.change_details(by=member, title="Other", owner=None, lead_board=None, due_date=None)
    assert stored(action).title == "Do the thing"
