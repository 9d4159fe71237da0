"""Signing in alone gives access to nothing: someone with no role sees a page telling them to
ask their administrator, on every page and export, and can still sign out and read the public
pages."""

import pytest
from django.urls import reverse

from boards.models import Board
from findings.models import Finding
from kpis.models import Kpi

NO_ACCESS = "You have no access yet: ask your administrator"


@pytest.fixture
def outsider_client(client, outsider):
    client.force_login(outsider)
    return client


def sample_urls() -> list[str]:
    kpi = Kpi.objects.order_by("code").first().code
    return [
        reverse("dashboard:home"),
        reverse("dashboard:readiness"),
        reverse("findings:annex"),
        reverse("findings:detail", args=[Finding.objects.first().pk]),
        reverse("findings:mapping_csv"),
        reverse("findings:mapping_xlsx"),
        reverse("kpis:catalogue"),
        reverse("kpis:catalogue") + "?_export=csv",
        reverse("kpis:detail", args=[kpi]),
        reverse("kpis:values_csv", args=[kpi]),
        reverse("kpis:all_values_xlsx"),
        reverse("returns:status"),
        reverse("returns:import_template_csv"),
        reverse("boards:list"),
        reverse("boards:detail", args=[Board.objects.first().slug]),
        reverse("admin:index"),
        reverse("admin:kpis_kpi_changelist"),
    ]


def test_someone_with_no_role_gets_the_no_access_page_everywhere(outsider_client, seeded):
    for url in sample_urls():
        response = outsider_client.get(url)
        assert response.status_code == 403, url
        assert response["Content-Type"].startswith("text/html"), url
        assert NO_ACCESS in response.content.decode(), url


def test_posting_is_refused_too(outsider_client, seeded):
    kpi = Kpi.objects.order_by("code").first().code
    for url in [reverse("kpis:set_target", args=[kpi]), reverse("returns:send_reminders")]:
        response = outsider_client.post(url, {"financial_year": "2026", "target": "1"})
        assert response.status_code == 403, url
        assert NO_ACCESS in response.content.decode()


def test_the_no_access_page_shows_no_navigation_but_a_way_to_sign_out(outsider_client, seeded):
    html = outsider_client.get(reverse("dashboard:home")).content.decode()
    assert 'aria-label="Menu"' not in html
    assert f'action="{reverse("logout")}"' in html


def test_someone_with_no_role_can_read_the_public_pages_and_sign_out(outsider_client, db):
    assert outsider_client.get(reverse("accessibility")).status_code == 200
    assert outsider_client.get(reverse("login")).status_code == 200
    response = outsider_client.post(reverse("logout"))
    assert response.status_code == 302
    assert outsider_client.get(reverse("dashboard:home"))["Location"].startswith(reverse("login"))


def test_staff_with_no_role_still_get_into_the_admin(client, outsider):
    """The admin site decides who it lets in: staff, as in Django, or the Administrator role."""
    outsider.is_staff = True
    outsider.save(update_fields=["is_staff"])
    client.force_login(outsider)
    assert client.get(reverse("admin:index")).status_code == 200
    assert NO_ACCESS in client.get(reverse("dashboard:home")).content.decode()


def test_people_with_a_role_are_not_stopped(member_client, seeded):
    assert member_client.get(reverse("kpis:catalogue")).status_code == 200
    assert member_client.get(reverse("findings:mapping_csv")).status_code == 200
