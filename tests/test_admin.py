"""The Django admin, for the Administrator role."""

import io

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from kpis.models import Kpi


@pytest.fixture
def admin_client(client, seeded, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def test_every_model_of_ours_is_registered():
    ours = {"kpis", "returns", "findings", "boards", "packs"}
    models = [
        m
        for m in apps.get_models()
        if m._meta.app_label in ours and not m.__name__.startswith("Historical")
    ]
    assert models
    assert [m.__name__ for m in models if m not in admin.site._registry] == []


def test_the_administrator_can_open_every_list_and_edit_page(admin_client):
    for model, _ in admin.site._registry.items():
        if model._meta.app_label not in {"kpis", "returns", "findings", "boards", "packs", "auth"}:
            continue
        info = (model._meta.app_label, model._meta.model_name)
        assert admin_client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200
        first = model.objects.first()
        if first:
            url = reverse("admin:{}_{}_change".format(*info), args=[first.pk])
            assert admin_client.get(url).status_code == 200, url


@pytest.mark.parametrize("name", ["admin:index", "admin:login", "admin:kpis_kpi_changelist"])
def test_a_signed_in_manager_gets_the_no_access_page_not_the_admin_sign_in(manager_client, name):
    response = manager_client.get(reverse(name))
    assert response.status_code == 403
    assert "You do not have permission to see this page" in response.content.decode()


def test_people_not_signed_in_are_sent_to_the_service_sign_in(client, db):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1] == (f"{reverse('login')}?next=/admin/", 302)
    assert '<h1 class="govuk-heading-xl">Sign in</h1>' in response.content.decode()


def test_changing_status_in_the_admin_records_who_and_when(admin_client):
    kpi = Kpi.objects.get(code="SUPERVISION")
    url = reverse("admin:kpis_kpi_change", args=[kpi.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["is_rate"] = "on" if kpi.is_rate else ""
    data.update({"status": "agreed", "owner": ""})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    kpi.refresh_from_db()
    assert kpi.status == "agreed"
    assert kpi.status_changed_by.username == "admin"
    assert kpi.status_changed_at is not None


def test_the_admin_sign_in_page_sends_people_to_the_service_sign_in(client, db):
    response = client.get(f"{reverse('admin:login')}?next=/admin/kpis/kpi/")
    assert response["Location"] == f"{reverse('login')}?next=/admin/kpis/kpi/"


def test_an_administrator_signed_in_on_the_service_page_reaches_the_admin(admin_client):
    assert admin_client.get(reverse("admin:login")).status_code == 302  # on to the index
    assert "Site administration" in admin_client.get(reverse("admin:index")).content.decode()


def kpi_change(admin_client, kpi: Kpi, **changes):
    url = reverse("admin:kpis_kpi_change", args=[kpi.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["is_rate"] = "on" if kpi.is_rate else ""
    data.update(changes)
    return admin_client.post(url, data)


def test_a_kpis_owner_is_someone_who_enters_values(admin_client):
    kpi = Kpi.objects.filter(values__isnull=False).first()
    member = get_user_model().objects.get(username="member")
    response = kpi_change(admin_client, kpi, owner=str(member.pk))
    assert response.status_code == 200
    assert "The owner must be a performance officer or a manager" in response.content.decode()
    kpi.refresh_from_db()
    assert kpi.owner != member
    officer = get_user_model().objects.get(username="officer")
    assert kpi_change(admin_client, kpi, owner=str(officer.pk)).status_code == 302


def test_a_unit_its_values_break_is_refused(admin_client):
    kpi = Kpi.objects.filter(unit="count", values__isnull=False).first()
    kpi.values.filter(pk=kpi.values.first().pk).update(value=131)
    response = kpi_change(admin_client, kpi, unit="percent")
    assert response.status_code == 200
    assert "This KPI has values the new unit cannot hold" in response.content.decode()
    kpi.refresh_from_db()
    assert kpi.unit == "count"


def test_an_area_for_improvement_that_actions_answer_stays_one(admin_client):
    from recommendations.models import Action

    finding = Action.objects.filter(finding__isnull=False).first().finding
    url = reverse("admin:findings_finding_change", args=[finding.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["monitoring"] = [str(pk) for pk in form["monitoring"].value() or []]
    data.update({"kind": "strength", "kpi_links-TOTAL_FORMS": "0",
                 "kpi_links-INITIAL_FORMS": "0"})  # fmt: skip
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "so its kind cannot change" in response.content.decode()
    finding.refresh_from_db()
    assert finding.kind == "improvement"
    data.update({"kind": "improvement", "note": "Checked against the report."})
    assert admin_client.post(url, data).status_code == 302
    finding.refresh_from_db()
    assert finding.note == "Checked against the report."
