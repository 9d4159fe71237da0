"""/kpis/<code>/: a KPI's values by period with RAG, direction of travel, status and audit trail."""

import datetime
from decimal import Decimal

from django.test import Client
from django.urls import reverse

from kpis.models import Kpi
from kpis.rag import Rag
from tests.kpis.pages import add_target, add_value, cells, live_kpi, page, rags, section, table_row

PEP_PAGE = reverse("kpis:detail", args=["PEP"])


def test_a_kpi_without_values_says_so(manager_client, seeded):
    text = page(manager_client.get(PEP_PAGE))
    assert "No values for this KPI yet." in section(text, "values")
    assert "No value yet." in section(text, "summary")
    assert "No value has been entered yet." in section(text, "audit")


def test_each_value_shows_its_target_rag_status_and_commentary(manager_client, seeded, officer):
    pep = live_kpi("PEP")
    add_target(pep, 2026, 95, 90)
    add_value(pep, "2026-09", 80, "submitted", by=officer, commentary="Two schools late")
    text = page(manager_client.get(PEP_PAGE))
    row = table_row(text, "September 2026")
    value, target, rag, _, _, status, _ = cells(row)
    assert (value, target, rag) == ("80%", "95% amber 90%", "Red")
    assert status == "Submitted"
    assert "Two schools late" in section(text, "commentary")


def test_direction_of_travel_is_shown_in_words_by_polarity(manager_client, seeded):
    pep, agency = live_kpi("PEP"), live_kpi("WF-AGENCY")
    for period, value in (("2025-10", 95), ("2026-09", 90), ("2026-10", 92)):
        add_value(pep, period, value, "approved")
    for period, value in (("2026-09", 16), ("2026-10", 14)):
        add_value(agency, period, value, "approved")
    pep_row = cells(table_row(page(manager_client.get(PEP_PAGE)), "October 2026"))
    assert pep_row[3:5] == ["↑ Improving", "↓ Worsening"]  # since September; since a year ago
    agency_page = page(manager_client.get(reverse("kpis:detail", args=["WF-AGENCY"])))
    agency_row = cells(table_row(agency_page, "October 2026"))
    assert agency_row[3] == "↑ Improving"  # a falling agency rate is better
    assert cells(table_row(agency_page, "September 2026"))[3] == "Not comparable"


def test_a_quarterly_kpi_compares_with_the_previous_quarter(manager_client, seeded):
    care = live_kpi("CARE-PROC-26WK")
    add_value(care, "2026-06", 60, "approved")
    add_value(care, "2026-09", 60, "approved")
    text = page(manager_client.get(reverse("kpis:detail", args=["CARE-PROC-26WK"])))
    assert cells(table_row(text, "September 2026"))[3] == "→ No change"


def test_provisional_and_revised_values_are_tagged(manager_client, seeded):
    pep = live_kpi("PEP")
    add_value(pep, "2026-09", 90, "approved", provisional=True)
    add_value(pep, "2026-10", 92, "submitted", revision=2)
    text = page(manager_client.get(PEP_PAGE))
    assert "Provisional" in table_row(text, "September 2026")
    assert "Revised" not in table_row(text, "September 2026")
    assert "Revised" in table_row(text, "October 2026")
    assert "Provisional" not in table_row(text, "October 2026")


def test_a_rate_shows_its_numerator_and_denominator(manager_client, seeded):
    rate = live_kpi("SW-CHANGE-CIN")
    add_value(rate, "2026-10", "12.5", "approved", numerator=5, denominator=40)
    text = page(manager_client.get(reverse("kpis:detail", args=["SW-CHANGE-CIN"])))
    assert cells(table_row(text, "October 2026"))[0] == "12.5% 5 of 40"


def test_a_value_saved_on_the_return_appears_in_the_audit_trail(
    seeded, officer, officer_client, monkeypatch
):
    monkeypatch.setattr("returns.views._today", lambda: datetime.date(2026, 11, 22))
    live_kpi("PEP", owner=officer)
    officer_client.post(
        reverse("returns:period", args=["2026-10"]),
        {"PEP-version": "0", "PEP-value": "96", "submit": ""},
    )
    audit = section(page(officer_client.get(PEP_PAGE)), "audit")
    assert "Officer Tester" in audit
    assert "October 2026: created" in audit
    assert "Submitted on the monthly return" in audit


def test_the_latest_reported_value_is_rated_against_its_own_years_target(seeded):
    pep = live_kpi("PEP")
    add_target(pep, 2025, 90, 85)
    add_target(pep, 2026, 50)
    add_value(pep, "2026-03", 80, "approved")
    add_value(pep, "2026-04", 99, "draft")  # drafts are not reported
    kpi = Kpi.objects.with_latest().get(code="PEP")
    assert (kpi.latest_value, kpi.latest_status) == (Decimal(80), "approved")
    assert (kpi.latest_target, kpi.latest_amber) == (Decimal(90), Decimal(85))
    assert kpi.latest_rag == Rag.RED
    assert str(kpi.latest_period_obj) == "2026-03"


def test_a_kpi_with_nothing_reported_has_no_latest_value(seeded):
    add_value(live_kpi("PEP"), "2026-04", 99, "draft")
    kpi = Kpi.objects.with_latest().get(code="PEP")
    assert kpi.latest_value is None and kpi.latest_period_obj is None
    assert kpi.latest_rag == Rag.NO_DATA


def test_only_rag_tags_for_the_values_shown_appear_in_the_values_table(manager_client, seeded):
    pep = live_kpi("PEP")
    add_target(pep, 2026, 95, 90)
    add_value(pep, "2026-10", 96, "approved")
    values = section(page(manager_client.get(PEP_PAGE)), "values")
    assert rags(values) == ["Green"]


def test_members_see_reported_values_and_not_drafts(seeded, member, manager):
    pep = live_kpi("PEP")
    add_value(pep, "2026-09", 93, "approved")
    add_value(pep, "2026-10", 71, "draft", commentary="Still checking")
    url = reverse("kpis:detail", args=["PEP"])
    as_member, as_manager = Client(), Client()
    as_member.force_login(member)
    as_manager.force_login(manager)
    seen_by_member = page(as_member.get(url))
    assert "Still checking" not in seen_by_member
    assert "October 2026" not in seen_by_member
    assert "September 2026" in seen_by_member
    assert "Still checking" in page(as_manager.get(url))
