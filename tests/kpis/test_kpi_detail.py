from django.urls import reverse

from kpis.models import Kpi
from kpis.services import change_status


def test_shows_definition_findings_and_reporting_lines(manager_client, seeded):
    html = manager_client.get(reverse("kpis:detail", args=["WF-TURNOVER"])).content.decode()
    assert "% Staff turnover" in html
    assert "Higher is better" not in html and "Lower is better" in html
    assert "A robust workforce strategy has begun to reduce" in html
    assert "Children&#x27;s Services Overview &amp; Scrutiny Committee" in html
    assert "21 July 2015" in html


def test_a_kpi_reported_to_no_board_says_so(manager_client, seeded):
    html = manager_client.get(reverse("kpis:detail", args=["SUPERVISION"])).content.decode()
    assert "This KPI is reported to no board." in html


def test_shows_exclusions_and_numerator_denominator(manager_client, seeded):
    html = manager_client.get(reverse("kpis:detail", args=["SW-CHANGE-CIN"])).content.decode()
    assert "transferred from DT&amp;A to area teams" in html
    assert "worked out from a numerator and a denominator" in html


def test_status_change_records_who_and_when(manager_client, seeded, manager):
    kpi = Kpi.objects.get(code="SUPERVISION")
    change_status(kpi=kpi, status="live", user=manager)
    kpi.refresh_from_db()
    assert (kpi.status, kpi.status_changed_by) == ("live", manager)
    html = manager_client.get(kpi.get_absolute_url()).content.decode()
    assert "Live, changed" in html
    assert "by Manager Tester" in html


def test_status_unchanged_keeps_the_stamp(seeded, manager):
    kpi = Kpi.objects.get(code="PEP")
    change_status(kpi=kpi, status="live", user=manager)
    kpi.refresh_from_db()
    assert kpi.status_changed_at is None


def test_unknown_code_is_not_found(manager_client, seeded):
    assert manager_client.get(reverse("kpis:detail", args=["NOPE"])).status_code == 404
