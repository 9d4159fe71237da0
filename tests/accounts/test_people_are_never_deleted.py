"""People on record are deactivated, never deleted: deleting a user would blank "approved by"
on their values with no history row, and the audit trail would show their approvals as the
system's. And a name missing from the trail is never put down to the system."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import ProtectedError
from django.db.models.signals import pre_delete
from django.urls import reverse

from accounts import roles
from accounts.deletion import refuse_to_delete_people_on_record
from kpis.audit import DATA_LOAD, DELETED_USER, VALUE_FIELDS, audit_entries
from kpis.choices import KpiStatus
from kpis.models import Kpi, KpiValue
from kpis.periods import Period
from kpis.rag import Rag
from kpis.validation import Entry
from tests.users import make_user

OCTOBER = Period(2026, 10)


@pytest.fixture
def approved(officer, manager) -> KpiValue:
    kpi = Kpi.objects.create(
        code="PEP", title="Personal education plans", status=KpiStatus.LIVE, owner=officer
    )
    value = KpiValue.start(
        kpi=kpi,
        period=OCTOBER,
        by=officer,
        reason="Entered",
        entry=Entry(Decimal("15.6"), None, None, "", False, Rag.NO_TARGET),
    )
    value.save_move()
    value.submit(by=officer)
    value.save_move()
    value.approve(by=manager, seen_version=value.version)
    value.save_move()
    return value


def who_did_what(value: KpiValue) -> list[tuple[str, str]]:
    records = list(KpiValue.history.filter(id=value.pk).select_related("history_user"))
    entries = audit_entries(records, VALUE_FIELDS, lambda record: "value")
    return [(entry.who, entry.why) for entry in reversed(entries)]


def test_someone_who_approved_a_figure_cannot_be_deleted(approved, manager):
    # Refused inside the deletion's transaction, which is rolled back (here, to a savepoint).
    refused = pytest.raises(ProtectedError, match="Deactivate the account instead")
    with refused, transaction.atomic():
        manager.delete()
    approved.refresh_from_db()
    assert approved.approved_by == manager
    assert ("Manager Tester", "Approved") in who_did_what(approved)


def test_nor_in_bulk(approved, officer, manager):
    with pytest.raises(ProtectedError), transaction.atomic():
        get_user_model().objects.filter(pk__in=[officer.pk, manager.pk]).delete()
    assert get_user_model().objects.filter(pk__in=[officer.pk, manager.pk]).count() == 2


def test_an_account_nothing_records_can_still_be_deleted(db):
    mistake = make_user("typo", roles.MEMBER)
    mistake.delete()
    assert not get_user_model().objects.filter(username="typo").exists()


def test_the_admin_deletes_nobody_not_even_for_a_superuser(client, officer):
    root = get_user_model().objects.create_superuser("root", password="root-password")
    client.force_login(root)
    url = reverse("admin:auth_user_delete", args=[officer.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:auth_user_changelist")
    assert "delete_selected" not in client.get(changelist).content.decode()
    client.post(
        changelist, {"action": "delete_selected", "_selected_action": [officer.pk], "post": "yes"}
    )
    assert get_user_model().objects.filter(pk=officer.pk).exists()
    change_page = client.get(reverse("admin:auth_user_change", args=[officer.pk]))
    assert "People are never deleted" in change_page.content.decode()


def test_the_audit_trail_never_shows_a_deleted_persons_approval_as_the_system(approved, manager):
    """As an account deleted before people were kept (or outside Django) left it."""
    pre_delete.disconnect(
        refuse_to_delete_people_on_record,
        sender=get_user_model(),
        dispatch_uid="accounts.refuse_to_delete_people_on_record",
    )
    try:
        manager.delete()
    finally:
        pre_delete.connect(
            refuse_to_delete_people_on_record,
            sender=get_user_model(),
            dispatch_uid="accounts.refuse_to_delete_people_on_record",
        )
    trail = who_did_what(approved)
    assert ("Officer Tester", "Entered") in trail
    assert (DELETED_USER, "Approved") in trail
    assert DATA_LOAD not in [who for who, _ in trail]


def test_a_data_load_is_still_put_down_to_the_system(db):
    kpi = Kpi.objects.create(code="LOADED", title="Loaded from the source documents")
    records = list(kpi.history.select_related("history_user"))
    assert [entry.who for entry in audit_entries(records, ("title",), str)] == [DATA_LOAD]
