"""Comparators (England, statistical neighbours, region) beside the local value of a period."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kpis.models import Benchmark
from tests.kpis.pages import add_value, cells, input_value, live_kpi, messages_of, page, table_row

AGENCY_PAGE = reverse("kpis:detail", args=["WF-AGENCY"])
ADD = reverse("kpis:add_benchmark", args=["WF-AGENCY"])


def comparator(period="2026-09", kind="england", value="17.8", **changes) -> dict:
    return {
        "period": period,
        "comparator": kind,
        "value": value,
        "source": "DfE children's social work workforce",
        "year_label": "2026",
        **changes,
    }


def test_a_manager_adds_an_england_figure_shown_beside_the_local_value(manager_client, seeded):
    add_value(live_kpi("WF-AGENCY"), "2026-09", 14, "approved")
    response = manager_client.post(ADD, comparator())
    assert response["Location"] == AGENCY_PAGE + "#benchmarks"
    assert messages_of(response) == ["Comparator value added."]
    text = page(manager_client.get(AGENCY_PAGE))
    row = cells(table_row(text, "September 2026"))
    assert row[0] == "14%"
    assert "England: 17.8%" in row
    assert "DfE children&#x27;s social work workforce (2026)" in text


def test_each_comparator_shows_beside_the_value_of_its_own_period(manager_client, seeded):
    agency = live_kpi("WF-AGENCY")
    add_value(agency, "2026-09", 14, "approved")
    add_value(agency, "2026-06", 13, "approved")
    manager_client.post(ADD, comparator(kind="statistical-neighbours", value="16.2"))
    manager_client.post(ADD, comparator(kind="region", value="15.1"))
    manager_client.post(ADD, comparator(period="2026-06", value="17.0"))
    text = page(manager_client.get(AGENCY_PAGE))
    september = table_row(text, "September 2026")
    assert "Statistical neighbours: 16.2%" in september and "Region: 15.1%" in september
    assert "England" not in september
    assert "England: 17%" in table_row(text, "June 2026")


def test_an_officer_may_add_comparators(officer_client, seeded, officer):
    officer_client.post(ADD, comparator())
    benchmark = Benchmark.objects.get(kpi__code="WF-AGENCY")
    assert (benchmark.value, benchmark.entered_by) == (Decimal("17.8"), officer)


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_members_and_people_without_a_role_cannot_add_comparators(client, seeded, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.post(ADD, comparator()).status_code == 403
    assert not Benchmark.objects.exists()


def test_a_second_figure_for_the_same_period_and_comparator_replaces_the_first(
    manager_client, seeded
):
    manager_client.post(ADD, comparator(value="17.8"))
    response = manager_client.post(ADD, comparator(value="18.1"))
    assert messages_of(response)[-1] == "Comparator value replaced."
    assert list(Benchmark.objects.values_list("value", flat=True)) == [Decimal("18.1")]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"period": "2026/09"}, "use the form YYYY-MM"),
        ({"period": "2026-13"}, "the month must be 01 to 12"),
        ({"value": "high"}, "Enter the value as a number"),
        ({"source": ""}, "Say where the figure comes from"),
        ({"year_label": ""}, "Enter the year the source gives"),
        ({"comparator": "the moon"}, "Select a valid choice"),
    ],
)
def test_a_bad_comparator_is_explained_and_nothing_is_saved(
    manager_client, seeded, changes, message
):
    response = manager_client.post(ADD, comparator(**changes))
    text = page(response)
    assert response.status_code == 400
    assert "There is a problem" in text and message in text
    assert input_value(text, "year_label") == changes.get("year_label", "2026")
    assert not Benchmark.objects.exists()
