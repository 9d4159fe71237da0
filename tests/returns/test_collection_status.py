"""/returns/: how many values are due, missing, draft, submitted and approved, month by month."""

import datetime
import re

import pytest
from django.urls import reverse

from accounts import roles
from kpis.models import Kpi
from kpis.periods import Period
from returns.collection import deadline
from tests import users
from tests.kpis.pages import add_value, cells, live_kpi, page, table_row

STATUS = reverse("returns:status")
COLUMNS = ["due", "missing", "draft", "submitted", "approved"]


def counts(text: str, label: str) -> dict:
    row = cells(table_row(text, label))
    return dict(zip([*COLUMNS, "deadline"], [*map(int, row[:5]), row[5]], strict=True))


@pytest.fixture
def officers_kpis(seeded, officer):
    """The officer owns PEP and WF-AGENCY (monthly) and CARE-PROC-26WK (quarterly)."""
    return [live_kpi(code, owner=officer) for code in ("PEP", "WF-AGENCY", "CARE-PROC-26WK")]


def test_each_of_the_last_13_months_is_listed_newest_first(officer_client, officers_kpis):
    text = page(officer_client.get(STATUS))
    months = re.findall(r'<th scope="row"[^>]*><a [^>]*>([A-Z][a-z]+ \d{4})</a></th>', text)
    # November 2026 is not open until it ends: the list starts with October.
    assert months[0] == "October 2026" and months[-1] == "October 2025"
    assert len(months) == 13


def test_counts_due_missing_draft_submitted_and_approved(
    officer_client, officers_kpis, officer, manager
):
    pep, agency, care = officers_kpis
    add_value(pep, "2026-10", 96, "submitted", by=officer)
    add_value(agency, "2026-10", 14, "draft", by=officer)
    add_value(pep, "2026-09", 96, "approved", by=officer, approved_by=manager)
    add_value(care, "2026-09", 70, "submitted", by=officer)
    text = page(officer_client.get(STATUS))
    october = counts(text, "October 2026")
    assert [october[c] for c in COLUMNS] == [2, 0, 1, 1, 0]
    september = counts(text, "September 2026")
    assert [september[c] for c in COLUMNS] == [3, 1, 0, 1, 1]


def test_a_value_for_a_period_its_kpi_is_not_due_is_not_counted(officer_client, officers_kpis):
    add_value(officers_kpis[2], "2026-10", 70, "submitted")  # quarterly, not due in October
    october = counts(page(officer_client.get(STATUS)), "October 2026")
    assert [october[c] for c in COLUMNS] == [2, 2, 0, 0, 0]


def test_an_officer_sees_only_their_own_kpis(officer_client, officers_kpis):
    add_value(live_kpi("CASELOADS"), "2026-10", 15, "submitted")
    assert counts(page(officer_client.get(STATUS)), "October 2026")["submitted"] == 0


def test_a_manager_sees_every_live_kpi_and_can_filter_by_owner(
    manager_client, officers_kpis, officer
):
    other = users.make_user("owner2", roles.OFFICER)
    live_kpi("CASELOADS", owner=other)
    add_value(live_kpi("CASELOADS"), "2026-10", 15, "submitted")
    everyone = counts(page(manager_client.get(STATUS)), "October 2026")
    assert (everyone["due"], everyone["submitted"]) == (8, 1)
    text = page(manager_client.get(STATUS, {"owner": officer.pk}))
    mine = counts(text, "October 2026")
    assert (mine["due"], mine["submitted"]) == (2, 0)
    assert f'<option value="{officer.pk}" selected>Officer Tester</option>' in text
    theirs = counts(page(manager_client.get(STATUS, {"owner": other.pk})), "October 2026")
    assert (theirs["due"], theirs["submitted"]) == (1, 1)


def test_an_owner_filter_that_is_not_a_person_shows_nothing_due(manager_client, officers_kpis):
    october = counts(page(manager_client.get(STATUS, {"owner": "nobody"})), "October 2026")
    assert october["due"] == 0


def test_the_deadline_is_the_tenth_working_day_of_the_following_month():
    assert deadline(Period(2026, 10)) == datetime.date(2026, 11, 13)
    assert deadline(Period(2020, 4)) == datetime.date(2020, 5, 15)  # VE Day on the 8th
    assert deadline(Period(2022, 5)) == datetime.date(2022, 6, 16)  # two jubilee days
    assert deadline(Period(2020, 12)) == datetime.date(2021, 1, 15)  # New Year's Day


def test_the_deadline_working_day_comes_from_settings(settings):
    settings.RETURN_DEADLINE_WORKING_DAY = 5
    assert deadline(Period(2026, 10)) == datetime.date(2026, 11, 6)


def test_a_month_with_missing_values_is_overdue_after_its_deadline(officer_client, officers_kpis):
    add_value(officers_kpis[0], "2026-10", 96, "submitted")
    text = page(officer_client.get(STATUS))
    october = table_row(text, "October 2026")
    assert counts(text, "October 2026")["deadline"].startswith("13 Nov 2026")
    assert "Overdue" in october


@pytest.mark.parametrize(
    ("today", "overdue"),
    [
        (datetime.date(2026, 11, 12), False),
        (datetime.date(2026, 11, 13), False),  # the deadline day itself
        (datetime.date(2026, 11, 14), True),
    ],
)
def test_overdue_starts_the_day_after_the_deadline(
    officer_client, officers_kpis, monkeypatch, today, overdue
):
    monkeypatch.setattr("returns.views._today", lambda: today)
    assert ("Overdue" in table_row(page(officer_client.get(STATUS)), "October 2026")) == overdue


def test_a_later_deadline_from_settings_postpones_overdue(officer_client, officers_kpis, settings):
    settings.RETURN_DEADLINE_WORKING_DAY = 16  # Monday 23 November 2026
    row = table_row(page(officer_client.get(STATUS)), "October 2026")
    assert "Overdue" not in row and "23 Nov 2026" in row


def test_drafts_still_make_a_month_overdue_and_a_full_month_is_complete(
    officer_client, officers_kpis
):
    pep, agency, _ = officers_kpis
    add_value(pep, "2026-10", 96, "submitted")
    add_value(agency, "2026-10", 14, "draft")
    assert "Overdue" in table_row(page(officer_client.get(STATUS)), "October 2026")
    agency.values.update(status="approved")
    row = table_row(page(officer_client.get(STATUS)), "October 2026")
    assert "Overdue" not in row and "Complete" in row


@pytest.mark.parametrize("who", ["member", "outsider"])
@pytest.mark.parametrize(
    "url",
    [
        STATUS,
        reverse("returns:period", args=["2026-10"]),
        reverse("returns:rag", args=["2026-10"]) + "?kpi=PEP&value=90",
        reverse("returns:approve", args=["2026-10"]),
        reverse("returns:import"),
        reverse("returns:import_template_csv"),
        reverse("returns:import_template_xlsx"),
    ],
)
def test_members_and_people_without_a_role_get_403_on_every_returns_page(
    client, seeded, who, url, request
):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url).status_code == 403


def test_a_kpi_is_not_counted_as_due_before_the_month_it_went_live(manager_client, seeded):
    kpi = live_kpi("SUPERVISION")
    kpi.status_changed_at = datetime.datetime(2026, 10, 3, tzinfo=datetime.UTC)
    kpi.save(update_fields=["status_changed_at"])
    assert kpi in Kpi.objects.due_in(Period(2026, 10))
    assert kpi not in Kpi.objects.due_in(Period(2026, 9))
