"""/returns/<YYYY-MM>/approve/: a different manager approves submitted values, which then lock."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kpis.models import KpiValue
from tests.kpis.pages import VALUES, add_value, live_kpi, messages_of, page, stored, the_message

APPROVE = reverse("returns:approve", args=["2026-10"])


def box(value) -> str:
    """What the approval page's checkbox for a value sends: its id and the version shown."""
    value.refresh_from_db()
    return f"{value.pk}:{value.version}"


@pytest.fixture
def pep(seeded, officer):
    return live_kpi("PEP", owner=officer)


@pytest.fixture
def submitted(pep, officer):
    """PEP for October 2026, entered and submitted by its owner, the officer."""
    return add_value(pep, "2026-10", 96, "submitted", by=officer)


def test_a_manager_approves_an_officers_submitted_value(manager_client, submitted, manager):
    assert "Select PEP for October 2026" in page(manager_client.get(APPROVE))
    response = manager_client.post(APPROVE, {"approve": [box(submitted)]})
    the_message(response, rf"Approved 1 {VALUES} for October 2026\.")
    value = stored("PEP", "2026-10")
    assert (value.status, value.approved_by) == ("approved", manager)
    assert value.approved_at is not None and value.is_locked
    assert "No values for October 2026 are waiting for approval" in page(
        manager_client.get(APPROVE)
    )


def test_a_manager_cannot_approve_a_value_they_submitted(manager_client, pep, manager):
    value = add_value(pep, "2026-10", 96, "submitted", by=manager)
    text = page(manager_client.get(APPROVE))
    assert "You entered or submitted PEP, so a different manager must approve it" in text
    assert "so a different manager must approve it. You may still send it back." in text
    response = manager_client.post(APPROVE, {"approve": [box(value)]})
    assert messages_of(response) == [
        "You entered or submitted PEP, so a different manager must approve it"
    ]
    assert stored("PEP", "2026-10").status == "submitted"


def test_a_manager_cannot_approve_a_value_they_entered_for_someone_else(
    manager_client, pep, manager, officer
):
    value = add_value(pep, "2026-10", 96, "submitted", entered_by=manager, submitted_by=officer)
    manager_client.post(APPROVE, {"approve": [box(value)]})
    assert stored("PEP", "2026-10").status == "submitted"


def test_a_value_a_manager_submitted_through_the_return_is_approved_by_another_manager(
    manager_client, second_manager_client, pep, second_manager
):
    url = reverse("returns:period", args=["2026-10"])
    versions = {
        name: "0"
        for name in (
            "CASELOADS",
            "LAC-20MILES",
            "PEP",
            "PLACEMENTS-3PLUS",
            "TEAM-NUMBERS",
            "VISITS-TIMELY",
            "WF-AGENCY",
            "WF-VACANCY",
        )
    }
    data = {f"{code}-version": version for code, version in versions.items()}
    manager_client.post(url, {**data, "PEP-value": "96", "submit": ""})
    value = stored("PEP", "2026-10")
    assert value.status == "submitted"

    manager_client.post(APPROVE, {"approve": [box(value)]})
    assert stored("PEP", "2026-10").status == "submitted"
    second_manager_client.post(APPROVE, {"approve": [box(value)]})
    value.refresh_from_db()
    assert (value.status, value.approved_by) == ("approved", second_manager)


def test_an_officer_cannot_approve_even_someone_elses_value(officer_client, pep, manager):
    value = add_value(pep, "2026-10", 96, "submitted", by=manager)
    assert officer_client.get(APPROVE).status_code == 403
    assert officer_client.post(APPROVE, {"approve": [box(value)]}).status_code == 403
    assert stored("PEP", "2026-10").status == "submitted"


def test_a_member_cannot_approve(member_client, submitted):
    assert member_client.post(APPROVE, {"approve": [box(submitted)]}).status_code == 403
    assert stored("PEP", "2026-10").status == "submitted"


def test_approving_nothing_asks_for_a_choice(manager_client, submitted):
    response = manager_client.post(APPROVE, {})
    assert "Select at least one value to approve or send back" in page(response)
    assert stored("PEP", "2026-10").status == "submitted"


def test_a_draft_cannot_be_approved(manager_client, pep, officer):
    draft = add_value(pep, "2026-10", 96, "draft", by=officer)
    response = manager_client.post(APPROVE, {"approve": [box(draft)]})
    assert "not waiting in October 2026 any more" in page(response)
    assert stored("PEP", "2026-10").status == "draft"


def test_approval_is_all_or_nothing(manager_client, submitted, seeded, manager):
    own = add_value(live_kpi("WF-AGENCY"), "2026-10", 14, "submitted", by=manager)
    response = manager_client.post(APPROVE, {"approve": [box(submitted), box(own)]})
    assert "a different manager must approve it" in page(response)
    statuses = set(KpiValue.objects.filter(pk__in=[submitted.pk, own.pk]).values_list("status"))
    assert statuses == {("submitted",)}


def test_the_approval_is_recorded_in_the_audit_trail(manager_client, submitted):
    manager_client.post(APPROVE, {"approve": [box(submitted)]})
    record = submitted.history.latest()
    assert (record.history_change_reason, record.history_user.username) == ("Approved", "manager")
    audit = page(manager_client.get(reverse("kpis:detail", args=["PEP"])))
    audit = audit[audit.index('id="audit"') :]
    assert "status: submitted → approved" in audit


def test_a_value_changed_after_the_page_was_shown_is_not_approved(
    manager_client, submitted, officer
):
    shown = box(submitted)
    submitted.value, submitted.version = Decimal("80"), submitted.version + 1
    submitted.save(update_fields=["value", "version"])

    response = manager_client.post(APPROVE, {"approve": [shown]}, follow=True)

    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    assert "has changed since you opened this page" in response.content.decode()


def test_only_values_of_the_period_in_the_address_are_approved(manager_client, submitted):
    other_period = APPROVE.replace("2026-10", "2026-09")
    response = manager_client.post(other_period, {"approve": [box(submitted)]}, follow=True)
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    assert "not waiting in September 2026 any more" in response.content.decode()
