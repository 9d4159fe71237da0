"""The RAG engine: one function rates every value Red, Amber or Green and says which way it went."""

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kpis.rag import Direction, Rag, amber_threshold_error, direction, rag_status

ORDER = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}
numbers = st.decimals(min_value=-10_000, max_value=10_000, places=2, allow_nan=False)
maybe = st.one_of(st.none(), numbers)


@pytest.mark.parametrize(
    ("value", "target", "amber", "expected"),
    [
        (95, 95, 90, Rag.GREEN),
        (99, 95, 90, Rag.GREEN),
        (94.9, 95, 90, Rag.AMBER),
        (90, 95, 90, Rag.AMBER),
        (89.9, 95, 90, Rag.RED),
        (94, 95, None, Rag.RED),
        (95, 95, None, Rag.GREEN),
    ],
)
def test_higher_is_better_values_are_rated_against_the_target_and_amber_threshold(
    value, target, amber, expected
):
    assert rag_status(Decimal(str(value)), target, amber, "higher") == expected


@pytest.mark.parametrize(
    ("value", "target", "amber", "expected"),
    [
        (12, 12, 15, Rag.GREEN),
        (3, 12, 15, Rag.GREEN),
        (12.1, 12, 15, Rag.AMBER),
        (15, 12, 15, Rag.AMBER),
        (15.1, 12, 15, Rag.RED),
        (13, 12, None, Rag.RED),
    ],
)
def test_lower_is_better_mirrors_it(value, target, amber, expected):
    assert rag_status(Decimal(str(value)), target, amber, "lower") == expected


def test_without_a_target_a_value_is_monitoring_only_and_never_red():
    assert rag_status(Decimal(0), None, None, "higher") == Rag.NO_TARGET
    assert rag_status(Decimal(0), None, Decimal(90), "higher") == Rag.NO_TARGET
    assert Rag.NO_TARGET.label == "No target"


def test_a_kpi_with_no_polarity_has_no_target_to_miss():
    assert rag_status(Decimal(1), Decimal(50), Decimal(40), "none") == Rag.NO_TARGET


def test_a_missing_value_has_no_data_or_is_not_yet_due():
    assert rag_status(None, Decimal(95), Decimal(90), "higher") == Rag.NO_DATA
    assert rag_status(None, Decimal(95), Decimal(90), "higher", due=False) == Rag.NOT_DUE
    assert (Rag.NO_DATA.label, Rag.NOT_DUE.label) == ("No data", "Not yet due")


def test_the_labels_are_words_not_colours_alone():
    assert [rag.label for rag in (Rag.GREEN, Rag.AMBER, Rag.RED)] == ["Green", "Amber", "Red"]
    assert Rag.GREEN.is_rated and not Rag.NO_TARGET.is_rated


@pytest.mark.parametrize(
    ("current", "previous", "polarity", "expected"),
    [
        (96, 92, "higher", Direction.IMPROVING),
        (90, 92, "higher", Direction.WORSENING),
        (10, 14, "lower", Direction.IMPROVING),
        (16, 14, "lower", Direction.WORSENING),
        (14, 14, "lower", Direction.NO_CHANGE),
        (14, None, "higher", Direction.NOT_COMPARABLE),
        (None, 14, "higher", Direction.NOT_COMPARABLE),
        (20, 14, "none", Direction.NOT_COMPARABLE),
    ],
)
def test_direction_of_travel_is_worded_by_polarity(current, previous, polarity, expected):
    assert direction(current, previous, polarity) == expected


def test_direction_labels_read_as_words():
    labels = [d.label for d in Direction]
    assert labels == ["Improving", "Worsening", "No change", "Not comparable"]


def test_an_amber_threshold_on_the_wrong_side_of_the_target_is_explained():
    assert "must not be above the target" in amber_threshold_error(95, 97, "higher")
    assert "must not be below the target" in amber_threshold_error(15, 10, "lower")
    assert amber_threshold_error(95, 90, "higher") is None
    assert amber_threshold_error(15, 18, "lower") is None
    assert amber_threshold_error(95, None, "higher") is None


@given(numbers, numbers, numbers, numbers)
def test_for_higher_is_better_a_larger_value_never_gets_a_worse_status(one, two, target, amber):
    assume(amber <= target)
    low, high = min(one, two), max(one, two)
    assert (
        ORDER[rag_status(low, target, amber, "higher")]
        <= ORDER[rag_status(high, target, amber, "higher")]
    )


@given(numbers, numbers, numbers, numbers)
def test_for_lower_is_better_a_smaller_value_never_gets_a_worse_status(one, two, target, amber):
    assume(amber >= target)
    low, high = min(one, two), max(one, two)
    assert (
        ORDER[rag_status(high, target, amber, "lower")]
        <= ORDER[rag_status(low, target, amber, "lower")]
    )


@given(numbers, numbers, maybe)
def test_swapping_polarity_mirrors_the_rating(value, target, amber):
    negated = None if amber is None else -amber
    assert rag_status(value, target, amber, "higher") == rag_status(
        -value, -target, negated, "lower"
    )


@given(maybe, maybe, st.sampled_from(["higher", "lower", "none"]), st.booleans())
def test_a_missing_value_is_never_red(target, amber, polarity, due):
    assert rag_status(None, target, amber, polarity, due=due) in (Rag.NO_DATA, Rag.NOT_DUE)


@given(numbers, maybe, st.sampled_from(["higher", "lower", "none"]))
def test_a_value_without_a_target_is_never_red(value, amber, polarity):
    assert rag_status(value, None, amber, polarity) == Rag.NO_TARGET


@given(numbers, numbers)
def test_direction_is_reversed_by_swapping_polarity(current, previous):
    assume(current != previous)
    assert direction(current, previous, "higher") != direction(current, previous, "lower")
    assert direction(current, previous, "higher") == direction(previous, current, "lower")
