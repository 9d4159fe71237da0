"""The living Annex A at /findings/."""

import re

import pytest
from django.urls import reverse

from findings.models import Finding, FindingKpi
from kpis.models import Kpi

ANNEX = reverse("findings:annex")


def findings_shown(response) -> list[int]:
    """The finding numbers listed on the page, in order."""
    return [int(n) for n in re.findall(r">Finding (\d+)<", response.content.decode())]


def test_groups_findings_by_area_then_kind_in_source_order(manager_client, seeded):
    response = manager_client.get(ANNEX)
    html = response.content.decode()

    assert findings_shown(response) == list(range(1, 31))
    headings = re.findall(r'<h2 class="govuk-heading-l[^"]*">([^<]+)</h2>', html)
    assert headings == [
        "Leadership &amp; Governance",
        "Children who need Help and Protection",
        "Children Looked After &amp; Care Leavers",
        "Adoption &amp; Fostering",
        "CSE",
    ]
    assert html.count("Comment from Ofsted") == 9  # one table per area and kind
    assert "Other monitoring and boards" in html


def test_each_kpi_shows_its_status_and_boards(manager_client, seeded):
    html = manager_client.get(ANNEX).content.decode()
    pep_cell = html[html.index("% Eligible LAC with a Recent PEP") :][:1200]
    assert "Live" in pep_cell
    assert "CSLT</a> (monthly)" in pep_cell
    assert "CPB</a> (quarterly)" in pep_cell
    supervision = html[html.index("Receiving Supervision at least once a month") :][:800]
    assert "Proposed" in supervision
    assert "no board" in supervision


def test_a_finding_without_a_kpi_says_so(manager_client, seeded):
    response = manager_client.get(ANNEX, {"area": "Children who need Help and Protection"})
    assert response.content.decode().count("<strong>No KPI mapped</strong>") == 5


def test_coverage_panel_counts_link_to_the_lists_behind_them(manager_client, seeded):
    html = manager_client.get(ANNEX).content.decode()
    assert re.search(
        r'\?kpi_status=none"><span class="app-stat">13</span> findings with no KPI', html
    )
    assert re.search(r'\?status=proposed"><span class="app-stat">12</span> proposed KPIs', html)
    assert re.search(
        r'\?board=none"><span class="app-stat">11</span> KPIs reported to no board', html
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"area": "CSE"}, [29, 30]),
        ({"kind": "improvement", "area": "Adoption & Fostering"}, [28]),
        ({"kpi_status": "none", "area": "Leadership & Governance"}, [1, 2, 9, 10]),
        ({"kpi_status": "proposed", "area": "Leadership & Governance"}, [6, 7, 8, 11, 12]),
        ({"board": "hwbb"}, [8]),
        ({"board": "corporate-works-council"}, [5]),
        ({"q": "CAMHS"}, [8]),
        ({"q": "pledge survey"}, [23, 27]),
    ],
)
def test_filters(manager_client, seeded, params, expected):
    assert findings_shown(manager_client.get(ANNEX, params)) == expected


def test_filters_with_no_match_say_so_and_offer_a_way_back(manager_client, seeded):
    response = manager_client.get(ANNEX, {"q": "no finding says this"})
    html = response.content.decode()
    assert "No findings match these filters." in html
    assert "Showing 0 of 30 findings." in html


def test_an_unknown_filter_value_is_reported_not_ignored_silently(manager_client, seeded):
    html = manager_client.get(ANNEX, {"area": "Nowhere"}).content.decode()
    assert "Select a valid choice" in html


def test_the_page_works_with_no_data(manager_client, db):
    html = manager_client.get(ANNEX).content.decode()
    assert "No findings match these filters." in html


def test_query_count_does_not_grow_with_the_number_of_findings(
    manager_client, seeded, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20) as small:
        manager_client.get(ANNEX)

    inspection = Finding.objects.first().inspection
    kpis = list(Kpi.objects.all())
    for order in range(100, 300):
        finding = Finding.objects.create(
            inspection=inspection,
            area=f"Extra area {order % 7}",
            kind="strength",
            text=f"Extra finding {order}",
            order=order,
        )
        FindingKpi.objects.create(finding=finding, kpi=kpis[order % len(kpis)])

    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = manager_client.get(ANNEX)
    assert len(findings_shown(response)) == 230
    assert len(large.captured_queries) == len(small.captured_queries)
