from django.urls import reverse

from findings.models import Finding


def test_shows_the_finding_with_its_kpis_monitoring_boards_and_reading(manager_client, seeded):
    finding = Finding.objects.get(text__startswith="The quality of practice remains variable")
    html = manager_client.get(finding.get_absolute_url()).content.decode()

    assert finding.text in html
    assert "Leadership, management and governance" in html
    assert "Percentage of Social Workers Receiving Supervision at least once a month" in html
    assert "Shares the row above" in html
    assert "Quality Improvement Plan" in html
    assert 'href="/boards/cslt/">CSLT</a>' in html
    assert "read as sharing the KPIs and monitoring of the comment above" in html


def test_shows_the_source_columns_as_written(manager_client, seeded):
    finding = Finding.objects.get(text__startswith="A robust workforce strategy")
    html = manager_client.get(finding.get_absolute_url()).content.decode()
    assert "As written in the Annex A" in html
    assert "Reported to CS Overview &amp; Scrutiny on 21/07/15" in html


def test_links_to_the_previous_and_next_findings(manager_client, seeded):
    finding = Finding.objects.get(order=2)
    html = manager_client.get(finding.get_absolute_url()).content.decode()
    assert f'href="{Finding.objects.get(order=1).get_absolute_url()}" rel="prev"' in html
    assert f'href="{Finding.objects.get(order=3).get_absolute_url()}" rel="next"' in html


def test_an_unknown_finding_is_not_found(manager_client, seeded):
    assert manager_client.get(reverse("findings:detail", args=[99999])).status_code == 404
