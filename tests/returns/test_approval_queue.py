"""/returns/approve/: everything waiting for approval, with what a manager needs beside each
figure; approve some or all, or send some back to their owner with a reason."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from kpis.models import KpiValue
from tests.kpis.pages import add_target, add_value, cells, live_kpi, messages_of, page, stored

QUEUE = reverse("returns:approval_queue")


def box(value: KpiValue) -> str:
    return f"{value.pk}:{value.version}"


@pytest.fixture
def waiting(seeded, officer, manager):
    """PEP (owned by the officer) and WF-AGENCY submitted for October; PEP's September
    approved; and CASELOADS, whose figure the manager typed."""
    officer.email = "officer@example.org"
    officer.save(update_fields=["email"])
    pep = live_kpi("PEP", owner=officer)
    add_target(pep, 2026, 95, 90)
    add_value(pep, "2026-09", 93, "approved", by=officer, approved_by=manager)
    return {
        "PEP": add_value(pep, "2026-10", 96, "submitted", by=officer, commentary="Up again"),
        "WF-AGENCY": add_value(
            live_kpi("WF-AGENCY", owner=officer), "2026-10", 14, "submitted", by=officer
        ),
        "CASELOADS": add_value(
            live_kpi("CASELOADS", owner=officer), "2026-09", 15, "submitted", by=manager
        ),
    }


def queue_row(text: str, what: str) -> list[str]:
    """The cells of the queue's row for "CODE, Month YYYY"."""
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", text, re.S):
        if what in row:
            return cells(row)
    raise AssertionError(f"No row for {what}")


def test_each_value_shows_its_previous_figure_target_rag_and_commentary(manager_client, waiting):
    text = page(manager_client.get(QUEUE))
    assert "3 values waiting" in text
    _, kpi, value, previous, target, rag, commentary, by = queue_row(text, "PEP, October 2026")
    assert kpi.startswith("% Eligible") and by.startswith("Officer Tester")
    assert (value, previous, target, rag) == (
        "96%",
        "93% Sep 2026, approved",
        "95% amber 90%",
        "Green",
    )
    assert commentary == "Up again"
    assert queue_row(text, "WF-AGENCY, October 2026")[6] == ""  # not "None"
    assert "You entered or submitted CASELOADS" in text


def test_a_manager_sends_a_value_back_with_a_reason_and_the_owner_is_told(
    manager_client, waiting, officer_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(
            QUEUE,
            {"approve": [box(waiting["PEP"])], "action": "send-back", "reason": "Check Ward B"},
        )
    assert messages_of(response) == ["Sent back 1 value."]
    value = stored("PEP", "2026-10")
    assert (value.status, value.sent_back_reason) == ("draft", "Check Ward B")
    assert value.history.first().history_change_reason == "Sent back: Check Ward B"
    [email] = mail.outbox
    assert email.to == ["officer@example.org"]
    assert "PEP for October 2026: Check Ward B" in email.body
    assert "/returns/2026-10/" in email.body
    return_page = page(officer_client.get(reverse("returns:period", args=["2026-10"])))
    assert "Sent back for correction: Check Ward B" in return_page


def test_sending_back_needs_a_reason_and_keeps_the_choice(manager_client, waiting):
    response = manager_client.post(
        QUEUE, {"approve": [box(waiting["PEP"])], "action": "send-back", "reason": "  "}
    )
    assert response.status_code == 400
    text = page(response)
    assert "<title>Error: Approve values" in text
    assert "Say why these values are being sent back" in text
    assert f'value="{box(waiting["PEP"])}" checked' in text
    assert stored("PEP", "2026-10").status == "submitted"


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("bad\x00value", "The reason contains a character that cannot be saved (a NUL byte)"),
        ("x" * 1001, "The reason must be 1,000 characters or fewer (it has 1001)"),
    ],
    ids=["NUL byte", "too long"],
)
def test_a_reason_that_cannot_be_kept_is_refused_with_the_choice_and_the_reason_kept(
    manager_client, waiting, reason, message
):
    response = manager_client.post(
        QUEUE,
        {"approve": [box(waiting["PEP"])], "action": "send-back", "reason": reason},
    )
    assert response.status_code == 400
    text = page(response)
    assert "<title>Error: Approve values" in text
    assert f'<a href="#reason">{message}' in text
    assert f'value="{box(waiting["PEP"])}" checked' in text
    assert f">{reason}</textarea>" in text
    value = stored("PEP", "2026-10")
    assert (value.status, value.sent_back_reason) == ("submitted", "")


def test_approve_all_approves_every_value_the_manager_may_and_no_other(
    manager_client, waiting, manager
):
    response = manager_client.post(QUEUE, {"action": "approve-all"})
    assert messages_of(response) == ["Approved 2 values."]
    assert stored("PEP", "2026-10").approved_by == manager
    assert stored("WF-AGENCY", "2026-10").status == "approved"
    assert stored("CASELOADS", "2026-09").status == "submitted"  # the manager typed it


def test_a_value_resubmitted_after_being_sent_back_loses_the_reason(
    manager_client, waiting, officer
):
    manager_client.post(
        QUEUE, {"approve": [box(waiting["PEP"])], "action": "send-back", "reason": "Recount"}
    )
    value = stored("PEP", "2026-10")
    value.submit(by=officer)
    value.save_move()
    assert stored("PEP", "2026-10").sent_back_reason == ""


def test_the_navigation_shows_managers_how_many_values_wait(manager_client, waiting):
    text = page(manager_client.get(reverse("dashboard:home")))
    assert 'href="/returns/approve/"' in text
    # CASELOADS does not count: this manager typed it.
    assert '<span class="app-nav-count">2<span class="govuk-visually-hidden"> waiting' in text


def test_officers_and_members_have_no_approve_item_and_no_queue(
    officer_client, member_client, waiting
):
    assert 'href="/returns/approve/"' not in page(officer_client.get(reverse("returns:status")))
    assert officer_client.get(QUEUE).status_code == 403
    assert member_client.get(QUEUE).status_code == 403


def test_the_queue_section_is_marked_in_the_navigation(manager_client, waiting):
    text = page(manager_client.get(QUEUE))
    assert 'href="/returns/approve/" aria-current="page"' in text
    assert 'href="/returns/" aria-current' not in text
