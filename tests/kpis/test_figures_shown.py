"""Only approved figures reach members, on every page and download. Officers and managers see
the newest, marked provisional until approved, and can switch to approved figures only."""

import csv
import io
import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.kpis.pages import add_target, add_value, live_kpi, page

APPROVED_FIGURE, SUBMITTED_FIGURE = "90%", "97%"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def pep(seeded, officer, manager):
    """PEP: September approved at 90% (Red against 95), October submitted at 97% (Green)."""
    kpi = live_kpi("PEP", owner=officer)
    add_target(kpi, 2026, 95, 92)
    add_value(kpi, "2026-09", 90, "approved", by=officer, approved_by=manager, commentary="Low")
    add_value(kpi, "2026-10", 97, "submitted", by=officer, commentary="Recovered")
    return kpi


PAGES = {
    "dashboard": reverse("dashboard:home"),
    "scorecard": reverse("kpis:catalogue") + "?q=PEP",
    "kpi page": reverse("kpis:detail", args=["PEP"]),
    "readiness": reverse("dashboard:readiness"),
    "annex": reverse("findings:annex") + "?q=Personal+Education",
}


def latest_pep_figure(client, name: str) -> str:
    """The figure a page shows as PEP's latest (on the dashboard, September's 90% shows in
    the Red list; October's 97% is Green, so it does not)."""
    text = page(client.get(PAGES[name]))
    if name == "kpi page":
        summary = text[text.index('id="summary"') :]
        return re.search(r"<strong>([\d.]+%)</strong>", summary)[1]
    if name == "dashboard":
        red = text[text.index('id="red"') : text.index('id="moved"')]
        return APPROVED_FIGURE if "/kpis/PEP/" in red else SUBMITTED_FIGURE
    start = text.index("/kpis/PEP/")
    return re.search(r"(?:>|: )([\d.]+%)[< ]", text[start:])[1]


@pytest.mark.parametrize("name", PAGES)
def test_a_member_sees_the_approved_figure_on_every_page(member_client, pep, name):
    assert latest_pep_figure(member_client, name) == APPROVED_FIGURE


@pytest.mark.parametrize("name", PAGES)
def test_a_manager_sees_the_newest_figure_marked_provisional(manager_client, pep, name):
    assert latest_pep_figure(manager_client, name) == SUBMITTED_FIGURE
    text = page(manager_client.get(PAGES[name]))
    assert "Provisional: awaiting approval" in text or "provisional, awaiting approval" in text


@pytest.mark.parametrize("name", PAGES)
def test_a_manager_can_switch_to_approved_figures_only(manager_client, pep, name):
    response = manager_client.post(
        reverse("kpis:figures"), {"figures": "approved", "next": PAGES[name]}
    )
    assert response["Location"] == PAGES[name]
    assert latest_pep_figure(manager_client, name) == APPROVED_FIGURE
    assert "Showing approved figures only." in page(manager_client.get(PAGES[name]))
    manager_client.post(reverse("kpis:figures"), {"figures": "newest", "next": "/"})
    assert latest_pep_figure(manager_client, name) == SUBMITTED_FIGURE


def test_a_member_cannot_choose_unapproved_figures(member_client, pep):
    assert member_client.post(reverse("kpis:figures"), {"figures": "newest"}).status_code == 403
    assert latest_pep_figure(member_client, "dashboard") == APPROVED_FIGURE


def test_the_switch_goes_back_only_to_this_site(manager_client, pep):
    response = manager_client.post(
        reverse("kpis:figures"), {"figures": "approved", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("dashboard:home")
    assert manager_client.post(reverse("kpis:figures"), {"figures": "x"}).status_code == 400


def test_the_members_dashboard_does_not_say_a_submitted_figure_turned_green(member_client, pep):
    text = page(member_client.get(PAGES["dashboard"]))
    red = text[text.index('id="red"') : text.index('id="moved"')]
    assert "/kpis/PEP/" in red  # September's approved 90% is still Red for members
    assert "Recovered" not in text


def test_a_figure_only_the_one_manager_could_approve_says_it_waits_for_a_second(
    manager_client, seeded, manager
):
    kpi = live_kpi("PEP", owner=manager)
    add_value(kpi, "2026-10", 97, "submitted", by=manager)
    text = page(manager_client.get(PAGES["scorecard"]))
    assert "Provisional: awaiting approval by a second manager" in text


@pytest.mark.parametrize(
    "url, approved_rows, newest_rows",
    [
        (reverse("kpis:values_csv", args=["PEP"]), ["2026-09"], ["2026-09", "2026-10"]),
        (reverse("kpis:all_values_csv") + "", ["2026-09"], ["2026-09", "2026-10"]),
    ],
)
def test_downloads_hold_approved_figures_for_members(
    member, manager, pep, url, approved_rows, newest_rows
):
    member_client, manager_client = signed_in(member), signed_in(manager)

    def periods(response) -> list[str]:
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        return [row[1] for row in rows[1:] if row[0] == "PEP"]

    assert periods(member_client.get(url)) == approved_rows
    assert periods(manager_client.get(url)) == newest_rows


def test_the_scorecard_download_says_which_figures_it_holds(member, manager, pep):
    member_client, manager_client = signed_in(member), signed_in(manager)
    member_file = member_client.get(reverse("kpis:catalogue") + "?q=PEP&_export=csv")
    assert 'filename="kpis-approved.csv"' in member_file["Content-Disposition"]
    assert "2026-09: 90" in member_file.content.decode()
    assert "97" not in member_file.content.decode()
    manager_file = manager_client.get(reverse("kpis:catalogue") + "?q=PEP&_export=csv")
    assert 'filename="kpis-including-unapproved.csv"' in manager_file["Content-Disposition"]
    assert "97" in manager_file.content.decode()
