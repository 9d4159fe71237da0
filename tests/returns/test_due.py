"""One rule for what is due, on every path that asks: a KPI made live on 3 October 2026 is due
for October, and not for September, on the return page, in the import check, in the import
template, in reminders and in the collection status."""

import csv
import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from kpis.choices import Frequency, KpiStatus, Polarity, Unit
from kpis.models import Kpi
from kpis.periods import Period
from returns.collection import collection_status
from returns.imports import check_rows
from tests.kpis.pages import page

WENT_LIVE = datetime.datetime(2026, 10, 3, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def new_kpi(officer) -> Kpi:
    """Live since 3 October 2026, owned by the officer; and one live before it, for contrast."""
    officer.email = "officer@example.org"
    officer.save(update_fields=["email"])
    made = {}
    for code, went_live in (("NEW-KPI", WENT_LIVE), ("OLD-KPI", None)):
        made[code] = Kpi.objects.create(
            code=code,
            title=f"Measure {code}",
            status=KpiStatus.LIVE,
            status_changed_at=went_live,
            frequency=Frequency.MONTHLY,
            unit=Unit.PERCENT,
            polarity=Polarity.HIGHER,
            owner=officer,
        )
    return made["NEW-KPI"]


@pytest.fixture
def today_is(monkeypatch):
    def set_today(day: datetime.date) -> None:
        monkeypatch.setattr("returns.views._today", lambda: day)

    return set_today


def test_the_rule_itself_counts_from_the_month_the_kpi_went_live(new_kpi):
    assert set(Kpi.objects.due_in(Period(2026, 10))) == {new_kpi, Kpi.objects.get(code="OLD-KPI")}
    assert set(Kpi.objects.due_in(Period(2026, 9))) == {Kpi.objects.get(code="OLD-KPI")}
    assert Kpi.objects.due_ids([Period(2026, 9), Period(2026, 10)]) == {
        Period(2026, 9): {Kpi.objects.get(code="OLD-KPI").pk},
        Period(2026, 10): {new_kpi.pk, Kpi.objects.get(code="OLD-KPI").pk},
    }


def test_a_kpi_that_went_live_just_after_midnight_london_time_is_due_that_month(new_kpi):
    # 00:30 on 1 October in London is 23:30 on 30 September in UTC.
    new_kpi.status_changed_at = datetime.datetime(2026, 9, 30, 23, 30, tzinfo=datetime.UTC)
    new_kpi.save(update_fields=["status_changed_at"])
    assert new_kpi in Kpi.objects.due_in(Period(2026, 10))
    assert new_kpi not in Kpi.objects.due_in(Period(2026, 9))


def test_the_return_page_lists_it_for_october_not_september(new_kpi, officer_client):
    october = page(officer_client.get(reverse("returns:period", args=["2026-10"])))
    september = page(officer_client.get(reverse("returns:period", args=["2026-09"])))
    assert "NEW-KPI" in october and "OLD-KPI" in october
    assert "NEW-KPI" not in september and "OLD-KPI" in september


def test_the_import_check_refuses_september_and_accepts_october(new_kpi, officer):
    rows = [
        {"line": 2, "kpi_code": "NEW-KPI", "period": "2026-09", "value": "80",
         "numerator": "", "denominator": "", "commentary": ""},
        {"line": 3, "kpi_code": "NEW-KPI", "period": "2026-10", "value": "80",
         "numerator": "", "denominator": "", "commentary": ""},
    ]  # fmt: skip
    september, october = check_rows(rows, user=officer, today=datetime.date(2026, 11, 22))
    assert september.errors == [
        "NEW-KPI went live on 3 October 2026: it has no value for September 2026"
    ]
    assert october.ok


@pytest.mark.parametrize(
    "today, expected",
    [
        (datetime.date(2026, 10, 20), ["2026-09 OLD-KPI"]),
        (datetime.date(2026, 11, 20), ["2026-10 NEW-KPI", "2026-10 OLD-KPI"]),
    ],
)
def test_the_import_template_has_a_row_only_once_it_is_due(
    new_kpi, officer_client, today_is, today, expected
):
    today_is(today)
    response = officer_client.get(reverse("returns:import_template_csv"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [f"{row['period']} {row['kpi_code']}" for row in rows] == expected


@pytest.mark.parametrize(
    "on, reminded_of",
    [("2026-10-05", ["OLD-KPI"]), ("2026-11-05", ["NEW-KPI", "OLD-KPI"])],
)
def test_reminders_chase_it_only_once_it_is_due(new_kpi, mailoutbox, on, reminded_of):
    call_command("send_return_reminders", "--date", on, stdout=io.StringIO())
    [mail] = mailoutbox
    assert [code for code in ("NEW-KPI", "OLD-KPI") if f"- {code}: " in mail.body] == reminded_of


def test_the_collection_status_counts_it_due_from_october(new_kpi):
    september, october = collection_status(
        Kpi.objects.all(), [Period(2026, 9), Period(2026, 10)], datetime.date(2026, 11, 22)
    )
    assert (september.due, september.missing) == (1, 1)
    assert (october.due, october.missing) == (2, 2)


def test_the_returns_page_shows_those_counts(new_kpi, officer_client):
    text = page(officer_client.get(reverse("returns:status")))

    def due_and_missing(label: str) -> tuple[str, str]:
        row = re.search(rf">{label}</a></th>\s*<td[^>]*>(\d+)</td>\s*<td[^>]*>(\d+)</td>", text)
        return row[1], row[2]

    assert due_and_missing("October 2026") == ("2", "2")
    assert due_and_missing("September 2026") == ("1", "1")
