"""Targets: one per KPI per financial year, with an amber threshold, who set it and when."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kpis.models import Target
from tests.kpis.pages import (
    add_target,
    add_value,
    input_value,
    live_kpi,
    messages_of,
    page,
    rags,
    section,
    table_row,
    textarea_text,
)


def targets_url(code: str) -> str:
    return reverse("kpis:set_target", args=[code])


def target_form(year=2016, target="95", amber="90", note="") -> dict:
    return {"financial_year": str(year), "target": target, "amber_threshold": amber, "note": note}


def test_a_manager_sets_a_target_for_a_financial_year(manager_client, seeded, manager):
    response = manager_client.post(targets_url("PEP"), target_form(note="From the plan"))
    assert response["Location"] == reverse("kpis:detail", args=["PEP"]) + "#targets"
    assert messages_of(response) == ["Target for 2016-17 saved."]
    target = Target.objects.get(kpi__code="PEP", financial_year=2016)
    assert (target.target, target.amber_threshold) == (Decimal(95), Decimal(90))
    assert (target.set_by, target.note) == (manager, "From the plan")
    assert target.set_at is not None
    row = table_row(page(manager_client.get(reverse("kpis:detail", args=["PEP"]))), "2016-17")
    assert "95%" in row and "90%" in row
    assert (
        f"Manager Tester, {target.set_at.astimezone(timezone.get_current_timezone()):%-d %b %Y}"
        in row
    )
    assert "From the plan" in row  # why, beside who set it
    audit = section(page(manager_client.get(reverse("kpis:detail", args=["PEP"]))), "audit")
    assert "Target set: From the plan" in audit


def test_changing_a_target_keeps_the_old_one_in_the_history(manager_client, seeded):
    manager_client.post(targets_url("PEP"), target_form(target="90", amber=""))
    manager_client.post(targets_url("PEP"), target_form(target="95", amber="92"))
    target = Target.objects.get(kpi__code="PEP", financial_year=2016)
    assert target.target == Decimal(95)
    history = list(target.history.order_by("history_date", "history_id"))
    assert [(h.target, h.amber_threshold) for h in history] == [
        (Decimal(90), None),
        (Decimal(95), Decimal(92)),
    ]
    assert [h.history_change_reason for h in history] == ["Target set", "Target changed"]
    audit = section(page(manager_client.get(reverse("kpis:detail", args=["PEP"]))), "audit")
    assert "Target for 2016-17: changed" in audit
    assert "Target changed" in audit


def test_values_are_rated_against_the_target_of_their_own_year(manager_client, seeded):
    pep = live_kpi("PEP")
    manager_client.post(targets_url("PEP"), target_form(year=2015, target="90", amber=""))
    manager_client.post(targets_url("PEP"), target_form(year=2016, target="95", amber="91"))
    add_value(pep, "2016-03", 92, "approved")
    add_value(pep, "2016-06", 92, "approved")
    text = page(manager_client.get(reverse("kpis:detail", args=["PEP"])))
    assert rags(table_row(text, "March 2016")) == ["Green"]  # 92 >= 90 in 2015-16
    assert rags(table_row(text, "June 2016")) == ["Amber"]  # 91 <= 92 < 95 in 2016-17


def test_with_a_tighter_amber_threshold_the_same_value_is_red(manager_client, seeded):
    pep = live_kpi("PEP")
    add_target(pep, 2016, 95, 93)
    add_value(pep, "2016-06", 92, "approved")
    text = page(manager_client.get(reverse("kpis:detail", args=["PEP"])))
    assert rags(table_row(text, "June 2016")) == ["Red"]


def test_without_an_amber_threshold_any_miss_is_red(manager_client, seeded):
    pep = live_kpi("PEP")
    manager_client.post(targets_url("PEP"), target_form(target="95", amber=""))
    add_value(pep, "2016-06", "94.9", "approved")
    text = page(manager_client.get(reverse("kpis:detail", args=["PEP"])))
    assert "None: any miss is Red" in table_row(text, "2016-17")
    assert rags(table_row(text, "June 2016")) == ["Red"]


def test_a_value_in_a_year_with_no_target_is_monitoring_only(manager_client, seeded):
    pep = live_kpi("PEP")
    add_target(pep, 2016, 95, 90)
    add_value(pep, "2017-06", 10, "approved")
    text = page(manager_client.get(reverse("kpis:detail", args=["PEP"])))
    assert rags(table_row(text, "June 2017")) == ["No target"]


@pytest.mark.parametrize(
    ("code", "target", "amber", "message"),
    [
        (
            "PEP",
            "95",
            "97",
            "For a KPI where higher is better, the amber threshold must not be above the target",
        ),
        (
            "WF-AGENCY",
            "15",
            "10",
            "For a KPI where lower is better, the amber threshold must not be below the target",
        ),
        ("PEP", "ninety", "90", "Enter the target as a number"),
        ("PEP", "", "90", "Enter the target"),
        ("PEP", "95", "lots", "Enter the amber threshold as a number"),
    ],
)
def test_a_bad_target_is_explained_nothing_is_saved_and_the_typed_values_stay(
    manager_client, seeded, code, target, amber, message
):
    response = manager_client.post(
        targets_url(code), target_form(target=target, amber=amber, note="Typed note")
    )
    text = page(response)
    assert response.status_code == 400
    assert "There is a problem" in text and message in text
    assert input_value(text, "target") == target
    assert input_value(text, "amber_threshold") == amber
    assert textarea_text(text, "note") == "Typed note"
    assert '<option value="2016" selected>2016-17</option>' in text
    assert not Target.objects.filter(kpi__code=code).exists()


def test_the_amber_threshold_may_equal_the_target(manager_client, seeded):
    manager_client.post(targets_url("WF-AGENCY"), target_form(target="15", amber="15"))
    assert Target.objects.filter(kpi__code="WF-AGENCY").exists()


@pytest.mark.parametrize("who", ["officer", "member", "outsider"])
def test_only_managers_set_targets(client, seeded, who, request):
    user = request.getfixturevalue(who)
    live_kpi("PEP", owner=user)
    client.force_login(user)
    assert client.post(targets_url("PEP"), target_form()).status_code == 403
    assert not Target.objects.filter(kpi__code="PEP").exists()
    kpi_page = page(client.get(reverse("kpis:detail", args=["PEP"])))
    assert 'action="/kpis/PEP/targets/"' not in kpi_page


def test_the_kpi_page_offers_managers_the_target_form(manager_client, seeded):
    text = page(manager_client.get(reverse("kpis:detail", args=["PEP"])))
    assert 'action="/kpis/PEP/targets/"' in text
    assert "Set or change a target" in text
