"""Adding and changing a meeting in the app (officers and managers): date, time, venue and the
agenda, checked with clear messages; what was typed stays in a form with errors."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from boards import forms
from boards.models import AgendaItem, Board, Meeting
from tests import users
from tests.boards.pages import form_fields, text_of

NEW = reverse("boards:meeting_new", args=["cpb"])


@pytest.fixture
def cpb(db):
    return Board.objects.create(
        slug="cpb", short_name="CPB", name="Corporate Parenting Board", nature="committee"
    )


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def item(number, title, part="1", paragraph="", report=False, remove=False) -> dict:
    fields = {"number": number, "title": title, "part": part, "exempt_paragraph": paragraph}
    if report:
        fields["is_performance_report"] = "on"
    if remove:
        fields["DELETE"] = "on"
    return fields


def post_data(day="17", month="12", year="2026", starts_at="7pm", venue="Council Chamber",
              items=(), existing=0, version=1, **extra) -> dict:  # fmt: skip
    data = {
        "date_0": day, "date_1": month, "date_2": year, "starts_at": starts_at, "venue": venue,
        "version": str(version),
        "agenda-TOTAL_FORMS": str(len(items)), "agenda-INITIAL_FORMS": str(existing),
        "agenda-MIN_NUM_FORMS": "0", "agenda-MAX_NUM_FORMS": "60",
    }  # fmt: skip
    for index, fields in enumerate(items):
        data.update({f"agenda-{index}-{name}": value for name, value in fields.items()})
    data.update(extra)
    return data


AGENDA = [
    item(1, "Apologies"),
    item(2, "Performance report", report=True),
    item(3, "Placements of individual children", part="2", paragraph="1"),
    item(4, ""),  # an empty row, left as it was
]


def errors_of(response) -> list[str]:
    return [message for _, message in response.context["error_links"]]


def test_an_officer_adds_a_meeting_with_its_agenda(officer_client, cpb):
    response = officer_client.post(NEW, post_data(items=AGENDA))
    assert response.status_code == 302
    assert response["Location"] == "/boards/cpb/meetings/2026-12-17/"
    meeting = Meeting.objects.get(board=cpb)
    assert (meeting.date, meeting.starts_at, meeting.venue, meeting.precision) == (
        datetime.date(2026, 12, 17), datetime.time(19, 0), "Council Chamber", "day"
    )  # fmt: skip
    assert meeting.papers_published_at is None
    assert not meeting.is_demo
    assert list(
        meeting.agenda_items.values_list(
            "number", "title", "part", "exempt_paragraph", "is_performance_report"
        )
    ) == [
        (1, "Apologies", "1", None, False),
        (2, "Performance report", "1", None, True),
        (3, "Placements of individual children", "2", 1, False),
    ]
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Meeting on 17 December 2026 added."
    ]


def test_when_the_papers_were_published_is_never_typed(officer_client, cpb):
    officer_client.post(NEW, post_data(papers_published_at="2026-12-01T10:00"))
    assert Meeting.objects.get(board=cpb).papers_published_at is None
    page = officer_client.get(NEW).content.decode()
    assert "papers_published_at" not in page


def test_a_new_meeting_offers_numbered_empty_rows(officer_client, cpb):
    page = officer_client.get(NEW)
    assert page.status_code == 200
    agenda = page.context["agenda"]
    assert [form["number"].value() for form in agenda.forms] == [1, 2, 3, 4, 5]
    assert "Agenda row 5" in text_of(page)


@pytest.mark.parametrize(
    ("who", "status"), [("officer", 200), ("manager", 200), ("member", 403), ("outsider", 403)]
)
def test_who_may_add_and_change_meetings(client, cpb, who, status):
    meeting = Meeting.objects.create(board=cpb, date=datetime.date(2026, 12, 17))
    edit = reverse("boards:meeting_edit", args=["cpb", "2026-12-17"])
    client.force_login(getattr(users, who)())
    assert client.get(NEW).status_code == status
    assert client.get(edit).status_code == status
    if status == 403:
        client.post(NEW, post_data(day="18"))
        client.post(edit, post_data(venue="Somewhere else"))
        assert list(Meeting.objects.values_list("date", "venue")) == [(meeting.date, "")]


def test_a_member_of_the_board_still_may_not(client, cpb, member):
    cpb.members.add(member)
    client.force_login(member)
    assert client.get(NEW).status_code == 403


def test_unknown_board_or_meeting_is_not_found(officer_client, cpb):
    assert officer_client.get(reverse("boards:meeting_new", args=["nope"])).status_code == 404
    for date in ("2026-12-17", "2026-13-01", "soon", "20261217"):
        assert officer_client.get(f"/boards/cpb/meetings/{date}/edit/").status_code == 404


@pytest.mark.parametrize(
    ("date", "message"),
    [
        (("", "", ""), "Enter the meeting date"),
        (("31", "2", "2027"), "The meeting date must be a real date"),
        (("17", "12", ""), "The meeting date must include a year"),
        (("", "12", ""), "The meeting date must include a day and year"),
        (("17", "Dec", "2026"), "The meeting date must be a real date, in numbers"),
        (("17", "12", "26"), "The year of the meeting date must be four digits, from 2000 to 2099"),
        # Digits that are not ASCII: superscripts (isdigit() but not int()) and Arabic-Indic.
        (("17", "12", "²⁰²⁷"), "The meeting date must be a real date, in numbers"),
        (("17", "12", "٢٠٢٧"), "The meeting date must be a real date, in numbers"),
        (("17", "12", "20267"), "The meeting date must be a real date, in numbers"),
        (("1\x00", "12", "2026"), "The meeting date must be a real date, in numbers"),
    ],
)
def test_a_date_that_is_not_a_date_says_which_part_is_wrong(officer_client, cpb, date, message):
    day, month, year = date
    response = officer_client.post(NEW, post_data(day=day, month=month, year=year))
    assert response.status_code == 200
    assert errors_of(response) == [message]
    assert response.context["error_links"][0][0] == "id_date_0"
    assert not Meeting.objects.exists()


def test_a_form_with_errors_keeps_everything_typed(officer_client, cpb):
    typed = post_data(day="31", month="2", year="2027", starts_at="19:30", venue="The Chamber",
                      items=AGENDA)  # fmt: skip
    response = officer_client.post(NEW, typed)
    page = response.content.decode()
    assert "<title>Error: Add a meeting" in page
    assert "There is a problem" in page
    for value in ('value="31"', 'value="2"', 'value="2027"', 'value="19:30"', 'value="The Chamber"',
                  'value="Placements of individual children"'):  # fmt: skip
        assert value in page
    assert 'name="agenda-1-is_performance_report" type="checkbox" checked' in page
    assert 'name="agenda-2-part" type="radio" value="2" checked' in page
    assert '<option value="1" selected>' in page
    assert not Meeting.objects.exists()


def test_a_time_that_is_not_a_time(officer_client, cpb):
    response = officer_client.post(NEW, post_data(starts_at="half seven"))
    assert errors_of(response) == ["Enter the start time like 19:00 or 7pm"]


def test_the_same_date_twice_for_a_board_is_refused_clearly(officer_client, cpb):
    Meeting.objects.create(board=cpb, date=datetime.date(2026, 12, 17))
    response = officer_client.post(NEW, post_data(items=AGENDA))
    assert response.status_code == 200
    assert errors_of(response) == [
        "The CPB already has a meeting on 17 December 2026: choose another date, or change "
        "that meeting instead"
    ]
    assert Meeting.objects.count() == 1
    # Said at once, with any other problem, not only once the rest is right.
    both = officer_client.post(NEW, post_data(items=[item(1, "Report", part="2")]))
    assert len(errors_of(both)) == 2
    assert errors_of(both)[0].startswith("The CPB already has a meeting on 17 December 2026")
    # Another board may meet that day.
    Board.objects.create(slug="cs-os", short_name="CS O&S", name="Scrutiny", nature="committee")
    other = officer_client.post(reverse("boards:meeting_new", args=["cs-os"]), post_data())
    assert other.status_code == 302


def test_a_date_taken_between_checking_and_saving_is_refused_clearly(
    officer_client, cpb, monkeypatch
):
    Meeting.objects.create(board=cpb, date=datetime.date(2026, 12, 17))
    monkeypatch.setattr(forms.MeetingForm, "clean_date", lambda form: form.cleaned_data["date"])
    response = officer_client.post(NEW, post_data(items=AGENDA))
    assert response.status_code == 200
    assert errors_of(response) == [
        "The CPB already has a meeting on 17 December 2026: choose another date, or change "
        "that meeting instead"
    ]
    assert Meeting.objects.count() == 1
    assert not AgendaItem.objects.exists()


def test_a_part_2_item_names_its_schedule_12a_paragraph(officer_client, cpb):
    response = officer_client.post(NEW, post_data(items=[item(1, "Individual cases", part="2")]))
    assert errors_of(response) == [
        "Agenda row 1: A Part 2 item is taken in private: choose the paragraph of Schedule 12A "
        "that makes it exempt"
    ]
    assert response.context["error_links"][0][0] == "id_agenda-0-exempt_paragraph"
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("part", ["1", "2"])
@pytest.mark.parametrize("paragraph", ["8", "0", "one", "1.0"])
def test_an_unknown_schedule_12a_paragraph_gets_one_message_of_ours(
    officer_client, cpb, part, paragraph
):
    items = [item(1, "Individual cases", part=part, paragraph=paragraph)]
    response = officer_client.post(NEW, post_data(items=items))
    assert errors_of(response) == [
        "Agenda row 1: Choose the paragraph of Schedule 12A from the list, 1 to 7"
    ]
    assert response.context["error_links"][0][0] == "id_agenda-0-exempt_paragraph"
    assert 'value="Individual cases"' in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_part_1_item_names_no_paragraph(officer_client, cpb):
    response = officer_client.post(NEW, post_data(items=[item(1, "Budget", paragraph="3")]))
    assert errors_of(response) == [
        "Agenda row 1: A Part 1 item is public: choose “Not exempt”, or make the item Part 2"
    ]


def test_at_most_one_performance_report(officer_client, cpb):
    items = [item(1, "Report", report=True), item(2, "Other report", report=True)]
    response = officer_client.post(NEW, post_data(items=items))
    assert errors_of(response) == [
        "Only one item can be the performance report: it is ticked on items 1 and 2"
    ]
    assert not Meeting.objects.exists()


def test_each_item_has_its_own_number(officer_client, cpb):
    response = officer_client.post(NEW, post_data(items=[item(2, "One"), item(2, "Two")]))
    assert errors_of(response) == ["Two agenda items are numbered 2: give each item its own number"]


def test_an_item_needs_a_title_and_a_sensible_number(officer_client, cpb):
    items = [item("", "No number"), item(0, "Zero"), item(1000, "Big"), item(5, "")]
    items[3]["is_performance_report"] = "on"  # changed, so not an empty row
    response = officer_client.post(NEW, post_data(items=items))
    assert errors_of(response) == [
        "Agenda row 1: Enter the item's number",
        "Agenda row 2: The item's number must be 1 or more",
        "Agenda row 3: The item's number must be 999 or less",
        "Agenda row 4: Enter the item's title",
    ]


def test_lengths_the_database_enforces_are_checked_in_the_form(officer_client, cpb):
    response = officer_client.post(NEW, post_data(venue="v" * 201, items=[item(1, "t" * 301)]))
    assert errors_of(response) == [
        "The venue must be 200 characters or fewer",
        "Agenda row 1: The item's title must be 300 characters or fewer",
    ]
    ok = officer_client.post(NEW, post_data(venue="v" * 200, items=[item(1, "t" * 300)]))
    assert ok.status_code == 302


@pytest.fixture
def meeting(cpb):
    meeting = Meeting.objects.create(
        board=cpb, date=datetime.date(2026, 12, 17), venue="Old", starts_at=datetime.time(19)
    )
    for number, title, report in [(1, "Apologies", False), (2, "Report", True), (3, "AOB", False)]:
        AgendaItem.objects.create(
            meeting=meeting, number=number, title=title, is_performance_report=report
        )
    return meeting


def edit_url(date="2026-12-17") -> str:
    return reverse("boards:meeting_edit", args=["cpb", date])


def test_the_change_form_shows_the_meeting_as_it_is(officer_client, meeting):
    page = officer_client.get(edit_url())
    html = page.content.decode()
    assert "Change the meeting on 17 December 2026" in html
    assert 'name="date_0" type="text" inputmode="numeric" value="17"' in html
    assert 'value="Old"' in html
    assert 'value="19:00"' in html
    agenda = page.context["agenda"]
    assert [form["title"].value() for form in agenda.forms] == [
        "Apologies",
        "Report",
        "AOB",
        None,
        None,
    ]
    assert [form["number"].value() for form in agenda.forms][3:] == [4, 5]


def test_saving_the_change_form_as_shown_changes_nothing(officer_client, meeting):
    before = list(meeting.agenda_items.values_list("number", "title", "is_performance_report"))
    shown = form_fields(officer_client.get(edit_url()))
    assert "csrfmiddlewaretoken" in shown
    response = officer_client.post(edit_url(), shown)
    assert response.status_code == 302, response.context["error_links"]
    meeting.refresh_from_db()
    assert (meeting.date, meeting.starts_at, meeting.venue) == (
        datetime.date(2026, 12, 17), datetime.time(19), "Old"
    )  # fmt: skip
    after = list(meeting.agenda_items.values_list("number", "title", "is_performance_report"))
    assert after == before


def test_a_new_meeting_typed_into_the_form_as_shown(officer_client, cpb):
    fields = form_fields(officer_client.get(NEW))
    fields.update({"date_0": "17", "date_1": "12", "date_2": "2026", "agenda-0-title": "Report",
                   "agenda-0-is_performance_report": "on"})  # fmt: skip
    assert officer_client.post(NEW, fields).status_code == 302
    meeting = Meeting.objects.get()
    assert list(meeting.agenda_items.values_list("number", "title")) == [(1, "Report")]


def test_changing_numbers_and_the_report_item_in_one_save(officer_client, meeting):
    items = [
        item(2, "Apologies", report=True),
        item(1, "Report"),
        item(3, "AOB", remove=True),
        item(4, "New item", part="2", paragraph="2"),
        item(5, ""),
    ]
    response = officer_client.post(
        edit_url(), post_data(day="18", venue="New venue", items=items, existing=3)
    )
    assert response.status_code == 302
    assert response["Location"] == "/boards/cpb/meetings/2026-12-18/"
    meeting.refresh_from_db()
    assert (meeting.date, meeting.venue) == (datetime.date(2026, 12, 18), "New venue")
    assert list(
        meeting.agenda_items.values_list("number", "title", "part", "is_performance_report")
    ) == [(1, "Report", "1", False), (2, "Apologies", "1", True), (4, "New item", "2", False)]


def test_an_existing_item_left_blank_must_be_removed_instead(officer_client, meeting):
    items = [item(1, "Apologies"), item("", ""), item(3, "AOB")]
    response = officer_client.post(edit_url(), post_data(items=items, existing=3))
    assert "Agenda row 2: Enter the item's title" in errors_of(response)
    assert meeting.agenda_items.count() == 3


def test_a_meeting_whose_papers_are_published_keeps_its_date(officer_client, meeting):
    meeting.papers_published_at = timezone.now()
    meeting.save()
    items = [item(1, "Apologies"), item(2, "Report", report=True), item(3, "AOB")]
    moved = officer_client.post(edit_url(), post_data(day="18", items=items, existing=3))
    assert errors_of(moved) == [
        "The papers for the meeting on 17 December 2026 have been published, so its date "
        "cannot change: they say when it is. Add the new date as another meeting."
    ]
    kept = officer_client.post(edit_url(), post_data(venue="Room 2", items=items, existing=3))
    assert kept.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.date.day, meeting.venue) == (17, "Room 2")
    assert meeting.papers_published_at is not None


def test_a_month_only_date_left_alone_stays_month_only(officer_client, cpb):
    meeting = Meeting.objects.create(board=cpb, date=datetime.date(2015, 9, 1), precision="month")
    officer_client.post(
        reverse("boards:meeting_edit", args=["cpb", "2015-09-01"]),
        post_data(day="1", month="9", year="2015", venue="Shute End"),
    )
    meeting.refresh_from_db()
    assert (meeting.precision, meeting.venue) == ("month", "Shute End")
    officer_client.post(
        reverse("boards:meeting_edit", args=["cpb", "2015-09-01"]),
        post_data(day="22", month="9", year="2015", version=2),
    )
    meeting.refresh_from_db()
    assert (meeting.date.day, meeting.precision) == (22, "day")


def test_anything_else_the_database_refuses_is_not_passed_off_as_a_taken_date(
    officer_client, cpb, monkeypatch
):
    monkeypatch.setattr(forms.AgendaItemForm, "clean", lambda form: form.cleaned_data)
    with pytest.raises(IntegrityError):
        officer_client.post(NEW, post_data(items=[item(1, "Cases", part="2")]))


def test_an_administrator_alone_may_not(client, cpb):
    client.force_login(users.make_user("admin", roles.ADMINISTRATOR))
    assert client.get(NEW).status_code == 403
