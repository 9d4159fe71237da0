"""Demo meetings: a year of meetings for every board, about six months back and six ahead, and
the demo member on two boards.

Create-only and idempotent, like the rest of load_demo: a meeting is made only where its board
has none on that date, memberships only where missing, so a second run on the same day changes
nothing and nothing anyone has edited is overwritten. Every meeting made here is is_demo. Papers
are not published here (the packs app publishes the demo packs).

**Cadence**, from what each board receives (its reporting lines' stated frequencies):
- a board that receives anything monthly (or weekly) meets monthly;
- otherwise a council committee meets every two months, as committees' calendars usually run;
- otherwise (quarterly, termly, twice-yearly, annual or nothing stated) it meets quarterly.

**Dates**: in each month it meets, a board meets on its own weekday (Monday to Thursday, taken
in turn by board, so boards do not all meet on the same day) of the third week, moved to the
next working day if that is a bank holiday. Boards that meet every two months or quarterly
start in different months for the same reason. Committees meet at 7pm in the Council Chamber,
as councillors' meetings usually do; internal boards at 10am and partnerships at 2pm.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from boards.models import AgendaItem, Board, BoardMembership, Meeting
from kpis.choices import Frequency
from wokingham_cs.working_days import is_working_day

MONTHS_EACH_WAY = 6
WINDOW = datetime.timedelta(days=183)
MEMBER_BOARDS = ("cpb", "cs-os")
PART_2_BOARD = "cpb"

VENUES = {
    Board.Nature.COMMITTEE: ("Council Chamber, Shute End, Wokingham", datetime.time(19, 0)),
    Board.Nature.INTERNAL: ("Meeting room 1, Shute End, Wokingham", datetime.time(10, 0)),
    Board.Nature.PARTNERSHIP: ("Online (Microsoft Teams)", datetime.time(14, 0)),
}
MONTHLY = {Frequency.MONTHLY, Frequency.WEEKLY}


def cadence_months(board: Board, frequencies: set[str]) -> int:
    """How many months apart the board meets (see the module's docstring)."""
    if frequencies & MONTHLY:
        return 1
    if board.nature == Board.Nature.COMMITTEE:
        return 2
    return 3


def meeting_dates(*, every: int, turn: int, today: datetime.date) -> list[datetime.date]:
    """The dates within about six months either side of today of a board that meets every
    `every` months, on the weekday and starting month given by `turn` (its place among the
    boards)."""
    weekday = turn % 4
    dates = []
    first = today.year * 12 + today.month - 1 - MONTHS_EACH_WAY
    for index in range(first, first + 2 * MONTHS_EACH_WAY + 1):
        if (index - turn) % every:
            continue
        year, month = divmod(index, 12)
        day = datetime.date(year, month + 1, 15)
        day += datetime.timedelta(days=(weekday - day.weekday()) % 7)
        while not is_working_day(day):
            day += datetime.timedelta(days=1)
        if abs(day - today) <= WINDOW:
            dates.append(day)
    return dates


def _agenda(board: Board, *, exempt_item: bool) -> list[AgendaItem]:
    items = [
        AgendaItem(number=1, title="Apologies for absence and declarations of interest"),
        AgendaItem(number=2, title="Minutes of the previous meeting"),
        AgendaItem(
            number=3, title=f"{board.short_name} performance report", is_performance_report=True
        ),
        AgendaItem(number=4, title="Forward plan"),
    ]
    if exempt_item:
        items.append(
            AgendaItem(
                number=5,
                title="Placement decisions for individual children in care",
                part=AgendaItem.Part.TWO,
                exempt_paragraph=1,
            )
        )
    return items


@transaction.atomic
def load_demo_meetings(*, today: datetime.date, member: AbstractBaseUser | None) -> dict:
    """Make the demo meetings and memberships (see the module's docstring); return how many of
    each were made."""
    boards = list(Board.objects.order_by("slug").prefetch_related("reporting_lines"))
    existing = set(Meeting.objects.values_list("board_id", "date"))
    made = {"meetings": 0, "memberships": 0}
    for turn, board in enumerate(boards):
        frequencies = {line.frequency for line in board.reporting_lines.all()}
        venue, starts_at = VENUES[board.nature]
        dates = meeting_dates(every=cadence_months(board, frequencies), turn=turn, today=today)
        next_date = min((day for day in dates if day >= today), default=None)
        for day in dates:
            if (board.pk, day) in existing:
                continue
            meeting = Meeting.objects.create(
                board=board, date=day, starts_at=starts_at, venue=venue, is_demo=True
            )
            # One meeting of the corporate parenting board, the next one, also takes an item
            # in private, so Part 2 shows on its agenda.
            exempt_item = board.slug == PART_2_BOARD and day == next_date
            items = _agenda(board, exempt_item=exempt_item)
            for item in items:
                item.meeting = meeting
            AgendaItem.objects.bulk_create(items)
            made["meetings"] += 1
    if member is not None:
        for board in boards:
            if board.slug in MEMBER_BOARDS:
                _, created = BoardMembership.objects.get_or_create(
                    board=board, user=member, defaults={"subscribed": True}
                )
                made["memberships"] += created
    return made
