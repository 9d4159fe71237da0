"""Checks on a value typed into a return or read from an import file, shared by both.

No database access: the caller passes the KPI and the target of the value's year.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from kpis.choices import Polarity, Unit
from kpis.rag import Rag, rag_status

PERCENT_PLACES = Decimal("0.1")
STORED_PLACES = Decimal("0.0001")
LARGEST = Decimal("1000000000")


@dataclass(frozen=True)
class Entry:
    """A checked value, ready to store."""

    value: Decimal
    numerator: int | None
    denominator: int | None
    commentary: str
    provisional: bool
    rag: Rag


# Digits 0-9 only (Python's Decimal would also read "1_5", "1e-3" and other scripts' digits),
# an optional minus, commas only between groups of three (12,5 is not read as 125), a point.
NUMBER = re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]*)(?:\.[0-9]+)?")
COMMENTARY_LIMIT = 2000


class NumberError(ValueError):
    """Text that cannot be kept as a number; the message says why, to follow "The value"."""


def parse_number(text: str | None) -> Decimal | None:
    """A typed number as it is stored (4 decimal places), or None when blank. A trailing % is
    allowed. Raises NumberError for anything else, for a number too large, and for one so
    small it would be stored as 0."""
    text = (text or "").strip()
    if text.endswith("%"):
        text = text[:-1].strip()
    if text == "":
        return None
    if not NUMBER.fullmatch(text) or not any(char in "0123456789" for char in text):
        raise NumberError("is not a number")
    number = Decimal(text.replace(",", ""))
    if abs(number) >= LARGEST:
        raise NumberError(f"must be less than {LARGEST:,}")
    stored = number.quantize(STORED_PLACES, rounding=ROUND_HALF_UP)
    if stored == 0 and number != 0:
        raise NumberError("is too small to keep: it would be stored as 0")
    return stored


def range_error(number: Decimal, unit: Unit | str) -> str | None:
    """What is wrong with a figure of this unit, to follow "The value" (or "The target"): the
    same rules for values, targets, amber thresholds and comparators."""
    if number < 0:
        return "must be 0 or more"
    if unit == Unit.PERCENT and number > 100:
        return "must be a percentage between 0 and 100"
    if unit == Unit.COUNT and number != number.to_integral_value():
        return "must be a whole number, like 12"
    return None


def _whole(text: str, name: str, errors: dict[str, str]) -> int | None:
    try:
        number = parse_number(text)
    except NumberError:
        errors[name] = f"Enter the {name} as a whole number, like 12"
        return None
    if number is None:
        return None
    if number != number.to_integral_value():
        errors[name] = f"The {name} must be a whole number, like 12"
        return None
    if number < 0:
        errors[name] = f"The {name} must be 0 or more"
        return None
    return int(number)


def plain_text(text: str) -> str:
    """Typed text as it is kept: line endings as a newline whatever sent them (browsers send
    CRLF, spreadsheets LF), and no spaces at either end."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def derived_percentage(numerator: int, denominator: int) -> Decimal:
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(
        PERCENT_PLACES, rounding=ROUND_HALF_UP
    )


def is_blank(*texts: str | None) -> bool:
    return all(not (text or "").strip() for text in texts)


def check_entry(
    *,
    unit: Unit | str,
    is_rate: bool,
    polarity: Polarity | str,
    value: str = "",
    numerator: str = "",
    denominator: str = "",
    commentary: str = "",
    provisional: bool = False,
    target: Decimal | None = None,
    amber: Decimal | None = None,
) -> tuple[Entry | None, dict[str, str]]:
    """Check what was typed for one KPI and period.

    Returns the checked entry (None when nothing was typed) and errors by field name
    ("value", "numerator", "denominator", "commentary"); when there are errors the entry is None.
    """
    errors: dict[str, str] = {}
    if is_blank(value, numerator, denominator):
        if commentary.strip():
            errors["value" if not is_rate else "numerator"] = "Enter a value for this commentary"
        return None, errors

    top = bottom = None
    if is_rate:
        top = _whole(numerator, "numerator", errors)
        bottom = _whole(denominator, "denominator", errors)
        if not errors:
            if top is None or bottom is None:
                missing = "numerator" if top is None else "denominator"
                errors[missing] = "Enter both the numerator and the denominator"
            elif bottom == 0:
                errors["denominator"] = "The denominator must be more than 0"
            elif top > bottom:
                errors["numerator"] = "The numerator must not be more than the denominator"
        if errors:
            return None, errors
        number = derived_percentage(top, bottom)
        typed = None
        try:
            typed = parse_number(value)
        except NumberError:
            errors["value"] = "Enter the value as a number, like 85.5"
        if typed is not None and abs(typed - number) > Decimal("0.05"):
            errors["value"] = (
                f"The value {typed} does not match the numerator and denominator ({number}%)"
            )
    else:
        if not is_blank(numerator, denominator):
            errors["numerator"] = "This KPI has no numerator or denominator: enter the value only"
        try:
            number = parse_number(value)
        except NumberError as error:
            if str(error) == "is not a number":
                errors["value"] = "Enter the value as a number, like 85.5"
            else:
                errors["value"] = f"The value {error}"
            return None, errors
        if number is None:
            errors["value"] = "Enter the value"
        elif problem := range_error(number, unit):
            errors["value"] = f"The value {problem}"
    if len(plain_text(commentary)) > COMMENTARY_LIMIT:
        errors["commentary"] = (
            f"The commentary must be {COMMENTARY_LIMIT:,} characters or fewer "
            f"(it has {len(plain_text(commentary)):,})"
        )
    if errors:
        return None, errors

    rag = rag_status(number, target, amber, polarity)
    if rag == Rag.RED and not commentary.strip():
        errors["commentary"] = (
            "Explain why the value is Red and what is being done: commentary is required"
        )
        return None, errors
    return Entry(
        value=number,
        numerator=top,
        denominator=bottom,
        commentary=plain_text(commentary),
        provisional=provisional,
        rag=rag,
    ), errors
