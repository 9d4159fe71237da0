"""Demo packs: the latest past demo meeting of each of the boards that receive the most KPIs
gets a published pack, one of them late; running it again publishes nothing."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from boards.deadlines import Timeliness
from boards.models import Meeting
from packs.demo import publish_demo_packs
from packs.models import PackVersion
from tests.packs.factories import build_council, make_board, make_meeting, receives

TODAY = datetime.date(2026, 11, 29)


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@pytest.fixture
def demo_meetings(officer, manager):
    council = build_council(officer, manager)
    cpb, kpis = council["board"], council["kpis"]
    Meeting.objects.filter(board=cpb).update(is_demo=True)  # 8 December: not yet held
    for date in ("2026-09-08", "2026-11-10"):
        make_meeting(cpb, day(date), is_demo=True)
    scrutiny = make_board("cs-os", public=True, short_name="CS O&S")
    receives(scrutiny, kpis["visits"], kpis["pep"])
    make_meeting(scrutiny, day("2026-10-13"), is_demo=True)
    make_meeting(scrutiny, day("2026-11-17"))  # a real meeting: left alone
    smt = make_board("smt")
    receives(smt, kpis["visits"])  # fewest KPIs: no demo pack
    make_meeting(smt, day("2026-11-03"), is_demo=True)
    make_meeting(make_board("no-kpis"), day("2026-11-03"), is_demo=True)


def test_the_latest_past_meetings_of_the_boards_with_most_kpis_are_published_one_late(
    demo_meetings, officer, mailoutbox
):
    published = publish_demo_packs(today=TODAY, publisher=officer)

    assert published == ["CS O&S, 13 October 2026", "CPB, 10 November 2026"]
    versions = list(PackVersion.objects.select_related("meeting__board").order_by("meeting__date"))
    assert all(version.is_demo and version.number == 1 for version in versions)
    assert [version.meeting.papers_timeliness(TODAY) for version in versions] == [
        Timeliness.LATE,
        Timeliness.ON_TIME,
    ]
    assert mailoutbox == []


def test_a_second_run_publishes_nothing(demo_meetings, officer):
    publish_demo_packs(today=TODAY, publisher=officer)
    assert publish_demo_packs(today=TODAY, publisher=officer) == []
    assert PackVersion.objects.count() == 2


def test_the_command_runs_only_with_debug_on(db, settings, officer):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DEBUG on"):
        call_command("publish_demo_packs", stdout=io.StringIO())
    settings.DEBUG = True
    output = io.StringIO()
    call_command("publish_demo_packs", stdout=output)
    assert output.getvalue() == "Demo packs: 0 published.\n"
