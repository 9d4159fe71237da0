"""Demo progress (load_demo runs load_demo_progress): a few actions on the review's
recommendations, dated updates linking a KPI and a meeting, and two challenges of the demo member
at the Corporate Parenting Board; all marked demo and labelled so on the pages; a second run adds
nothing; the seed's own actions are left as the seed made them."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from boards.models import Board
from recommendations.demo import load_demo_progress
from recommendations.models import Action, Challenge, ProgressUpdate
from recommendations.timeline import readable_updates
from tests.kpis.pages import page
from tests.packs.factories import make_meeting
from tests.users import make_user

TODAY = timezone.localdate()


@pytest.fixture
def demo(seeded, officer, manager, member):
    cpb = Board.objects.get(slug="cpb")
    for weeks in (-20, -8, 6):
        make_meeting(cpb, TODAY + datetime.timedelta(weeks=weeks))
    users = {"officer": officer, "manager": manager, "member": member}
    return load_demo_progress(today=TODAY, users=users), users


def test_demo_progress_is_made_and_marked(demo):
    made, users = demo
    assert made == {"actions": 4, "updates": 4, "challenges": 2}
    demo_actions = Action.objects.filter(is_demo=True)
    assert demo_actions.count() == 6  # four on recommendations, two challenges
    assert not ProgressUpdate.objects.filter(is_demo=False).exists()
    assert set(Challenge.objects.values_list("is_demo", flat=True)) == {True}
    late = demo_actions.get(recommendation__number=5)
    assert late.is_overdue and late.progress == "at-risk"
    closed = demo_actions.get(recommendation__number=7)
    assert (closed.status, closed.closed_by) == ("closed", users["manager"])
    assert closed.updates.with_evidence().exists()
    answered, open_one = Challenge.objects.order_by("meeting__date")
    assert answered.answer and answered.action.status == "closed"
    assert answered.answer_emailed_at is None  # the demo emails no one
    assert open_one.action.due_date == TODAY + datetime.timedelta(weeks=6)
    # The seed's actions are as the seed made them.
    assert set(Action.objects.filter(is_demo=False).values_list("owner", "status")) == {
        (None, "not-started")
    }


def test_demo_updates_tell_a_story_that_holds(demo):
    """An update discussed at a meeting is written on or after it; the closed action's evidence
    is a meeting every member may read about."""
    for update in ProgressUpdate.objects.filter(meeting__isnull=False).select_related("meeting"):
        assert update.meeting.date <= timezone.localdate(update.written_at), update.text
    closed = Action.objects.get(is_demo=True, recommendation__number=7)
    outsider = make_user("elsewhere", "Member")
    assert readable_updates(closed.updates.with_evidence(), outsider)


def test_a_second_run_adds_nothing(demo):
    _, users = demo
    before = (Action.objects.count(), ProgressUpdate.objects.count(), Challenge.objects.count())
    assert load_demo_progress(today=TODAY, users=users) == {
        "actions": 0, "updates": 0, "challenges": 0
    }  # fmt: skip
    assert (Action.objects.count(), ProgressUpdate.objects.count(), Challenge.objects.count()) == (
        before
    )


def test_the_pages_say_what_is_demo(demo, manager_client):
    action = Action.objects.filter(is_demo=True, recommendation__number=5).get()
    shown = page(manager_client.get(action.get_absolute_url()))
    assert "This action and its progress are made up for demonstration." in shown
    assert shown.count('<strong class="govuk-tag govuk-tag--yellow">Demo</strong>') == 2
    tracker = page(manager_client.get("/recommendations/"))
    assert tracker.count('<strong class="govuk-tag govuk-tag--yellow">Demo</strong>') == 6


def test_the_command_runs_only_with_debug_on_and_the_demo_users(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DEBUG on"):
        call_command("load_demo_progress", stdout=io.StringIO())
    settings.DEBUG = True
    with pytest.raises(CommandError, match="The demo users manager, officer, member are missing"):
        call_command("load_demo_progress", stdout=io.StringIO())
