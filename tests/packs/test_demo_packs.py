"""Demo packs: the latest past demo meetings of boards that receive KPIs get a published pack,
one of them late; running it again publishes nothing."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from boards.deadlines import Timeliness
from boards.models import Meeting
from packs.demo import publish_demo_packs
from packs.models import PackVersion
from tests.packs.factories import build_council, make_board, make_meeting

TODAY = datetime.date(2026, 11, 29)


@pytest.fixture
def demo_meetings(officer, manager):
    board = build_council(officer, manager)["board"]
    Meeting.objects.filter(board=board).update(is_demo=True)  # 8 December: not yet held
    days = ["2026-03-10", "2026-05-12", "2026-07-14", "2026-09-08", "2026-11-10"]
    for day in days:
        make_meeting(board, datetime.date.fromisoformat(day), is_demo=True)
    make_meeting(board, datetime.date(2026, 10, 13))  # a real meeting: left alone
    make_meeting(make_board("no-kpis"), datetime.date(2026, 11, 3), is_demo=True)


def test_the_latest_past_demo_meetings_get_a_published_pack_one_of_them_late(
    demo_meetings, officer, mailoutbox
):
    published = publish_demo_packs(today=TODAY, publisher=officer)

    assert published == [
        "CPB, 12 May 2026",
        "CPB, 14 July 2026",
        "CPB, 8 September 2026",
        "CPB, 10 November 2026",
    ]
    versions = PackVersion.objects.select_related("meeting__board").order_by("meeting__date")
    assert all(version.is_demo and version.number == 1 for version in versions)
    timeliness = [version.meeting.papers_timeliness(TODAY) for version in versions]
    assert timeliness == [Timeliness.LATE] + [Timeliness.ON_TIME] * 3
    assert mailoutbox == []


def test_a_second_run_publishes_nothing(demo_meetings, officer):
    publish_demo_packs(today=TODAY, publisher=officer)
    assert publish_demo_packs(today=TODAY, publisher=officer) == []
    assert PackVersion.objects.count() == 4


def test_the_command_runs_only_with_debug_on(db, settings, officer):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DEBUG on"):
        call_command("publish_demo_packs", stdout=io.StringIO())
    settings.DEBUG = True
    output = io.StringIO()
    call_command("publish_demo_packs", stdout=output)
    assert output.getvalue() == "Demo packs: 0 published.\n"
