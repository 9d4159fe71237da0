"""Checks on a value typed into a return or read from an import file, shared by both.

No database access: the caller passes the KPI and the target of the value's year.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

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


THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?%?$")


def _number(text: str) -> Decimal | None:
    text = (text or "").strip()
    if "," in text:
        # A comma only as a thousands separator (1,234): "12,5" is not read as 125.
        if not THOUSANDS.match(text):
            raise ValueError
        text = text.replace(",", "")
    if text.endswith("%"):
        text = text[:-1].strip()
    if text == "":
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError from None
    if not number.is_finite() or abs(number) >= LARGEST:
        raise ValueError
    return number.quantize(STORED_PLACES, rounding=ROUND_HALF_UP)


def _whole(text: str, name: str, errors: dict[str, str]) -> int | None:
    try:
        number = _number(text)
    except ValueError:
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
            typed = _number(value)
        except ValueError:
            errors["value"] = "Enter the value as a number, like 85.5"
        if typed is not None and abs(typed - number) > Decimal("0.05"):
            errors["value"] = (
                f"The value {typed} does not match the numerator and denominator ({number}%)"
            )
    else:
        if not is_blank(numerator, denominator):
            errors["numerator"] = "This KPI has no numerator or denominator: enter the value only"
        try:
            number = _number(value)
        except ValueError:
            errors["value"] = "Enter the value as a number, like 85.5"
            return None, errors
        if number is None:
            errors["value"] = "Enter the value"
        elif number < 0:
            errors["value"] = "The value must be 0 or more"
        elif unit == Unit.PERCENT and number > 100:
            errors["value"] = "The value must be a percentage between 0 and 100"
        elif unit == Unit.COUNT and number != number.to_integral_value():
            errors["value"] = "The value must be a whole number, like 12"
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
