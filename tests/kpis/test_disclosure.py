"""Small numbers: public (Part 1) packs hide counts from 1 to 5 and what gives them away."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpis.disclosure import FOOTNOTE, SUPPRESSED, Shown, is_small, suppress

C = SUPPRESSED


def count(value, *, public=True):
    return suppress(
        value, unit="count", is_rate=False, numerator=None, denominator=None, public=public
    )


def rate(numerator, denominator, *, value="derive", public=True):
    if value == "derive":
        value = Decimal(numerator * 100) / denominator
    return suppress(
        value,
        unit="percent",
        is_rate=True,
        numerator=numerator,
        denominator=denominator,
        public=public,
    )


def test_the_symbol_is_c_and_the_footnote_explains_it():
    assert SUPPRESSED == "c"
    assert FOOTNOTE.startswith("c: ")
    assert "1 to 5" in FOOTNOTE


# Counts


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal(0), Decimal(0)),  # none identifies no one
        (Decimal(1), C),
        (Decimal(5), C),
        (Decimal(6), Decimal(6)),
        (Decimal(140), Decimal(140)),
        (None, None),
    ],
)
def test_a_count_from_1_to_5_is_c_in_a_public_pack(value, shown):
    assert count(value).value == shown


def test_a_suppressed_count_says_so_and_a_shown_one_does_not():
    assert count(Decimal(3)) == Shown(value=C, numerator=None, denominator=None, suppressed=True)
    assert count(Decimal(6)).suppressed is False
    assert count(Decimal(0)).suppressed is False
    assert count(None).suppressed is False


@pytest.mark.parametrize("unit", ["days", "number", "percent"])
def test_values_that_are_not_counts_are_shown_however_small(unit):
    shown = suppress(
        Decimal(3), unit=unit, is_rate=False, numerator=None, denominator=None, public=True
    )
    assert shown == Shown(value=Decimal(3), numerator=None, denominator=None, suppressed=False)


# Rates


def test_a_rate_built_on_large_counts_is_shown_in_full():
    assert rate(40, 50) == Shown(value=Decimal(80), numerator=40, denominator=50, suppressed=False)


@pytest.mark.parametrize("numerator", [1, 3, 5])
def test_a_numerator_from_1_to_5_hides_it_and_its_percentage_but_not_the_denominator(numerator):
    assert rate(numerator, 50) == Shown(value=C, numerator=C, denominator=50, suppressed=True)


@pytest.mark.parametrize(("numerator", "denominator"), [(0, 1), (1, 1), (2, 5), (5, 5), (0, 5)])
def test_a_denominator_from_1_to_5_hides_everything(numerator, denominator):
    assert rate(numerator, denominator) == Shown(
        value=C, numerator=C, denominator=C, suppressed=True
    )


@pytest.mark.parametrize(("numerator", "denominator"), [(45, 50), (49, 50), (6, 7), (10, 15)])
def test_when_the_children_left_over_are_1_to_5_the_numerator_and_percentage_are_hidden(
    numerator, denominator
):
    # 45 of 50 and 50 beside it would tell anyone that 5 children did not meet the measure.
    assert rate(numerator, denominator) == Shown(
        value=C, numerator=C, denominator=denominator, suppressed=True
    )


@pytest.mark.parametrize(
    ("numerator", "denominator"),
    [
        (0, 6),  # none of six: both the numerator and the children left over are outside 1-5
        (0, 50),
        (6, 6),  # all of six: 100% with none left over
        (50, 50),
        (6, 12),  # 6 and 6: the boundaries
        (44, 50),  # 6 left over
    ],
)
def test_zeros_and_sixes_set_nothing_off(numerator, denominator):
    assert rate(numerator, denominator).suppressed is False


def test_a_denominator_from_1_to_5_hides_everything_even_when_the_counts_do_not_add_up():
    assert rate(7, 3) == Shown(value=C, numerator=C, denominator=C, suppressed=True)


def test_a_percentage_whose_counts_were_not_recorded_is_hidden_because_it_cannot_be_checked():
    assert rate(None, None, value=Decimal(40)) == Shown(
        value=C, numerator=None, denominator=None, suppressed=True
    )
    assert rate(40, None, value=Decimal(40)) == Shown(
        value=C, numerator=40, denominator=None, suppressed=True
    )


def test_a_rate_with_no_value_stays_empty():
    assert rate(None, None, value=None) == Shown(
        value=None, numerator=None, denominator=None, suppressed=False
    )


# Part 2


@pytest.mark.parametrize(
    ("shown", "figures"),
    [
        (count(Decimal(3), public=False), (Decimal(3), None, None)),
        (rate(3, 50, public=False), (Decimal(6), 3, 50)),
        (rate(2, 4, public=False), (Decimal(50), 2, 4)),
        (rate(45, 50, public=False), (Decimal(90), 45, 50)),
        (rate(None, None, value=Decimal(40), public=False), (Decimal(40), None, None)),
    ],
)
def test_a_part_2_pack_shows_the_true_figures(shown, figures):
    assert (shown.value, shown.numerator, shown.denominator) == figures
    assert shown.suppressed is False


# Properties

counts = st.integers(min_value=0, max_value=60)


@st.composite
def rate_values(draw):
    denominator = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=60)))
    # Not only numerators up to the denominator: rows from before the checks may not add up.
    numerator = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=60)))
    if numerator is not None and denominator is not None:
        value = Decimal(numerator * 100) / denominator
    else:
        value = draw(st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=1)))
    return value, numerator, denominator


@given(rate_values())
def test_no_public_figure_is_or_is_built_on_a_count_from_1_to_5(figures):
    value, numerator, denominator = figures
    shown = suppress(
        value,
        unit="percent",
        is_rate=True,
        numerator=numerator,
        denominator=denominator,
        public=True,
    )
    assert not is_small(shown.numerator if shown.numerator != C else None)
    assert not is_small(shown.denominator if shown.denominator != C else None)
    if shown.value not in (C, None):
        assert numerator is not None and denominator is not None
        assert not is_small(numerator)
        assert not is_small(denominator)
        assert not is_small(denominator - numerator)
    assert shown.suppressed == (C in (shown.value, shown.numerator, shown.denominator))


@given(rate_values())
def test_public_figures_are_either_the_true_ones_or_c(figures):
    value, numerator, denominator = figures
    public = suppress(
        value,
        unit="percent",
        is_rate=True,
        numerator=numerator,
        denominator=denominator,
        public=True,
    )
    restricted = suppress(
        value,
        unit="percent",
        is_rate=True,
        numerator=numerator,
        denominator=denominator,
        public=False,
    )
    assert restricted == Shown(value, numerator, denominator, suppressed=False)
    for shown, true in zip(
        (public.value, public.numerator, public.denominator),
        (value, numerator, denominator),
        strict=True,
    ):
        assert shown == true or (shown == C and true is not None)


@given(counts)
def test_no_public_count_is_from_1_to_5(number):
    shown = count(Decimal(number)).value
    assert shown == C or not 1 <= shown <= 5
    assert (shown == C) == (1 <= number <= 5)
