from django.urls import reverse


def test_overview_counts_findings_by_area_and_kind_with_links(manager_client, seeded):
    html = manager_client.get(reverse("dashboard:home")).content.decode()
    assert "Performance against the findings of the Ofsted inspection" in html
    assert 'aria-label="7 areas for improvement in Leadership &amp; Governance">7</a>' in html
    assert 'aria-label="5 strengths in Children who need Help and Protection">5</a>' in html
    assert 'aria-label="18 strengths in all areas">18</a>' in html
    assert 'aria-label="12 areas for improvement in all areas">12</a>' in html
    assert 'href="/findings/?area=CSE&amp;kind=improvement"' in html


def test_overview_counts_kpis_by_status_and_coverage_gaps(manager_client, seeded):
    html = manager_client.get(reverse("dashboard:home")).content.decode()
    assert 'aria-label="17 live KPIs">17</a>' in html
    assert 'aria-label="12 proposed KPIs">12</a>' in html
    assert '<span class="app-stat">13</span> findings with no KPI' in html
    assert '<span class="app-stat">11</span> KPIs reported to no board' in html
    assert "Boards with nothing recorded as reported to them" in html
    assert "9 recommendations" in html


def test_overview_with_nothing_loaded(manager_client, db):
    html = manager_client.get(reverse("dashboard:home")).content.decode()
    assert "No inspection has been loaded yet" in html
    assert "No findings yet." in html
