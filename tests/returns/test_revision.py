"""/returns/<YYYY-MM>/<code>/revise/: changing an approved value needs a reason and is audited."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts import roles
from tests.kpis.pages import (
    add_target,
    add_value,
    input_value,
    live_kpi,
    messages_of,
    page,
    section,
    stored,
    table_row,
    textarea_text,
)
from tests.users import make_user

REVISE = reverse("returns:revise", args=["2026-10", "PEP"])
KPI_PAGE = reverse("kpis:detail", args=["PEP"])


def approval_box() -> str:
    """The approval page's checkbox for PEP's October value, as the manager sees it now."""
    value = stored("PEP", "2026-10")
    return f"{value.pk}:{value.version}"


@pytest.fixture
def approved(seeded, officer, manager):
    """PEP for October 2026 at 92, entered by its owner and approved by the manager."""
    kpi = live_kpi("PEP", owner=officer)
    add_target(kpi, 2026, 95, 90)
    return add_value(kpi, "2026-10", 92, "approved", by=officer, approved_by=manager, version=2)


def revision(version=2, **typed) -> dict:
    return {"revise-version": str(version), **{f"revise-{k}": v for k, v in typed.items()}}


def test_an_approved_value_is_changed_with_a_reason_as_a_new_revision(
    officer_client, approved, officer
):
    text = page(officer_client.get(REVISE))
    assert "was approved as <strong>92%</strong> by Manager Tester" in text
    assert "creates revision 2" in text
    response = officer_client.post(
        REVISE, revision(value="93.5", reason="Late data from the virtual school")
    )
    assert response.status_code == 302 and response["Location"] == KPI_PAGE
    assert messages_of(response) == ["Revised PEP for October 2026. It now needs approving again."]
    value = stored("PEP", "2026-10")
    assert (value.value, value.revision, value.status) == (Decimal("93.5"), 2, "submitted")
    assert (value.submitted_by, value.approved_by, value.approved_at) == (officer, None, None)


def test_the_kpi_page_shows_the_value_as_revised_with_who_when_old_new_and_why(
    officer_client, approved
):
    officer_client.post(REVISE, revision(value="93.5", reason="Late data from the virtual school"))
    text = page(officer_client.get(KPI_PAGE))
    assert "Revised" in table_row(text, "October 2026")
    assert "93.5%" in table_row(text, "October 2026")
    audit = section(text, "audit")
    entry = next(r for r in re.findall(r"<tr[^>]*>(.*?)</tr>", audit, re.S) if "Late data" in r)
    assert "Officer Tester" in entry
    assert "October 2026: changed" in entry
    assert re.search(r"value: 92(\.0+)? → 93\.50*", entry)
    assert "revision: 1 → 2" in entry
    assert re.search(r"\d{1,2} \w{3} \d{4} \d{2}:\d{2}", entry)  # when


def test_the_old_value_is_kept_in_the_history(officer_client, approved):
    officer_client.post(REVISE, revision(value="93.5", reason="Late data"))
    records = list(approved.history.order_by("history_date", "history_id"))
    assert [r.value for r in records] == [Decimal(92), Decimal("93.5")]
    assert records[-1].history_change_reason == "Late data"


def test_an_approved_value_cannot_be_changed_without_a_reason(officer_client, approved):
    response = officer_client.post(REVISE, revision(value="93.5", commentary="New", reason=" "))
    text = page(response)
    assert "There is a problem" in text
    assert "Give the reason for changing an approved value" in text
    assert input_value(text, "revise-value") == "93.5"
    assert textarea_text(text, "revise-commentary") == "New"
    value = stored("PEP", "2026-10")
    assert (value.value, value.revision, value.status) == (Decimal(92), 1, "approved")


def test_a_revised_value_is_checked_like_any_other(officer_client, approved):
    response = officer_client.post(REVISE, revision(value="80", reason="Recount"))
    assert "Explain why the value is Red" in page(response)
    response = officer_client.post(REVISE, revision(value="", reason="Recount"))
    assert "Enter the revised value" in page(response)
    assert stored("PEP", "2026-10").value == Decimal(92)


def test_a_revision_from_an_out_of_date_page_is_refused_keeping_what_was_typed(
    officer_client, approved
):
    response = officer_client.post(REVISE, revision(version=1, value="93", reason="Recount"))
    text = page(response)
    assert "Someone else changed this value to 92 while you were editing it" in text
    assert 'value="93"' in text
    assert ">Recount</textarea>" in text
    assert stored("PEP", "2026-10").value == Decimal(92)


def test_a_revised_value_is_approved_again_by_a_different_manager(
    officer_client, manager_client, approved, manager
):
    officer_client.post(REVISE, revision(value="93.5", reason="Late data"))
    manager_client.post(
        reverse("returns:approve", args=["2026-10"]),
        {"approve": [approval_box()]},
    )
    value = stored("PEP", "2026-10")
    assert (value.status, value.revision, value.approved_by) == ("approved", 2, manager)
    text = page(manager_client.get(KPI_PAGE))
    assert "Revised" in table_row(text, "October 2026")


def test_each_revision_counts_up(officer_client, manager_client, approved):
    officer_client.post(REVISE, revision(value="93.5", reason="First"))
    manager_client.post(
        reverse("returns:approve", args=["2026-10"]),
        {"approve": [approval_box()]},
    )
    version = stored("PEP", "2026-10").version
    officer_client.post(REVISE, revision(version=version, value="94", reason="Second"))
    assert stored("PEP", "2026-10").revision == 3


def test_a_value_not_yet_approved_is_changed_on_the_return_instead(officer_client, seeded, officer):
    add_value(live_kpi("PEP", owner=officer), "2026-10", 92, "submitted", by=officer)
    response = officer_client.get(REVISE)
    assert response["Location"] == reverse("returns:period", args=["2026-10"])
    assert messages_of(response) == ["PEP is not approved yet: change it on the return."]


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_only_people_who_enter_the_kpi_may_revise_it(client, approved, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.post(REVISE, revision(value="10", reason="x")).status_code == 403
    assert stored("PEP", "2026-10").value == Decimal(92)


def test_an_officer_cannot_revise_a_kpi_they_do_not_own(client, approved):
    client.force_login(make_user("other", roles.OFFICER))
    assert client.post(REVISE, revision(value="93", reason="x")).status_code == 403
    assert stored("PEP", "2026-10").value == Decimal(92)


def test_a_long_reason_is_kept_whole(officer_client, approved):
    # django-simple-history keeps 100 characters by default, and PostgreSQL refuses more.
    reason = "The virtual school sent late figures for three schools; " * 5
    response = officer_client.post(REVISE, revision(value="93", reason=reason))
    assert response.status_code == 302
    assert stored("PEP", "2026-10").history.first().history_change_reason == reason.strip()


def test_a_reason_over_a_thousand_characters_is_refused_and_kept_in_the_form(
    officer_client, approved
):
    reason = "x" * 1001
    response = officer_client.post(REVISE, revision(value="93", reason=reason))
    text = page(response)
    assert "The reason must be 1,000 characters or fewer (it has 1001)" in text
    assert reason in text
    assert stored("PEP", "2026-10").value == 92


def test_a_reason_with_a_nul_byte_is_refused_in_our_words_and_kept_in_the_form(
    officer_client, approved
):
    response = officer_client.post(REVISE, revision(value="93", reason="Late\x00figures"))
    text = page(response)
    assert "The reason contains a character that cannot be saved (a NUL byte): remove it" in text
    assert "Null characters are not allowed" not in text
    assert ">Late\x00figures</textarea>" in text
    assert stored("PEP", "2026-10").value == 92


def test_revising_to_the_same_figure_and_commentary_is_refused(officer_client, approved):
    response = officer_client.post(REVISE, revision(value="92", reason="Just checking"))
    assert "The revision is the same as the approved value" in page(response)
    value = stored("PEP", "2026-10")
    assert (value.status, value.revision) == ("approved", 1)
