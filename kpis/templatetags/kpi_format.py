from decimal import Decimal
from html import escape

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

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


# Status tags as template tags rather than {% include %}: long lists show hundreds of them, and
# an include costs a template render each time. The word is always shown; colour only adds to it.
RAG_TAG_CLASSES = {
    "green": "govuk-tag--green",
    "amber": "govuk-tag--orange",
    "red": "govuk-tag--red",
    "not-due": "govuk-tag--blue",
}
STATUS_TAG_CLASSES = {
    "live": "govuk-tag--green",
    "proposed": "govuk-tag--yellow",
    "agreed": "govuk-tag--blue",
}
DIRECTION_ARROWS = {"improving": "↑ ", "worsening": "↓ ", "no-change": "→ "}


def rag_html(rag) -> str:
    """A RAG status as a GOV.UK tag (WCAG 1.4.1: the word, not only the colour). The classes
    and labels are fixed strings of ours, so nothing here needs escaping."""
    css = RAG_TAG_CLASSES.get(rag.value, "govuk-tag--grey")
    return f'<strong class="govuk-tag app-rag {css}">{rag.label}</strong>'


def kpi_status_html(status: str, label: str) -> str:
    css = STATUS_TAG_CLASSES.get(status, "govuk-tag--grey")
    return f'<strong class="govuk-tag {css}">{escape(label)}</strong>'


@register.simple_tag
def rag_tag(rag) -> SafeString:
    return mark_safe(rag_html(rag))


@register.simple_tag
def kpi_status_tag(status: str, label: str) -> SafeString:
    return mark_safe(kpi_status_html(status, label))


@register.simple_tag
def direction_tag(direction) -> str:
    arrow = DIRECTION_ARROWS.get(direction.value, "")
    if not arrow:
        return format_html('<span class="app-direction">{}</span>', direction.label)
    return format_html(
        '<span class="app-direction"><span aria-hidden="true">{}</span>{}</span>',
        arrow,
        direction.label,
    )
