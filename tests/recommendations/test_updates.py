"""Progress updates: added by the action's owner (or an officer or manager) with their evidence
(KPIs shown with their approved values before the action started and now, the meeting where it
was discussed); changed by their author for 24 hours only, then only followed by a correcting
entry."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from boards.models import Meeting
from kpis.models import Kpi
from recommendations.models import Action, ProgressUpdate
from tests.kpis.pages import add_target, add_value, messages_of, page, section
from tests.recommendations.factories import make_action, make_board, write_update
from tests.users import make_user

START = datetime.datetime(2026, 7, 15, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def owner(db):
    return make_user("owner", "Performance officer")


@pytest.fixture
def action(owner):
    return make_action(owner=owner, status="in-progress", started_at=START)


@pytest.fixture
def visits(manager):
    """A KPI with an approved value before the action started, one after it awaiting
    approval (never shown), and a newer approved one."""
    kpi = Kpi.objects.create(code="CIC-VISITS", title="Children in care visited on time",
                             status="live", polarity="higher")  # fmt: skip
    add_target(kpi, 2026, 90, 85)
    add_value(kpi, "2026-06", "80.0", "approved", approved_by=manager)
    add_value(kpi, "2026-07", "81.5", "approved", approved_by=manager)
    add_value(kpi, "2026-11", "99.0", "submitted")
    add_value(kpi, "2026-10", "92.5", "approved", approved_by=manager)
    return kpi


def add(client, action, **fields):
    return client.post(reverse("actions:update_new", args=[action.pk]), fields)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page(response)))


def test_the_owner_adds_an_update_with_a_kpi_a_meeting_and_a_rating(client, owner, action, visits):
    board = make_board("cpb")
    meeting = Meeting.objects.create(
        board=board, date=timezone.localdate() - datetime.timedelta(days=3)
    )
    action.lead_board = board
    action.save(update_fields=["lead_board"])
    client.force_login(owner)
    response = add(client, action, text="Visits back on target after the new rota.",
                   progress="at-risk", kpis=[visits.pk], meeting=meeting.pk)  # fmt: skip
    update = ProgressUpdate.objects.get()
    assert response["Location"] == f"{action.get_absolute_url()}#update-{update.pk}"
    assert (update.author, update.progress, update.meeting) == (owner, "at-risk", meeting)
    assert list(update.kpis.all()) == [visits]
    assert Action.objects.get(pk=action.pk).progress == "at-risk"
    assert messages_of(response) == ["Progress update added."]

    shown = text_of(client.get(action.get_absolute_url()))
    assert "Visits back on target after the new rota." in shown
    assert "Rated At risk" in shown
    assert f"Discussed at the CPB meeting on {meeting.date_label}" in shown
    # Before the action started (July 2026): June's approved value; now: October's. The
    # November value awaits approval and is not shown.
    assert "approved values before the action started (15 July 2026) and now" in shown
    assert "80% Red June 2026" in shown
    assert "92.5% Green October 2026" in shown
    assert "Improving" in shown
    assert "99%" not in shown


def test_someone_who_may_not_update_the_action_is_refused_and_nothing_is_stored(
    client, member, action
):
    client.force_login(member)
    assert add(client, action, text="Not mine to say.").status_code == 403
    assert client.get(action.get_absolute_url()).status_code == 200
    assert "Add a progress update" not in page(client.get(action.get_absolute_url()))
    assert not ProgressUpdate.objects.exists()


def test_an_update_without_words_is_refused_keeping_what_was_chosen(client, owner, action):
    client.force_login(owner)
    response = add(client, action, text="   ", progress="off-track")
    assert response.status_code == 200
    assert "Write what has happened" in page(response)
    assert '<option value="off-track" selected>' in page(response)
    assert not ProgressUpdate.objects.exists()


def test_the_author_changes_an_update_within_24_hours(client, owner, action):
    update = write_update(action, owner, text="First words.", ago=datetime.timedelta(hours=23))
    client.force_login(owner)
    url = reverse("actions:update_edit", args=[action.pk, update.pk])
    assert "First words.</textarea>" in page(client.get(url))
    response = client.post(url, {"text": "Better words."})
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.text == "Better words."
    assert update.edited_at is not None
    assert "Changed by its author on" in page(client.get(action.get_absolute_url()))


def test_an_update_older_than_24_hours_cannot_be_changed(client, owner, action):
    update = write_update(action, owner, text="First words.", ago=datetime.timedelta(hours=25))
    client.force_login(owner)
    url = reverse("actions:update_edit", args=[action.pk, update.pk])
    for response in (client.get(url), client.post(url, {"text": "Rewritten history."})):
        assert response["Location"] == f"{action.get_absolute_url()}#update-{update.pk}"
        assert messages_of(response)[-1] == (
            "This update was written more than 24 hours ago, so it can no longer be changed: "
            "add a correcting entry instead"
        )
    update.refresh_from_db()
    assert (update.text, update.edited_at) == ("First words.", None)
    shown = page(client.get(action.get_absolute_url()))
    assert url not in shown
    assert f"?corrects={update.pk}" in shown


def test_only_the_author_changes_an_update(client, officer, owner, action):
    update = write_update(action, owner, text="First words.")
    client.force_login(officer)
    response = client.post(
        reverse("actions:update_edit", args=[action.pk, update.pk]), {"text": "Not mine."}
    )
    assert messages_of(response) == [
        "Only the person who wrote an update can change it: add a correcting entry"
    ]
    update.refresh_from_db()
    assert update.text == "First words."


def test_a_correcting_entry_follows_the_update_it_corrects(client, owner, action):
    wrong = write_update(action, owner, text="Twelve visits.", ago=datetime.timedelta(days=3))
    client.force_login(owner)
    form = page(
        client.get(reverse("actions:update_new", args=[action.pk]) + f"?corrects={wrong.pk}")
    )
    assert "Correct an update" in form
    assert "Twelve visits." in form
    add(client, action, text="It was fourteen visits, not twelve.", corrects=wrong.pk)
    correction = ProgressUpdate.objects.exclude(pk=wrong.pk).get()
    assert correction.corrects == wrong
    wrong.refresh_from_db()
    assert wrong.text == "Twelve visits."
    timeline = section(page(client.get(action.get_absolute_url())), "timeline")
    assert f'Corrects <a class="govuk-link" href="#update-{wrong.pk}">' in timeline
    assert f'Corrected by <a class="govuk-link" href="#update-{correction.pk}">' in timeline


def test_a_closed_action_takes_corrections_but_not_new_progress(client, owner, manager):
    action = make_action(owner=owner, status="closed", closed_by=manager)
    earlier = write_update(action, owner, text="Done.", ago=datetime.timedelta(days=3))
    client.force_login(owner)
    response = add(client, action, text="More progress.")
    assert response.status_code == 200
    assert "This action is closed: reopen it to add progress, or correct an update" in page(
        response
    )
    add(client, action, text="Done, on 3 March.", corrects=earlier.pk)
    assert ProgressUpdate.objects.filter(corrects=earlier).exists()
    assert ProgressUpdate.objects.count() == 2


def test_a_double_click_adds_the_update_once(client, owner, action):
    client.force_login(owner)
    first = add(client, action, text="Draft shared with the CLT.", progress="on-track")
    second = add(client, action, text="Draft shared with the CLT.", progress="on-track")
    assert first["Location"] == second["Location"]
    assert action.updates.count() == 1
    # Different words are another update.
    add(client, action, text="Comments back from the CLT.", progress="on-track")
    assert action.updates.count() == 2
