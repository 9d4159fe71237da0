"""Two people changing one meeting: the form carries the version it was opened at, and a save
from an older version is refused, saying who saved the meeting and when and showing it as it
is now, with everything the second person typed still in the form."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from boards import forms
from boards.models import AgendaItem, Board, Meeting
from tests import users
from tests.boards.pages import form_fields, text_of

EDIT = reverse("boards:meeting_edit", args=["cpb", "2026-12-17"])


@pytest.fixture
def meeting(db):
    board = Board.objects.create(slug="cpb", short_name="CPB", name="Corporate Parenting Board",
                                 nature=Board.Nature.COMMITTEE)  # fmt: skip
    meeting = Meeting.objects.create(
        board=board, date=datetime.date(2026, 12, 17), venue="Council Chamber",
        starts_at=datetime.time(19),
    )  # fmt: skip
    AgendaItem.objects.create(meeting=meeting, number=1, title="Performance report",
                              is_performance_report=True)  # fmt: skip
    return meeting


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def olu(meeting):
    return signed_in(users.make_user("olu", roles.OFFICER))


@pytest.fixture
def morgan(meeting):
    return signed_in(users.make_user("morgan", roles.MANAGER))


def stored(meeting) -> tuple:
    meeting.refresh_from_db()
    titles = list(meeting.agenda_items.values_list("title", flat=True))
    return meeting.date.isoformat(), meeting.venue, titles


def test_a_save_from_a_form_opened_before_someone_elses_is_refused(meeting, olu, morgan):
    theirs, mine = form_fields(olu.get(EDIT)), form_fields(morgan.get(EDIT))
    theirs.update({"venue": "Room 2", "agenda-0-title": "Performance and quality report"})
    assert olu.post(EDIT, theirs).status_code == 302
    mine.update({"venue": "Shute End Hall", "starts_at": "18:30"})

    response = morgan.post(EDIT, mine)

    assert response.status_code == 200
    assert stored(meeting) == ("2026-12-17", "Room 2", ["Performance and quality report"])
    saved_at = timezone.localtime(meeting.updated_at)
    page = text_of(response)
    assert "Someone else saved this meeting while you were changing it" in page
    assert (
        f"Olu Tester saved it at {saved_at:%H:%M} on {saved_at:%-d %B %Y}. Nothing you typed "
        "has been saved: it is all still in the form."
    ) in page
    assert (
        "The meeting as Olu Tester saved it Date 17 December 2026 Start time 19:00 Venue Room 2"
    ) in page
    assert "1 Performance and quality report Part 1 (public) Yes" in page
    assert "<title>Error: " in response.content.decode()
    # What Morgan typed is still there, now as a change of Olu's version.
    shown = form_fields(response)
    assert (shown["venue"], shown["starts_at"], shown["agenda-0-title"]) == (
        "Shute End Hall", "18:30", "Performance report"
    )  # fmt: skip
    assert shown["version"] == "2"

    # Saving again is a decision to replace Olu's changes.
    assert morgan.post(EDIT, shown).status_code == 302
    assert stored(meeting) == ("2026-12-17", "Shute End Hall", ["Performance report"])
    assert (meeting.version, meeting.updated_by.username) == (3, "morgan")


def test_after_someone_else_moved_the_meeting_saving_again_goes_to_its_new_date(
    meeting, olu, morgan
):
    theirs, mine = form_fields(olu.get(EDIT)), form_fields(morgan.get(EDIT))
    theirs["date_0"] = "18"
    assert olu.post(EDIT, theirs).status_code == 302
    mine["venue"] = "Room 2"
    response = morgan.post(EDIT, mine)
    assert response.status_code == 200
    moved = reverse("boards:meeting_edit", args=["cpb", "2026-12-18"])
    assert f'<form method="post" novalidate action="{moved}">' in response.content.decode()
    again = form_fields(response)
    assert again["date_0"] == "17"  # as Morgan typed it
    again["date_0"] = "18"
    assert morgan.post(moved, again).status_code == 302
    assert stored(meeting) == ("2026-12-18", "Room 2", ["Performance report"])


def test_a_double_click_is_one_save_not_a_conflict(meeting, olu):
    mine = form_fields(olu.get(EDIT))
    mine["venue"] = "Room 2"
    assert olu.post(EDIT, mine).status_code == 302
    second = olu.post(EDIT, mine)
    assert second.status_code == 302
    assert stored(meeting) == ("2026-12-17", "Room 2", ["Performance report"])
    assert meeting.version == 2


def test_the_same_person_in_two_tabs_with_different_changes_is_told(meeting, olu):
    first, second = form_fields(olu.get(EDIT)), form_fields(olu.get(EDIT))
    first["venue"] = "Room 2"
    second["venue"] = "Room 3"
    assert olu.post(EDIT, first).status_code == 302
    response = olu.post(EDIT, second)
    assert "Olu Tester saved it at" in text_of(response)
    assert stored(meeting) == ("2026-12-17", "Room 2", ["Performance report"])


def test_a_change_in_the_admin_counts_too(meeting, olu):
    mine = form_fields(olu.get(EDIT))
    admin = signed_in(users.make_user("ade", roles.ADMINISTRATOR))
    change = reverse("admin:boards_meeting_change", args=[meeting.pk])
    shown = form_fields(admin.get(change))
    shown = {name: value for name, value in shown.items()
             if "__prefix__" not in name and name != "received"}  # fmt: skip
    shown["venue"] = "Room 9"
    assert admin.post(change, shown).status_code == 302
    mine["venue"] = "Room 2"
    response = olu.post(EDIT, mine)
    assert "Ade Tester saved it at" in text_of(response)
    assert stored(meeting) == ("2026-12-17", "Room 9", ["Performance report"])


@pytest.mark.parametrize("version", ["", "abc", "²", "9" * 30])
def test_a_form_without_a_version_it_was_opened_at_saves_nothing(meeting, olu, version):
    mine = form_fields(olu.get(EDIT))
    mine.update({"venue": "Room 2", "version": version})
    response = olu.post(EDIT, mine)
    assert response.status_code == 200
    assert "Someone else saved this meeting" in text_of(response)
    assert stored(meeting) == ("2026-12-17", "Council Chamber", ["Performance report"])


def test_papers_published_as_the_date_is_changed_keep_it(meeting, olu, monkeypatch):
    mine = form_fields(olu.get(EDIT))
    # Published after the form's own check of the date, before the save.
    Meeting.objects.filter(pk=meeting.pk).update(papers_published_at=timezone.now())
    monkeypatch.setattr(forms.MeetingForm, "clean_date", lambda form: form.cleaned_data["date"])
    mine["date_0"] = "18"
    response = olu.post(EDIT, mine)
    assert response.status_code == 200
    assert (
        "The papers for the meeting on 17 December 2026 have been published, so its board and "
        "date cannot change"
    ) in text_of(response)
    assert stored(meeting) == ("2026-12-17", "Council Chamber", ["Performance report"])


def test_a_form_opened_for_one_meeting_never_saves_onto_another_now_on_its_date(
    meeting, olu, morgan
):
    """Meeting A moves away and B moves onto A's old date, both now at the same version: a form
    still open for A is a conflict for A, and B is left exactly as it is."""
    other = Meeting.objects.create(board=meeting.board, date=datetime.date(2026, 12, 10),
                                   venue="Other venue")  # fmt: skip
    AgendaItem.objects.create(meeting=other, number=1, title="Other business")
    first = form_fields(olu.get(EDIT))
    first["venue"] = "Room 2"
    assert olu.post(EDIT, first).status_code == 302
    mine = form_fields(morgan.get(EDIT))
    moved = form_fields(olu.get(EDIT))
    moved["date_0"] = "18"
    assert olu.post(EDIT, moved).status_code == 302
    other_edit = reverse("boards:meeting_edit", args=["cpb", "2026-12-10"])
    onto = form_fields(olu.get(other_edit))
    onto["date_0"] = "17"
    assert olu.post(other_edit, onto).status_code == 302
    other.refresh_from_db()
    assert other.date == meeting.date and other.version == int(mine["version"])

    mine["venue"] = "Shute End Hall"
    response = morgan.post(EDIT, mine)
    # Refused: A's form still says the 17th, which B holds now; nothing is saved.
    assert response.status_code == 200
    assert "The CPB already has a meeting on 17 December 2026" in text_of(response)
    other.refresh_from_db()
    assert other.venue == "Other venue"
    assert list(other.agenda_items.values_list("title", flat=True)) == ["Other business"]
    meeting.refresh_from_db()
    assert meeting.venue == "Room 2" and meeting.date == datetime.date(2026, 12, 18)
