from decimal import Decimal

from django import template

register = template.Library()

UNIT_SUFFIX = {"percent": "%", "days": " days"}


def plain_number(number: Decimal | int | float | None) -> int | float | None:
    """A stored Decimal as the shortest number a person would write (85.5, not 85.5000)."""
    if number is None:
        return None
    number = Decimal(number)
    if number == number.to_integral_value():
        return int(number)
    return float(number.normalize())


@register.filter
def kpi_value(number, unit: str = "") -> str:
    """A value with its unit: 85.5%, 12, 45 days. Blank values read 'No value'."""
    plain = plain_number(number)
    if plain is None:
        return "No value"
    if isinstance(plain, float):
        text = f"{plain:,.1f}" if unit == "percent" else f"{plain:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{plain:,}"
    return text + UNIT_SUFFIX.get(unit, "")
