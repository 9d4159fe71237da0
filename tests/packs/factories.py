"""A small council for the pack tests: a board, its meeting, KPIs it receives (and one it does
not), approved, submitted and later values, and helpers to read what a PDF says."""

import datetime
import re
import subprocess

from django.utils import timezone

from boards.models import AgendaItem, Board, BoardMembership, Meeting, ReportingLine
from kpis.models import Kpi, KpiValue
from packs.models import PackVersion
from tests.kpis.pages import add_target, add_value
from wokingham_cs import private_files

# Tuesday 8 December 2026: five clear days make the papers deadline Monday 30 November, so
# the cut-off is October 2026.
MEETING_DAY = datetime.date(2026, 12, 8)
RED_COMMENTARY = (
    "Two social workers left the east team in September; agency cover starts in November and "
    "every overdue visit is reviewed weekly by the service manager."
)


def make_board(slug: str = "cpb", *, public: bool = False, **fields) -> Board:
    return Board.objects.create(
        slug=slug,
        short_name=fields.pop("short_name", slug.upper()),
        name=fields.pop("name", "Corporate Parenting Board" if slug == "cpb" else f"{slug} board"),
        nature=Board.Nature.COMMITTEE if public else Board.Nature.INTERNAL,
        meets_in_public=public,
        **fields,
    )


def make_meeting(
    board: Board, day: datetime.date = MEETING_DAY, *, part: str = AgendaItem.Part.ONE, **fields
) -> Meeting:
    meeting = Meeting.objects.create(board=board, date=day, venue="Shute End", **fields)
    AgendaItem.objects.create(
        meeting=meeting,
        number=1,
        title="Performance report",
        part=part,
        exempt_paragraph=2 if part == AgendaItem.Part.TWO else None,
        is_performance_report=True,
    )
    return meeting


def fetched(meeting: Meeting) -> Meeting:
    """The meeting as the views fetch it: with its board and agenda."""
    return (
        Meeting.objects.select_related("board").prefetch_related("agenda_items").get(pk=meeting.pk)
    )


def make_kpi(code: str, title: str, **fields) -> Kpi:
    fields.setdefault("status", "live")
    return Kpi.objects.create(code=code, title=title, **fields)


def receives(board: Board, *kpis: Kpi) -> None:
    ReportingLine.objects.bulk_create(ReportingLine(board=board, kpi=kpi) for kpi in kpis)


def approved(kpi: Kpi, period: str, value, *, by, approver, **extra) -> KpiValue:
    return add_value(
        kpi,
        period,
        value,
        "approved",
        by=by,
        approved_by=approver,
        approved_at=timezone.now(),
        **extra,
    )


def member_of(board: Board, user, *, subscribed: bool = True) -> BoardMembership:
    return BoardMembership.objects.create(board=board, user=user, subscribed=subscribed)


def build_council(officer, manager) -> dict:
    """The Corporate Parenting Board and what it receives, with one of each case the pack
    must get right. Returns the board, its meeting and the KPIs by name."""
    board = make_board("cpb")
    meeting = make_meeting(board)
    kpis = {
        "visits": make_kpi("CIC-VISITS", "Children in care visited on time", polarity="higher"),
        "pep": make_kpi("PEP", "Children in care with a recent PEP", polarity="higher"),
        "moves": make_kpi(
            "PLACEMENT-MOVES",
            "Children in care with 3 or more placements in the year",
            unit="percent",
            is_rate=True,
            polarity="lower",
        ),
        "missing": make_kpi(
            "MISSING-EPISODES", "Children missing from care", unit="count", polarity="lower"
        ),
        "leavers": make_kpi("CARE-LEAVERS-EET", "Care leavers in work or training"),
        "elsewhere": make_kpi("WF-AGENCY", "Agency social workers", polarity="lower"),
    }
    receives(board, *(kpi for name, kpi in kpis.items() if name != "elsewhere"))
    for name in ("visits", "pep"):
        add_target(kpis[name], 2026, 90, 85)
    add_target(kpis["leavers"], 2026, 60, 55)
    add_target(kpis["moves"], 2026, 12, 15)
    add_target(kpis["elsewhere"], 2026, 15, 18)

    def ok(name, period, value, **extra):
        return approved(kpis[name], period, value, by=officer, approver=manager, **extra)

    ok("visits", "2026-09", "91.0")
    ok("visits", "2026-10", "78.5", commentary=RED_COMMENTARY)
    # After the cut-off: never in a pack for this meeting.
    ok("visits", "2026-11", "99.5")
    ok("pep", "2026-10", "96.5")
    # 4 of 58: a small numerator, hidden in Part 1 with its percentage.
    ok("moves", "2026-10", "6.9", numerator=4, denominator=58)
    ok("missing", "2026-10", 3)
    ok("leavers", "2026-09", "64.5")
    add_value(kpis["leavers"], "2026-10", "71.0", "submitted", by=officer)
    ok("elsewhere", "2026-10", "17.5")
    return {"board": board, "meeting": meeting, "kpis": kpis}


def publish_bytes(meeting, number: int, part: str, content: bytes) -> PackVersion:
    """A published version with the given bytes: what is served is the stored file, whatever
    it holds (the PDF itself is tested elsewhere)."""
    digest, name = private_files.store(content, folder="packs")
    return PackVersion.objects.create(
        meeting=meeting,
        number=number,
        sha256=digest,
        size=len(content),
        file_name=name,
        part=part,
        classification="OFFICIAL" if part == "1" else "OFFICIAL-SENSITIVE",
        cut_off=datetime.date(2026, 10, 1),
        publisher_name="Officer Tester",
        published_at=timezone.now(),
        reason="" if number == 1 else "Corrected",
    )


def pdf_text(content: bytes) -> str:
    """The PDF's text layer as pdftotext reads it, laid out as on the page (a table row on a
    line), runs of spaces made one."""
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return re.sub(r"[ \t]+", " ", text)


def line_with(text: str, *words: str) -> str:
    """The one line of the text holding all these words, in order."""
    pattern = re.compile(".*".join(rf"(?<!\w){re.escape(word)}(?!\w)" for word in words))
    lines = [line.strip() for line in text.splitlines() if pattern.search(line)]
    assert len(lines) == 1, (words, lines)
    return lines[0]


def between(text: str, start: str, end: str | None = None) -> str:
    """The text from the first `start` to the following `end` (or the end)."""
    begin = text.index(start)
    if end is None:
        return text[begin:]
    return text[begin : text.index(end, begin + len(start))]
