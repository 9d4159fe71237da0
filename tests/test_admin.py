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
    ours = {"kpis", "returns", "findings", "boards"}
    models = [
        m
        for m in apps.get_models()
        if m._meta.app_label in ours and not m.__name__.startswith("Historical")
    ]
    assert models
    assert [m.__name__ for m in models if m not in admin.site._registry] == []


def test_the_administrator_can_open_every_list_and_edit_page(admin_client):
    for model, _ in admin.site._registry.items():
        if model._meta.app_label not in {"kpis", "returns", "findings", "boards", "auth"}:
            continue
        info = (model._meta.app_label, model._meta.model_name)
        assert admin_client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200
        first = model.objects.first()
        if first:
            url = reverse("admin:{}_{}_change".format(*info), args=[first.pk])
            assert admin_client.get(url).status_code == 200, url


def test_a_manager_cannot_use_the_admin(manager_client):
    response = manager_client.get(reverse("admin:index"))
    assert response.status_code == 302


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
