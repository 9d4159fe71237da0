"""The checks on a typed or imported value, shared by the return form and the import."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpis.rag import Rag
from kpis.validation import check_entry

PERCENT = {"unit": "percent", "is_rate": False, "polarity": "higher"}
COUNT = {"unit": "count", "is_rate": False, "polarity": "none"}
RATE = {"unit": "percent", "is_rate": True, "polarity": "lower"}


@pytest.mark.parametrize(
    ("kind", "typed", "field", "message"),
    [
        (PERCENT, {"value": "abc"}, "value", "Enter the value as a number"),
        (PERCENT, {"value": "NaN"}, "value", "Enter the value as a number"),
        (PERCENT, {"value": "100.1"}, "value", "a percentage between 0 and 100"),
        (PERCENT, {"value": "-1"}, "value", "0 or more"),
        (COUNT, {"value": "3.5"}, "value", "whole number"),
        (COUNT, {"value": "-2"}, "value", "0 or more"),
        (COUNT, {"value": "", "commentary": "Why"}, "value", "Enter a value for this commentary"),
        (PERCENT, {"numerator": "3", "value": "5"}, "numerator", "no numerator or denominator"),
        (RATE, {"numerator": "41", "denominator": "40"}, "numerator", "must not be more than"),
        (RATE, {"numerator": "4", "denominator": "0"}, "denominator", "more than 0"),
        (RATE, {"numerator": "4"}, "denominator", "Enter both the numerator and the denominator"),
        (RATE, {"numerator": "4.5", "denominator": "10"}, "numerator", "whole number"),
        (RATE, {"numerator": "x", "denominator": "10"}, "numerator", "whole number"),
        (RATE, {"numerator": "-1", "denominator": "10"}, "numerator", "0 or more"),
        (RATE, {"numerator": "1", "denominator": "4", "value": "30"}, "value", "does not match"),
    ],
)
def test_bad_figures_are_refused_with_a_message_on_the_right_field(kind, typed, field, message):
    entry, errors = check_entry(**kind, **typed)
    assert entry is None
    assert message in errors[field]


def test_nothing_typed_is_not_an_error_and_saves_nothing():
    assert check_entry(**PERCENT) == (None, {})


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("85.5", "85.5"), (" 85.5% ", "85.5"), ("1,234", "1234"), ("0", "0"), ("100", "100")],
)
def test_numbers_are_read_as_people_type_them(typed, stored):
    entry, errors = check_entry(**{**PERCENT, "unit": "number"}, value=typed)
    assert errors == {}
    assert entry.value == Decimal(stored)


def test_a_rate_is_worked_out_from_its_numerator_and_denominator():
    entry, errors = check_entry(**RATE, numerator="12", denominator="40")
    assert errors == {}
    assert (entry.numerator, entry.denominator, entry.value) == (12, 40, Decimal("30.0"))
    entry, _ = check_entry(**RATE, numerator="1", denominator="3", value="33.3")
    assert entry.value == Decimal("33.3")


def test_a_red_value_needs_commentary_and_is_accepted_with_it():
    target = {"target": Decimal(95), "amber": Decimal(90)}
    entry, errors = check_entry(**PERCENT, value="80", **target)
    assert entry is None and "commentary is required" in errors["commentary"]
    entry, errors = check_entry(**PERCENT, value="80", commentary=" Staff absence ", **target)
    assert errors == {}
    assert (entry.rag, entry.commentary) == (Rag.RED, "Staff absence")
    entry, errors = check_entry(**PERCENT, value="91", **target)
    assert errors == {} and entry.rag == Rag.AMBER


@given(st.integers(min_value=0, max_value=100_000), st.integers(min_value=1, max_value=100_000))
def test_any_numerator_up_to_its_denominator_gives_a_percentage_from_0_to_100(top, bottom):
    top = min(top, bottom)
    entry, errors = check_entry(
        **{**RATE, "polarity": "none"}, numerator=str(top), denominator=str(bottom)
    )
    assert errors == {}
    assert Decimal(0) <= entry.value <= Decimal(100)
    assert abs(entry.value - Decimal(top) * 100 / Decimal(bottom)) <= Decimal("0.05")


@given(st.decimals(min_value=0, max_value=100, places=2, allow_nan=False))
def test_any_percentage_from_0_to_100_is_accepted_and_stored_exactly(number):
    entry, errors = check_entry(**{**PERCENT, "polarity": "none"}, value=str(number))
    assert errors == {}
    assert entry.value == number


@given(st.decimals(min_value=-10_000, max_value=10_000, places=3, allow_nan=False))
def test_a_count_is_accepted_only_when_whole_and_not_negative(number):
    entry, errors = check_entry(**COUNT, value=str(number))
    ok = number >= 0 and number == number.to_integral_value()
    assert (entry is not None) == ok
    assert bool(errors) == (not ok)


def test_a_comma_is_read_only_as_a_thousands_separator():
    entry, errors = check_entry(unit="days", is_rate=False, polarity="lower", value="12,5")
    assert entry is None
    assert errors == {"value": "Enter the value as a number, like 85.5"}
    entry, errors = check_entry(unit="days", is_rate=False, polarity="lower", value="1,250")
    assert (entry.value, errors) == (1250, {})
