"""A return is opened and saved in a fixed number of queries, however many KPIs it has."""

from django.urls import reverse

from kpis.models import Kpi, KpiValue
from tests.kpis.pages import add_target

SEPTEMBER = reverse("returns:period", args=["2026-09"])
OCTOBER = reverse("returns:period", args=["2026-10"])


def make_kpis(first: int, last: int, owner) -> list[Kpi]:
    """Live monthly KPIs K001... with a target each; odd ones are rates."""
    kpis = []
    for number in range(first, last + 1):
        kpi = Kpi.objects.create(
            code=f"K{number:03d}",
            title=f"Measure {number}",
            status="live",
            frequency="monthly",
            unit="percent",
            polarity="higher",
            is_rate=number % 2 == 1,
            owner=owner,
        )
        add_target(kpi, 2026, 50, 40)
        kpis.append(kpi)
    return kpis


def return_data(period: str, submit: bool = False) -> dict:
    """What the browser sends to save (or submit) every live KPI of the period."""
    versions = dict(KpiValue.objects.filter(period=f"{period}-01").values_list("kpi_id", "version"))
    data = {"submit" if submit else "draft": ""}
    for kpi in Kpi.objects.live():
        data[f"{kpi.code}-version"] = str(versions.get(kpi.pk, 0))
        if kpi.is_rate:
            data[f"{kpi.code}-numerator"] = "30"
            data[f"{kpi.code}-denominator"] = "40"
        else:
            data[f"{kpi.code}-value"] = "75"
        data[f"{kpi.code}-commentary"] = "On track"
    return data


def counted(assert_max_queries, limit: int, action) -> int:
    """Run the action within the limit; the number of queries it took. (Read the count at once:
    the next request clears Django's query log.)"""
    with assert_max_queries(limit) as context:
        action()
    return len(context.captured_queries)


def test_saving_a_return_of_60_kpis_takes_no_more_queries_than_one_of_10(
    manager_client, manager, django_assert_max_num_queries
):
    make_kpis(1, 10, manager)
    data = return_data("2026-09")
    ten = counted(django_assert_max_num_queries, 25, lambda: manager_client.post(SEPTEMBER, data))
    assert KpiValue.objects.filter(period="2026-09-01", status="draft").count() == 10

    make_kpis(11, 60, manager)
    data = return_data("2026-10")
    counted(django_assert_max_num_queries, ten, lambda: manager_client.post(OCTOBER, data))
    assert KpiValue.objects.filter(period="2026-10-01", status="draft").count() == 60


def test_submitting_stored_drafts_takes_no_more_queries_for_60_kpis_than_for_10(
    manager_client, manager, django_assert_max_num_queries
):
    make_kpis(1, 10, manager)
    manager_client.post(SEPTEMBER, return_data("2026-09"))
    data = return_data("2026-09", submit=True)
    ten = counted(django_assert_max_num_queries, 25, lambda: manager_client.post(SEPTEMBER, data))
    assert KpiValue.objects.filter(period="2026-09-01", status="submitted").count() == 10

    make_kpis(11, 60, manager)
    manager_client.post(OCTOBER, return_data("2026-10"))
    data = return_data("2026-10", submit=True)
    counted(django_assert_max_num_queries, ten, lambda: manager_client.post(OCTOBER, data))
    assert KpiValue.objects.filter(period="2026-10-01", status="submitted").count() == 60


def test_opening_a_return_of_60_kpis_takes_no_more_queries_than_one_of_10(
    manager_client, manager, django_assert_max_num_queries
):
    make_kpis(1, 10, manager)
    manager_client.post(SEPTEMBER, return_data("2026-09"))
    manager_client.post(OCTOBER, return_data("2026-10"))
    ten = counted(django_assert_max_num_queries, 20, lambda: manager_client.get(OCTOBER))

    make_kpis(11, 60, manager)
    manager_client.post(SEPTEMBER, return_data("2026-09"))
    manager_client.post(OCTOBER, return_data("2026-10"))
    responses = []
    counted(
        django_assert_max_num_queries, ten, lambda: responses.append(manager_client.get(OCTOBER))
    )
    text = responses[0].content.decode()
    assert text.count('class="app-return-row"') == 60
    assert text.count(">Green</strong>") >= 60  # last month's value and this month's, rated


def test_the_collection_status_takes_no_more_queries_for_60_kpis_than_for_10(
    manager_client, manager, django_assert_max_num_queries
):
    make_kpis(1, 10, manager)
    manager_client.post(OCTOBER, return_data("2026-10"))
    url = reverse("returns:status")
    ten = counted(django_assert_max_num_queries, 20, lambda: manager_client.get(url))
    make_kpis(11, 60, manager)
    manager_client.post(SEPTEMBER, return_data("2026-09"))
    counted(django_assert_max_num_queries, ten, lambda: manager_client.get(url))
