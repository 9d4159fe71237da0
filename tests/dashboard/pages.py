"""Reading the dashboards as a person does: the rows of a section, the cells of a count table,
an area of the readiness page. Text is what a screen reader announces: tags removed, parts
hidden from assistive technology (arrows, sparklines) left out."""

import html
import re
from dataclasses import dataclass, field

from tests.kpis.pages import section

HIDDEN = re.compile(r'<(span|svg)\b[^>]*aria-hidden="true"[^>]*>.*?</\1>', re.S)


def text(fragment: str) -> str:
    """Tags count as spaces (a cell's parts are separate words), but not before punctuation."""
    shown = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", HIDDEN.sub("", fragment))).split())
    return re.sub(r" ([:,.;)])", r"\1", shown)


def items(fragment: str) -> list[str]:
    """The text of each list item."""
    return [text(item) for item in re.findall(r"<li[^>]*>(.*?)</li>", fragment, re.S)]


def links(fragment: str) -> list[str]:
    return [text(link) for link in re.findall(r"<a [^>]*>(.*?)</a>", fragment, re.S)]


def table_rows(fragment: str) -> list[list[str]]:
    """The cells (td) of each row of a table's body."""
    body = re.search(r"<tbody[^>]*>(.*?)</tbody>", fragment, re.S)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body[1] if body else "", re.S)
    return [[text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in rows]


# The home page.


def red_kpis(page: str) -> list[list[str]]:
    """Rows of the Red KPIs table: KPI, latest, target, why, owner."""
    return table_rows(section(page, "red"))


def changed(page: str) -> list[str]:
    """The "Changed since the previous period" list."""
    return items(section(page, "moved"))


def overdue(page: str) -> list[str]:
    return items(section(page, "overdue"))


def proposed(page: str) -> list[str]:
    return items(section(page, "proposed"))


def count_table(page: str, caption: str) -> str:
    match = re.search(
        rf"<table[^>]*>\s*<caption[^>]*>{re.escape(caption)}</caption>(.*?)</table>", page, re.S
    )
    assert match, f"No table captioned {caption!r}"
    return match[1]


GAP = "no KPI"


def rag_counts(page: str, caption: str) -> dict[str, dict[str, tuple[int, int]] | str]:
    """{group: {RAG column: (now, previous period)}} from a RAG count table; GAP for a group
    the table shows as having no live KPI."""
    table = count_table(page, caption)
    columns = [text(th) for th in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', table, re.S)]
    counts = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S):
        heading = re.search(r'<th scope="row"[^>]*>(.*?)</th>', row, re.S)
        if not heading:
            continue
        cells = [text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        if len(cells) == 1 and re.match(r"No \w+ KPI", cells[0]):
            counts[text(heading[1])] = GAP
            continue
        pairs = [re.fullmatch(r"(\d+) was (\d+)", cell) for cell in cells]
        assert all(pairs), cells
        counts[text(heading[1])] = {
            column: (int(pair[1]), int(pair[2]))
            for column, pair in zip(columns[1:], pairs, strict=True)
        }
    return counts


def count_links(page: str, caption: str) -> dict[str, str]:
    """{accessible name of a count's link: its href}."""
    return {
        html.unescape(label): html.unescape(href)
        for href, label in re.findall(
            r'<a [^>]*href="([^"]*)"[^>]*aria-label="([^"]*)"', count_table(page, caption)
        )
    }


# The readiness page.


@dataclass
class FindingBlock:
    heading: str
    text: str
    kpis: list[tuple[str, str, str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class AreaBlock:
    summary: str
    findings: list[FindingBlock]
    recommendations: list[str]


def area_sections(page: str) -> dict[str, str]:
    """The sections named by their own heading (each judgement area), by that heading, in page
    order."""
    sections = {}
    pattern = r'<section[^>]*aria-labelledby="([^"]+)"[^>]*>(.*?)</section>'
    for heading_id, body in re.findall(pattern, page, re.S):
        heading = re.search(rf'<h2[^>]*id="{re.escape(heading_id)}"[^>]*>(.*?)</h2>', body, re.S)
        sections[text(heading[1])] = body
    return sections


def readiness_areas(page: str) -> dict[str, AreaBlock]:
    """Each judgement area: its summary line, its findings (heading, text, KPI rows as (KPI,
    latest, RAG, trend), other lines) and its open recommendations."""
    areas = {}
    for name, body in area_sections(page).items():
        summary = re.search(r"</h2>\s*<p[^>]*>(.*?)</p>", body, re.S)
        findings, recommendations = [], []
        for part in re.split(r"(?=<h3)", body)[1:]:
            heading = text(re.match(r"<h3[^>]*>(.*?)</h3>", part, re.S)[1])
            if heading == "Open recommendations":
                recommendations = items(part)
                continue
            paragraphs = [text(p) for p in re.findall(r"<p[^>]*>(.*?)</p>", part, re.S)]
            kpis = [
                (link, latest, rag, trend)
                for (first, latest, rag, trend) in table_rows_raw(part)
                for link in links(first)[:1]
            ]
            findings.append(FindingBlock(heading, paragraphs[0], kpis, paragraphs[1:]))
        areas[name] = AreaBlock(text(summary[1]), findings, recommendations)
    return areas


def table_rows_raw(fragment: str) -> list[tuple[str, str, str, str]]:
    """A finding's KPI rows: the first cell as HTML (its link names the KPI), the rest as text."""
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", fragment, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        if cells:
            first, *rest = cells
            rows.append((first, *(text(cell) for cell in rest)))
    return rows


def contents(page: str) -> list[str]:
    """The readiness page's contents list: each area with its summary."""
    nav = re.search(r"<nav[^>]*Judgement areas[^>]*>(.*?)</nav>", page, re.S)
    return items(nav[1]) if nav else []
