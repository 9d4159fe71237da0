"""The four roles come from migrations: on a migrated database, without load_demo, the groups
exist and each lets its people do what the README says."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from kpis.choices import KpiStatus
from kpis.models import Kpi
from kpis.periods import Period
from tests.kpis.pages import add_value, page, stored
from tests.users import make_user

LAST_MONTH = Period.from_date(timezone.localdate()).previous()
APPROVE = reverse("returns:approve", args=[str(LAST_MONTH)])

VIEW = {"view"}
EDIT = {"view", "add", "change", "delete"}
# What the Administrator may do in /admin/, model by model.
ADMINISTRATOR_MAY = {
    "kpis.kpi": EDIT,
    "kpis.benchmark": EDIT,
    "kpis.kpivalue": VIEW,
    "kpis.target": VIEW,
    "returns.importbatch": VIEW,
    "returns.reminder": VIEW,
    "findings.framework": EDIT,
    "findings.judgementarea": EDIT,
    "findings.sourcedocument": EDIT,
    "findings.inspection": EDIT,
    "findings.inspectiongrade": EDIT,
    "findings.finding": EDIT,
    "findings.findingkpi": EDIT,
    "findings.monitoringarrangement": EDIT,
    "boards.board": EDIT,
    "boards.reportingline": EDIT,
    # Granted by boards' own later migration, with the models.
    "boards.meeting": EDIT,
    "boards.agendaitem": EDIT,
    "boards.boardmembership": EDIT,
    # Recommendations moved from boards with their permissions; actions and what records them
    # change only through the service (recommendations' own migration).
    "recommendations.recommendation": EDIT,
    "recommendations.action": VIEW,
    "recommendations.progressupdate": VIEW,
    "recommendations.evidencedocument": VIEW,
    "recommendations.challenge": VIEW,
    "recommendations.auditentry": VIEW,
    "recommendations.actionreminder": VIEW,
    "recommendations.reminderline": VIEW,
    # Published packs are evidence: read, never changed in the admin (packs' own migration).
    "packs.packversion": VIEW,
    "packs.packbuild": VIEW,
    "auth.user": {"view", "add", "change"},
    "auth.group": VIEW,
    "auth.permission": VIEW,
    # The record of role changes, read-only.
    "accounts.rolechange": VIEW,
    # Failed sign-ins (django-axes): deleting an access attempt unlocks the account.
    "axes.accessattempt": {"view", "delete"},
    "axes.accesslog": VIEW,
    "axes.accessfailurelog": VIEW,
}


def permissions_of(group_name: str) -> set[str]:
    return {
        f"{app_label}.{codename}"
        for app_label, codename in Group.objects.get(name=group_name).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def officer(db):
    return make_user("officer", roles.OFFICER)


@pytest.fixture
def submitted_value(officer):
    """Last month's value of a live KPI, entered and submitted by its owner, the officer."""
    kpi = Kpi.objects.create(
        code="CIN-VISITS",
        title="Children in need visited within 20 working days",
        status=KpiStatus.LIVE,
        owner=officer,
    )
    return add_value(kpi, str(LAST_MONTH), 80, "submitted", by=officer)


def test_migrate_alone_creates_the_four_roles(db):
    assert sorted(Group.objects.values_list("name", flat=True)) == [
        "Administrator",
        "Manager",
        "Member",
        "Performance officer",
    ]
    assert set(roles.ALL_ROLES) == set(Group.objects.values_list("name", flat=True))


def test_managers_officers_and_members_need_no_django_permissions(db):
    for role in (roles.MANAGER, roles.OFFICER, roles.MEMBER):
        assert permissions_of(role) == set(), role


def test_the_administrator_may_do_exactly_what_the_list_says(db):
    expected = {
        f"{key.split('.')[0]}.{action}_{key.split('.')[1]}"
        for key, actions in ADMINISTRATOR_MAY.items()
        for action in actions
    }
    assert permissions_of(roles.ADMINISTRATOR) == expected


def test_the_administrator_reads_values_and_targets_but_never_changes_them(db):
    administrator = make_user("administrator", roles.ADMINISTRATOR)
    for model in ("kpivalue", "target"):
        assert administrator.has_perm(f"kpis.view_{model}")
        for action in ("add", "change", "delete"):
            assert not administrator.has_perm(f"kpis.{action}_{model}"), (action, model)
    assert administrator.has_perm("kpis.change_kpi")
    assert administrator.has_perm("auth.change_user")
    assert not administrator.has_perm("auth.add_group")
    assert not administrator.has_perm("auth.change_group")


def test_the_administrator_can_read_every_model_of_ours_in_the_admin(db):
    """A model added later needs a migration that grants the Administrator its permissions."""
    administrator = make_user("administrator", roles.ADMINISTRATOR)
    ours = {"kpis", "returns", "findings", "boards", "recommendations", "packs", "auth"}
    unreadable = [
        model._meta.label
        for model in admin.site._registry
        if model._meta.app_label in ours
        and not administrator.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
    ]
    assert unreadable == []


def test_a_manager_sees_the_returns_and_approves_an_officers_value(client, submitted_value):
    signed_in(client, make_user("manager", roles.MANAGER))
    assert "Monthly returns" in page(client.get(reverse("returns:status")))
    assert "Select CIN-VISITS for" in page(client.get(APPROVE))


def test_a_performance_officer_sees_the_returns_but_cannot_approve(client, officer):
    signed_in(client, officer)
    assert "Monthly returns" in page(client.get(reverse("returns:status")))
    assert client.get(APPROVE).status_code == 403


def test_a_member_reads_the_kpis_but_not_the_returns(client, db):
    signed_in(client, make_user("member", roles.MEMBER))
    assert client.get(reverse("returns:status")).status_code == 403
    assert "KPI scorecard" in page(client.get(reverse("kpis:catalogue")))


def test_an_administrator_opens_the_admin_without_staff_status(client, submitted_value):
    administrator = make_user("administrator", roles.ADMINISTRATOR)
    assert not administrator.is_staff
    signed_in(client, administrator)
    assert "Key performance indicators" in page(client.get(reverse("admin:index")))
    assert "CIN-VISITS" in page(client.get(reverse("admin:kpis_kpi_changelist")))


def test_only_people_who_may_use_the_admin_see_its_link(client, db):
    administration = re.compile(rf'href="{reverse("admin:index")}"[^>]*>\s*Administration\s*</a>')
    signed_in(client, make_user("administrator", roles.ADMINISTRATOR))
    assert administration.search(page(client.get(reverse("kpis:catalogue"))))
    signed_in(client, make_user("manager", roles.MANAGER))
    assert not administration.search(page(client.get(reverse("kpis:catalogue"))))


def test_an_administrator_signs_in_through_the_admins_own_form(client, db):
    make_user("administrator", roles.ADMINISTRATOR)
    response = client.post(
        reverse("admin:login"),
        {"username": "administrator", "password": "test-password", "next": "/admin/"},
    )
    assert response["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def test_an_administrator_cannot_change_a_value_in_the_admin(client, submitted_value):
    signed_in(client, make_user("administrator", roles.ADMINISTRATOR))
    url = reverse("admin:kpis_kpivalue_change", args=[submitted_value.pk])
    assert "View KPI value" in page(client.get(url))
    response = client.post(url, {"value": "5", "status": "approved"})
    assert response.status_code == 403
    value = stored("CIN-VISITS", str(LAST_MONTH))
    assert (value.value, value.status, value.version) == (
        submitted_value.value,
        "submitted",
        submitted_value.version,
    )


def test_an_administrator_cannot_delete_a_kpi_that_has_values(client, submitted_value):
    signed_in(client, make_user("administrator", roles.ADMINISTRATOR))
    url = reverse("admin:kpis_kpi_delete", args=[submitted_value.kpi.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Kpi.objects.filter(code="CIN-VISITS").exists()


def test_an_administrator_cannot_add_a_role(client, db):
    signed_in(client, make_user("administrator", roles.ADMINISTRATOR))
    assert client.get(reverse("admin:auth_group_add")).status_code == 403
    assert client.post(reverse("admin:auth_group_add"), {"name": "Managers"}).status_code == 403
    assert Group.objects.count() == 4


def test_an_administrator_gives_people_roles_but_cannot_make_anyone_a_superuser(client, db):
    signed_in(client, make_user("administrator", roles.ADMINISTRATOR))
    colleague = make_user("colleague")
    response = client.post(
        reverse("admin:auth_user_change", args=[colleague.pk]),
        {
            "username": "colleague",
            "is_active": "on",
            "is_superuser": "on",
            "groups": [Group.objects.get(name=roles.MANAGER).pk],
            "user_permissions": [Permission.objects.get(codename="change_kpivalue").pk],
            "date_joined_0": "2026-01-05",
            "date_joined_1": "09:00:00",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    colleague.refresh_from_db()
    assert list(colleague.groups.values_list("name", flat=True)) == [roles.MANAGER]
    assert not colleague.is_superuser
    assert not colleague.user_permissions.exists()


def test_an_administrator_cannot_change_a_superusers_account(client, db):
    signed_in(client, make_user("administrator", roles.ADMINISTRATOR))
    superuser = get_user_model().objects.create_superuser("root", password="root-password")
    url = reverse("admin:auth_user_change", args=[superuser.pk])
    assert client.post(url, {"username": "root", "is_active": ""}).status_code == 403
    password_url = reverse("admin:auth_user_password_change", args=[superuser.pk])
    assert client.get(password_url).status_code == 403
    superuser.refresh_from_db()
    assert superuser.is_active


def test_someone_with_no_role_sees_neither_the_returns_nor_the_admin(client, db):
    signed_in(client, make_user("outsider"))
    assert client.get(reverse("returns:status")).status_code == 403
    response = client.get(reverse("admin:index"))
    assert response.status_code == 403
    assert "You have no access yet" in page(response)
