"""Numbers as people read and type them. Plain text, no HTML: pages, exports and packs share it."""

from decimal import Decimal

from kpis.choices import Unit

UNIT_SUFFIX = {Unit.PERCENT: "%", Unit.DAYS: " days"}


def plain_number(number: Decimal | int | float | None) -> int | float | None:
    """A stored Decimal as the shortest number a person would write (85.5, not 85.5000)."""
    if number is None:
        return None
    number = Decimal(number)
    if number == number.to_integral_value():
        return int(number)
    return float(number.normalize())


def kpi_value(number: Decimal | int | float | None, unit: Unit | str = "") -> str:
    """A value with its unit: 85.5%, 12, 45 days. Blank values read 'No value'."""
    plain = plain_number(number)
    if plain is None:
        return "No value"
    if isinstance(plain, float):
        text = f"{plain:,.1f}" if unit == Unit.PERCENT else f"{plain:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{plain:,}"
    return text + UNIT_SUFFIX.get(unit, "")
