"""/kpis/: the KPI catalogue table."""

import csv
import io
import re

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from kpis.choices import KpiStatus
from kpis.models import Kpi

CATALOGUE = reverse("kpis:catalogue")


def codes_shown(response) -> list[str]:
    return re.findall(r'href="/kpis/([A-Z0-9-]+)/"', response.content.decode())


def test_lists_every_kpi_with_status_and_boards(manager_client, seeded):
    response = manager_client.get(CATALOGUE)
    html = response.content.decode()
    assert "29 KPIs found." in html
    row = html[html.index('href="/kpis/PEP/"') :][:3000]
    assert "Live" in row
    assert "Reported to: CSLT, CPB." in row


def test_lists_live_kpis_before_proposed_ones_each_by_code(manager_client, seeded):
    live = sorted(Kpi.objects.filter(status=KpiStatus.LIVE).values_list("code", flat=True))
    proposed = sorted(Kpi.objects.filter(status=KpiStatus.PROPOSED).values_list("code", flat=True))
    assert codes_shown(manager_client.get(CATALOGUE)) == live + proposed
    assert len(live + proposed) == 29


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "proposed"}, 12),
        ({"status": "live"}, 17),
        ({"board": "none"}, 11),
        ({"board": "cpb"}, 7),
        ({"frequency": "quarterly", "status": "live"}, 8),
        ({"unit": "days"}, 2),
        ({"polarity": "none"}, 4),
        ({"q": "care leavers"}, 1),
    ],
)
def test_filters(manager_client, seeded, params, expected):
    assert len(codes_shown(manager_client.get(CATALOGUE, params))) == expected


def test_sorting_by_a_column_reverses(manager_client, seeded):
    ascending = codes_shown(manager_client.get(CATALOGUE, {"sort": "kpi"}))
    descending = codes_shown(manager_client.get(CATALOGUE, {"sort": "-kpi"}))
    assert ascending == sorted(Kpi.objects.values_list("code", flat=True))
    assert ascending == list(reversed(descending))
    html = manager_client.get(CATALOGUE, {"sort": "-kpi"}).content.decode()
    assert 'aria-sort="descending"' in html


def test_sorting_by_a_download_only_column_still_works(manager_client, seeded):
    """Links made before the page's columns were combined (?sort=title) still sort."""
    by_title = codes_shown(manager_client.get(CATALOGUE, {"sort": "title"}))
    titles = dict(Kpi.objects.values_list("code", "title"))
    assert by_title == sorted(titles, key=lambda code: titles[code])


def test_the_page_shows_seven_columns(manager_client, seeded):
    html = manager_client.get(CATALOGUE).content.decode()
    headers = re.findall(r'<th scope="col"[^>]*>\s*(?:<a[^>]*>)?([^<]+)', html)
    assert [header.strip() for header in headers] == [
        "KPI",
        "Latest value",
        "Target",
        "RAG",
        "Since previous period",
        "Since a year ago",
        "Trend",
    ]


def test_paginates_long_catalogues(manager_client, seeded):
    for number in range(60):
        Kpi.objects.create(code=f"EXTRA-{number:02d}", title=f"Extra {number}")
    first = manager_client.get(CATALOGUE)
    second = manager_client.get(CATALOGUE, {"page": 2})
    assert len(codes_shown(first)) == 50
    assert len(codes_shown(second)) == 39
    assert 'aria-label="Pagination"' in first.content.decode()


def test_a_page_size_can_be_chosen_within_bounds(manager_client, seeded):
    everything = codes_shown(manager_client.get(CATALOGUE))
    assert len(everything) == 29
    second = manager_client.get(CATALOGUE, {"per_page": 10, "page": 2})
    assert second.status_code == 200
    assert codes_shown(second) == everything[10:20]
    # Out of bounds, or not a number: the usual 50 a page, never an error.
    for odd in ("-1", "0", "-100", "100000", "ten", "\u0661\u0660"):
        response = manager_client.get(CATALOGUE, {"per_page": odd})
        assert response.status_code == 200, odd
        assert codes_shown(response) == everything, odd
    assert manager_client.get(CATALOGUE, {"per_page": "-1", "_export": "csv"}).status_code == 200
    # A page past the end shows the last one (the list itself no longer answers 404).
    past_the_end = manager_client.get(CATALOGUE, {"per_page": 10, "page": 9})
    assert codes_shown(past_the_end) == everything[20:]


def test_exports_the_filtered_table_as_csv_and_excel(manager_client, seeded):
    response = manager_client.get(CATALOGUE, {"status": "proposed", "_export": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert len(rows) == 12
    # The downloads' columns are a public contract: these, in this order, whatever the page shows.
    assert list(rows[0]) == [
        "Code",
        "KPI",
        "Status",
        "Latest value",
        "Target",
        "RAG",
        "Since previous period",
        "Since a year ago",
        "Trend",
        "Frequency",
        "Unit",
        "Better when",
        "Owner",
        "Reported to",
    ]
    camhs = next(row for row in rows if row["Code"] == "CAMHS-CP")
    assert (camhs["Status"], camhs["Reported to"]) == ("Proposed", "CPB; LSCB")

    response = manager_client.get(CATALOGUE, {"_export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 30


def test_empty_catalogue(manager_client, db):
    html = manager_client.get(CATALOGUE).content.decode()
    assert "Nothing matches these filters." in html


def test_query_count_does_not_grow_with_the_number_of_kpis(
    manager_client, seeded, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20) as small:
        manager_client.get(CATALOGUE)
    Kpi.objects.bulk_create(
        Kpi(code=f"BULK-{n}", title=f"Bulk {n}", status=KpiStatus.LIVE) for n in range(15)
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        manager_client.get(CATALOGUE)


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("-rag", ["Red", "Amber", "Green", "No target", "No data"]),
        ("rag", ["No data", "No target", "Green", "Amber", "Red"]),
    ],
)
def test_sorting_by_rag_puts_the_worst_first_when_descending(
    manager_client, seeded, settings, sort, expected
):
    settings.DEBUG = True  # load_demo refuses to run otherwise
    call_command("load_demo", stdout=io.StringIO())
    html = manager_client.get(CATALOGUE, {"sort": sort}).content.decode()
    shown = re.findall(r'class="govuk-tag app-rag [^"]*">([^<]+)<', html)
    assert list(dict.fromkeys(shown)) == expected
    assert shown == sorted(shown, key=expected.index)


def test_the_owner_filter_names_people_as_the_pages_do(manager_client, seeded, officer):
    Kpi.objects.filter(code="PEP").update(owner=officer)
    html = manager_client.get(CATALOGUE).content.decode()
    assert f'<option value="{officer.pk}">{officer.get_full_name()}</option>' in html
    home = manager_client.get(reverse("dashboard:home")).content.decode()
    assert f'<option value="{officer.pk}">{officer.get_full_name()}</option>' in home
