"""The tracker, packs and readiness filter and show recommendations by a status worked out in
SQL (RecommendationQuerySet.with_status); it must agree with the pure rule
(recommendations.rules.recommendation_status) for every mix of actions, and a manager's setting
must win over both."""

import datetime
import itertools

import pytest

from recommendations.choices import ActionStatus
from recommendations.models import Action, Recommendation
from recommendations.rules import recommendation_status
from tests.recommendations.factories import make_action, make_recommendation

MIXES = [
    mix
    for size in range(4)
    for mix in itertools.combinations_with_replacement(list(ActionStatus), size)
]


def test_every_mix_of_up_to_three_actions_gets_the_pure_rules_status(db):
    expected = {}
    for number, mix in enumerate(MIXES, start=1):
        recommendation = make_recommendation(number)
        for status in mix:
            make_action(recommendation, status=status)
        expected[recommendation.pk] = recommendation_status(mix)
    assert len(MIXES) == 35
    shown = {
        r.pk: (r.status_from_actions, r.current_status)
        for r in Recommendation.objects.with_status()
    }
    assert shown == {pk: (status, status) for pk, status in expected.items()}
    # Read without the annotation, one by one, the model says the same.
    for recommendation in Recommendation.objects.all():
        assert recommendation.status == expected[recommendation.pk]


@pytest.mark.parametrize("override", ["open", "in-progress", "complete"])
def test_a_managers_setting_wins_over_the_actions(db, override):
    recommendation = make_recommendation(status_override=override, override_reason="Because")
    make_action(recommendation, status=ActionStatus.IN_PROGRESS)
    shown = Recommendation.objects.with_status().get()
    assert (shown.current_status, shown.status) == (override, override)
    assert shown.status_from_actions == "in-progress"
    assert (Recommendation.objects.open().count() == 0) == (override == "complete")


def test_counts_of_actions_and_overdue_ones(db):
    recommendation = make_recommendation()
    long_ago = datetime.date(2020, 1, 1)
    make_action(recommendation, due_date=long_ago)
    make_action(recommendation, due_date=long_ago, status="complete")
    make_action(recommendation, due_date=datetime.date(2099, 1, 1))
    shown = Recommendation.objects.with_status().get()
    assert (shown.action_count, shown.overdue_count) == (3, 1)
    assert Action.objects.overdue(datetime.date.today()).count() == 1
