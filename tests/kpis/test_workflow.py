"""The value workflow on KpiValue: each move checks the state and the person, says why it
refuses, and leaves the audit trail its reason."""

from decimal import Decimal

import pytest

from accounts import roles
from kpis.choices import Frequency, KpiStatus, Polarity, Status, Unit
from kpis.models import Kpi, KpiValue, StaleValue, WorkflowError
from kpis.periods import Period
from kpis.rag import Rag
from kpis.validation import Entry
from tests import users

OCTOBER = Period(2026, 10)


def entry(value: str = "80", commentary: str = "", provisional: bool = False) -> Entry:
    return Entry(Decimal(value), None, None, commentary, provisional, Rag.NO_TARGET)


@pytest.fixture
def kpi(officer) -> Kpi:
    return Kpi.objects.create(
        code="PEP",
        title="Personal education plans",
        status=KpiStatus.LIVE,
        frequency=Frequency.MONTHLY,
        unit=Unit.PERCENT,
        polarity=Polarity.HIGHER,
        owner=officer,
    )


@pytest.fixture
def deputy(db):
    return users.make_user("deputy", roles.MANAGER)


def saved(value: KpiValue) -> KpiValue:
    value.save_move()
    return KpiValue.objects.get(pk=value.pk)


def submitted(kpi, officer) -> KpiValue:
    value = KpiValue.start(kpi=kpi, period=OCTOBER, by=officer, entry=entry(), reason="Entered")
    value.submit(by=officer)
    return saved(value)


def approved(kpi, officer, manager) -> KpiValue:
    value = submitted(kpi, officer)
    value.approve(by=manager, seen_version=value.version)
    return saved(value)


def reasons(value: KpiValue) -> list[str]:
    return list(
        value.history.order_by("history_id").values_list("history_change_reason", flat=True)
    )


def test_an_officer_enters_and_submits_and_a_manager_approves(kpi, officer, manager):
    value = approved(kpi, officer, manager)
    assert (value.status, value.submitted_by, value.approved_by) == (
        Status.APPROVED,
        officer,
        manager,
    )
    assert value.figure_entered_by == officer
    assert reasons(value) == ["Submitted", "Approved"]


def test_one_save_steps_the_version_once_however_many_moves_it_carries(kpi, officer):
    value = submitted(kpi, officer)
    assert value.version == 1
    value.record(by=officer, entry=entry("81"), reason="Corrected")
    value.submit(by=officer)
    assert saved(value).version == 2


def test_only_the_owner_or_a_manager_enters_values(kpi, member, db):
    other = users.make_user("other", roles.OFFICER)
    for person in (member, other):
        with pytest.raises(WorkflowError, match="You do not enter values for PEP"):
            KpiValue.start(kpi=kpi, period=OCTOBER, by=person, entry=entry(), reason="Entered")


def test_a_submitted_value_cannot_be_submitted_again(kpi, officer):
    value = submitted(kpi, officer)
    with pytest.raises(WorkflowError, match="already submitted"):
        value.submit(by=officer)


def test_only_a_manager_approves_and_only_what_is_submitted(kpi, officer, manager):
    value = KpiValue.start(kpi=kpi, period=OCTOBER, by=officer, entry=entry(), reason="Entered")
    value = saved(value)
    with pytest.raises(WorkflowError, match="PEP is draft, not submitted"):
        value.approve(by=manager, seen_version=value.version)
    value.submit(by=officer)
    value = saved(value)
    with pytest.raises(WorkflowError, match="Only a manager can approve values"):
        value.approve(by=officer, seen_version=value.version)


def test_approval_refuses_a_page_opened_before_the_value_changed(kpi, officer, manager):
    value = submitted(kpi, officer)
    with pytest.raises(StaleValue, match="PEP has changed since you opened this page"):
        value.approve(by=manager, seen_version=value.version - 1)


def test_a_manager_may_not_approve_a_figure_they_typed_after_an_officer_edits_the_commentary(
    kpi, officer, manager
):
    value = KpiValue.start(kpi=kpi, period=OCTOBER, by=manager, entry=entry("90"), reason="Entered")
    value = saved(value)
    value.record(by=officer, entry=entry("90", commentary="Checked"), reason="Commentary")
    value.submit(by=officer)
    value = saved(value)
    assert (value.entered_by, value.figure_entered_by) == (officer, manager)
    with pytest.raises(WorkflowError, match="You entered or submitted PEP"):
        value.approve(by=manager, seen_version=value.version)


def test_an_officer_who_retypes_the_figure_makes_it_theirs(kpi, officer, manager):
    value = KpiValue.start(kpi=kpi, period=OCTOBER, by=manager, entry=entry("90"), reason="Entered")
    value = saved(value)
    value.record(by=officer, entry=entry("91"), reason="Recount")
    value.submit(by=officer)
    value = saved(value)
    value.approve(by=manager, seen_version=value.version)
    assert saved(value).status == Status.APPROVED


def test_a_manager_sends_a_value_back_with_a_reason_and_the_owner_sees_it(kpi, officer, manager):
    value = submitted(kpi, officer)
    with pytest.raises(WorkflowError, match="Say why PEP is being sent back"):
        value.send_back(by=manager, reason="  ", seen_version=value.version)
    value.send_back(by=manager, reason="Check the denominator", seen_version=value.version)
    value = saved(value)
    assert (value.status, value.sent_back_reason, value.submitted_by) == (
        Status.DRAFT,
        "Check the denominator",
        None,
    )
    assert reasons(value)[-1] == "Sent back: Check the denominator"
    value.submit(by=officer)
    assert saved(value).sent_back_reason == ""


def test_only_a_manager_sends_back_and_only_what_is_submitted(kpi, officer, manager):
    value = submitted(kpi, officer)
    with pytest.raises(WorkflowError, match="Only a manager can send a value back"):
        value.send_back(by=officer, reason="No", seen_version=value.version)
    value.approve(by=manager, seen_version=value.version)
    value = saved(value)
    with pytest.raises(WorkflowError, match="PEP is approved, not submitted"):
        value.send_back(by=manager, reason="Late", seen_version=value.version)


def test_an_approved_value_changes_only_by_revision_with_a_reason(kpi, officer, manager):
    value = approved(kpi, officer, manager)
    with pytest.raises(WorkflowError, match="is approved: revise it with a reason instead"):
        value.record(by=officer, entry=entry("70"), reason="Quietly")
    with pytest.raises(WorkflowError, match="Give the reason for the change"):
        value.revise(by=officer, entry=entry("70"), reason=" ", seen_version=value.version)
    value.revise(by=officer, entry=entry("70"), reason="Late returns", seen_version=value.version)
    value = saved(value)
    assert (value.status, value.revision, value.value, value.approved_by) == (
        Status.SUBMITTED,
        2,
        Decimal(70),
        None,
    )
    assert reasons(value)[-1] == "Late returns"


def test_revising_to_the_same_figure_and_commentary_is_refused(kpi, officer, manager):
    value = approved(kpi, officer, manager)
    with pytest.raises(WorkflowError, match="The revision is the same as the approved value"):
        value.revise(by=officer, entry=entry(), reason="No change", seen_version=value.version)
    assert KpiValue.objects.get(pk=value.pk).status == Status.APPROVED


def test_an_approved_value_is_never_removed(kpi, officer, manager):
    value = approved(kpi, officer, manager)
    with pytest.raises(WorkflowError, match="is approved"):
        value.remove(by=manager, reason="Tidy")
