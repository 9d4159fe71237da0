"""Reminders: owners of live KPIs with no submitted or approved value for last month are emailed."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.tasks import default_task_backend
from django.urls import reverse

from accounts import roles
from returns.tasks import send_return_reminders
from tests import users
from tests.kpis.pages import VALUES, add_value, live_kpi, messages_of


@pytest.fixture
def owners(seeded, officer):
    return make_owners(officer)


def make_owners(officer):
    """The officer owns PEP and WF-AGENCY (monthly) and CARE-PROC-26WK (quarterly); a second
    officer owns CASELOADS (monthly)."""
    officer.email = "officer@example.org"
    officer.save()
    second = users.make_user("second", roles.OFFICER, email="second@example.org")
    for code in ("PEP", "WF-AGENCY", "CARE-PROC-26WK"):
        live_kpi(code, owner=officer)
    live_kpi("CASELOADS", owner=second)
    return officer, second


def run(date: str) -> str:
    output = io.StringIO()
    call_command("send_return_reminders", "--date", date, stdout=output)
    return output.getvalue()


def test_owners_with_missing_values_for_last_month_are_emailed_the_kpis_missing(owners, mailoutbox):
    output = run("2026-11-05")
    assert "Sent 2 reminder email(s) for 2026-11-05." in output
    by_recipient = {tuple(mail.to): mail for mail in mailoutbox}
    mail = by_recipient[("officer@example.org",)]
    assert re.fullmatch(
        rf"Monthly return for October 2026: 2 {VALUES} not yet submitted", mail.subject
    )
    assert "- PEP: " in mail.body and "- WF-AGENCY: " in mail.body
    assert "CARE-PROC-26WK" not in mail.body  # quarterly: not due in October
    assert "CASELOADS" not in mail.body
    assert "Dear Officer Tester" in mail.body
    assert "due by Friday 13 November 2026" in mail.body
    assert "/returns/2026-10/" in mail.body
    assert re.search(
        rf": 1 {VALUES} not yet submitted$", by_recipient[("second@example.org",)].subject
    )


def test_an_owner_who_has_submitted_everything_gets_no_reminder(owners, mailoutbox):
    officer, second = owners
    add_value(live_kpi("CASELOADS"), "2026-10", 15, "submitted", by=second)
    add_value(live_kpi("PEP"), "2026-10", 96, "approved", by=officer)
    run("2026-11-05")
    assert [mail.to for mail in mailoutbox] == [["officer@example.org"]]
    assert "- PEP: " not in mailoutbox[0].body
    assert re.search(rf": 1 {VALUES} not yet submitted$", mailoutbox[0].subject)


def test_a_draft_does_not_count_as_a_return(owners, mailoutbox):
    add_value(live_kpi("CASELOADS"), "2026-10", 15, "draft")
    run("2026-11-05")
    assert ["second@example.org"] in [mail.to for mail in mailoutbox]


def test_a_quarterly_kpi_is_chased_after_its_quarter_ends(owners, mailoutbox):
    run("2026-10-05")  # last month: September, the end of Q2
    body = next(mail.body for mail in mailoutbox if mail.to == ["officer@example.org"])
    assert "- CARE-PROC-26WK: " in body
    subjects = [mail.subject for mail in mailoutbox]
    assert any(
        re.fullmatch(rf"Monthly return for September 2026: 3 {VALUES} not yet submitted", subject)
        for subject in subjects
    ), subjects


def test_kpis_that_are_not_live_are_not_chased(owners, mailoutbox):
    live_kpi("PEP", status="retired")
    run("2026-11-05")
    body = next(mail.body for mail in mailoutbox if mail.to == ["officer@example.org"])
    assert "PEP" not in body


def test_the_task_returns_how_many_emails_it_sent(owners, mailoutbox):
    assert send_return_reminders.call("2026-11-05") == 2
    assert len(mailoutbox) == 2


def test_the_command_can_queue_the_job_instead_of_running_it(owners, mailoutbox, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    output = io.StringIO()
    call_command("send_return_reminders", "--date", "2026-11-05", "--enqueue", stdout=output)
    assert "Queued reminders for 2026-11-05" in output.getvalue()
    assert mailoutbox == []
    [queued] = default_task_backend.results
    assert (queued.task.name, queued.args) == ("send_return_reminders", ["2026-11-05"])


def test_a_bad_date_is_refused(owners):
    with pytest.raises(CommandError, match="--date must be YYYY-MM-DD"):
        run("5/11/2026")


def test_a_manager_can_send_the_reminders_now(manager_client, owners, mailoutbox):
    text = manager_client.get(reverse("returns:status")).content.decode()
    assert "Send reminders now" in text
    response = manager_client.post(reverse("returns:send_reminders"))
    assert response["Location"] == reverse("returns:status")
    assert messages_of(response) == [
        "Reminders for October 2026 queued for Officer Tester (2 values), Second Tester (1 value)."
    ]
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "officer@example.org",
        "second@example.org",
    ]
    assert all("October 2026" in mail.subject for mail in mailoutbox)


def test_an_officer_cannot_send_reminders(officer_client, owners, mailoutbox):
    assert (
        "Send reminders now" not in officer_client.get(reverse("returns:status")).content.decode()
    )
    assert officer_client.post(reverse("returns:send_reminders")).status_code == 403
    assert mailoutbox == []


def test_reminders_are_sent_only_by_post(manager_client, owners, mailoutbox):
    assert manager_client.get(reverse("returns:send_reminders")).status_code == 405
    assert mailoutbox == []
