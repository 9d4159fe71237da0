"""load_demo's meetings: a year of them for every board at its cadence, with agendas, and the
demo member on the corporate parenting board and the children's scrutiny committee."""

import datetime
import io
import itertools

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from boards.models import AgendaItem, Board, BoardMembership, Meeting


@pytest.fixture
def demo(seeded, settings):
    settings.DEBUG = True
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    return output.getvalue()


def snapshot() -> dict:
    return {
        "meetings": list(
            Meeting.objects.order_by("pk").values_list(
                "pk", "board__slug", "date", "starts_at", "venue", "is_demo",
                "papers_published_at",
            )
        ),
        "items": list(AgendaItem.objects.order_by("pk").values_list()),
        "memberships": list(BoardMembership.objects.order_by("pk").values_list()),
    }  # fmt: skip


def test_every_board_gets_a_year_of_meetings_around_today(demo):
    today = timezone.localdate()
    made = Meeting.objects.filter(is_demo=True).count()
    assert f"Demo meetings: {made} meetings and 2 board memberships of the demo member" in demo
    for board in Board.objects.all():
        dates = list(board.meetings.filter(is_demo=True).values_list("date", flat=True))
        assert any(day < today for day in dates), board.slug
        assert any(day >= today for day in dates), board.slug
        assert all(abs(day - today) <= datetime.timedelta(days=183) for day in dates)
        assert all(day.weekday() < 5 for day in dates)


def demo_dates(slug: str) -> list[datetime.date]:
    return list(
        Meeting.objects.filter(board__slug=slug, is_demo=True)
        .order_by("date")
        .values_list("date", flat=True)
    )


def months_apart(dates: list[datetime.date]) -> set[int]:
    months = [day.year * 12 + day.month for day in dates]
    return {later - earlier for earlier, later in itertools.pairwise(months)}


def test_each_board_meets_at_its_cadence(demo):
    assert months_apart(demo_dates("cslt")) == {1}  # receives monthly reports
    assert months_apart(demo_dates("cpb")) == {2}  # a committee
    assert months_apart(demo_dates("cs-os")) == {2}
    assert months_apart(demo_dates("lscb")) == {3}  # a partnership, quarterly
    assert len(demo_dates("cslt")) >= 12


def test_meetings_have_a_time_a_venue_and_a_part_1_performance_report(demo):
    for meeting in Meeting.objects.filter(is_demo=True).select_related("board"):
        assert meeting.venue and meeting.starts_at
        # Papers are published only by the packs app's demo, and only for meetings held.
        assert meeting.papers_published_at is None or meeting.date < timezone.localdate()
        reports = [item for item in meeting.agenda_items.all() if item.is_performance_report]
        assert len(reports) == 1
        assert reports[0].part == AgendaItem.Part.ONE
    committee = Meeting.objects.filter(board__slug="cs-os", is_demo=True).first()
    assert (committee.starts_at, committee.venue) == (
        datetime.time(19),
        "Council Chamber, Shute End, Wokingham",
    )


def test_one_corporate_parenting_board_meeting_also_takes_an_item_in_private(demo):
    exempt = AgendaItem.objects.filter(part=AgendaItem.Part.TWO)
    assert [item.meeting.board.slug for item in exempt] == ["cpb"]
    item = exempt.get()
    assert item.exempt_paragraph == 1
    assert not item.is_performance_report
    # It is the board's next meeting, so the demo member sees it coming.
    upcoming = Meeting.objects.filter(board__slug="cpb").upcoming(timezone.localdate())
    assert item.meeting == upcoming.first()


def test_the_demo_member_sits_on_two_boards_and_is_emailed(demo):
    member = get_user_model().objects.get(username="member")
    assert sorted(
        BoardMembership.objects.filter(user=member).values_list("board__slug", "subscribed")
    ) == [("cpb", True), ("cs-os", True)]


def test_running_load_demo_again_changes_nothing(demo, settings):
    before = snapshot()
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    assert snapshot() == before
    assert "Demo meetings: 0 meetings and 0 board memberships" in output.getvalue()


def test_meetings_already_there_are_left_as_they_are(demo, settings):
    meeting = Meeting.objects.filter(board__slug="cpb", is_demo=True).first()
    meeting.venue = "Changed by an officer"
    meeting.save()
    meeting.agenda_items.all().delete()
    BoardMembership.objects.filter(board__slug="cpb").update(subscribed=False)
    call_command("load_demo", stdout=io.StringIO())
    meeting.refresh_from_db()
    assert meeting.venue == "Changed by an officer"
    assert not meeting.agenda_items.exists()
    assert not BoardMembership.objects.get(board__slug="cpb").subscribed
