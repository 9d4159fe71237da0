"""Helpers shared by the KPI value and return tests: making values and reading pages."""

import html
import re
from decimal import Decimal

from django.contrib.messages import get_messages
from django.utils import timezone

from kpis.models import Kpi, KpiValue, Target
from kpis.periods import Period


def live_kpi(code: str, **changes) -> Kpi:
    """A seeded KPI, made live and changed as asked (owner=..., is_rate=..., ...)."""
    kpi = Kpi.objects.get(code=code)
    changes.setdefault("status", "live")
    for name, value in changes.items():
        setattr(kpi, name, value)
    kpi.save()
    return kpi


def add_target(kpi: Kpi, year: int, target, amber=None, user=None) -> Target:
    return Target.objects.create(
        kpi=kpi,
        financial_year=year,
        target=Decimal(str(target)),
        amber_threshold=None if amber is None else Decimal(str(amber)),
        set_by=user,
        set_at=timezone.now(),
    )


def add_value(kpi: Kpi, period: str, value, status: str = "draft", by=None, **extra) -> KpiValue:
    reported = status in ("submitted", "approved")
    extra.setdefault("entered_by", by)
    extra.setdefault("figure_entered_by", extra["entered_by"])
    extra.setdefault("submitted_by", by if reported else None)
    extra.setdefault("submitted_at", timezone.now() if reported else None)
    return KpiValue.objects.create(
        kpi=kpi,
        period=Period.parse(period).first_day,
        value=None if value is None else Decimal(str(value)),
        status=status,
        **extra,
    )


def stored(code: str, period: str) -> KpiValue | None:
    return KpiValue.objects.filter(kpi__code=code, period=Period.parse(period).first_day).first()


def page(response) -> str:
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# "1 value", "2 values" or "2 value(s)": the count's wording is not what the tests pin down.
VALUES = r"values?(\(s\))?"


def the_message(response, pattern: str) -> str:
    """The one message shown after the request; it must match the pattern in full."""
    shown = messages_of(response)
    assert len(shown) == 1 and re.fullmatch(pattern, shown[0]), shown
    return shown[0]


def input_value(text: str, name: str) -> str | None:
    """The value attribute of the input with this name, unescaped; None when no such input."""
    tag = re.search(rf'<input[^>]*\bname="{re.escape(name)}"[^>]*>', text)
    if tag is None:
        return None
    value = re.search(r'\bvalue="([^"]*)"', tag[0])
    return html.unescape(value[1]) if value else ""


def textarea_text(text: str, name: str) -> str | None:
    match = re.search(
        rf'<textarea[^>]*\bname="{re.escape(name)}"[^>]*>(.*?)</textarea>', text, re.S
    )
    return html.unescape(match[1]) if match else None


def is_checked(text: str, name: str) -> bool:
    tag = re.search(rf'<input[^>]*\bname="{re.escape(name)}"[^>]*>', text)
    return bool(tag) and " checked" in tag[0]


def table_row(text: str, heading: str) -> str:
    """The table row whose row heading (th scope="row") reads `heading`."""
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", text, re.S):
        header = re.search(r'<th scope="row"[^>]*>(.*?)</th>', row, re.S)
        if header and re.sub(r"<[^>]+>", "", header[1]).strip() == heading:
            return row
    raise AssertionError(f"No table row headed {heading!r}")


def rags(fragment: str) -> list[str]:
    """The RAG labels shown as tags in a piece of a page."""
    return re.findall(r'<strong class="govuk-tag app-rag[^"]*">([^<]+)</strong>', fragment)


def cells(row: str) -> list[str]:
    """The text of each cell (td) of a table row."""
    return [
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell)).split())
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]


def section(text: str, anchor_id: str) -> str:
    """The page from the heading with this id to the next h2 heading."""
    start = text.index(f'id="{anchor_id}"')
    following = re.search(r"<h2[ >]", text[start:])
    end = start + following.start() if following else len(text)
    return text[start:end]
