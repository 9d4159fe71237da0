"""The boards app's own pages: the boards, the papers timeliness report, a member's own boards,
and adding and changing meetings; and the board page's own parts (board_page_context). The board
page itself is composed above boards, where the recommendations it leads can be read too
(recommendations.board_views), and the meeting page with its report pack in packs.views."""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models.functions import Lower
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import roles
from boards.deadlines import Timeliness
from boards.forms import BaseAgendaFormSet, MeetingForm, agenda_formset, date_taken_message
from boards.models import Board, BoardMembership, Meeting, sees_every_paper
from boards.services import MeetingChanged, save_meeting
from boards.timeliness import COUNTED, TimelinessYear, timeliness_by_year
from kpis.choices import KpiStatus, Status
from kpis.models import Kpi
from kpis.scorecard import score_rows
from wokingham_cs.exports import tabular_response

# A board page shows approved figures only, whoever reads it: a submitted value may change.
APPROVED_ONLY = (Status.APPROVED,)
NEXT_MEETINGS = 3


def _today() -> datetime.date:
    return timezone.localdate()


def can_manage_meetings(user) -> bool:
    """Officers and managers arrange meetings and their papers."""
    return sees_every_paper(user)


def can_see_timeliness(user) -> bool:
    """The report counts meetings by how their papers came out and shows no papers: officers
    and managers, who publish them, and members, who hold them to account, may see it."""
    return any(roles.has_role(user, role) for role in (roles.OFFICER, roles.MANAGER, roles.MEMBER))


@dataclass(frozen=True)
class MeetingRow:
    """A meeting in a list, with its papers deadline and how its papers stand today."""

    meeting: Meeting
    timeliness: Timeliness

    @property
    def deadline(self) -> datetime.date:
        return self.meeting.papers_deadline


def _rows(meetings, today: datetime.date) -> list[MeetingRow]:
    return [MeetingRow(meeting, meeting.papers_timeliness(today)) for meeting in meetings]


def board_list(request: HttpRequest) -> HttpResponse:
    boards = Board.objects.with_counts().with_next_meeting(request.user, _today()).by_full_name()
    return render(
        request,
        "boards/list.html",
        {
            "boards": boards,
            "can_see_timeliness": can_see_timeliness(request.user),
            "has_role": roles.has_any_role(request.user),
        },
    )


def get_board(slug: str) -> Board:
    return get_object_or_404(Board.objects.select_related("chair"), slug=slug)


def board_page_context(request: HttpRequest, board: Board) -> dict:
    """The board page's own parts: the board, its current figures, its meetings (those this
    person may open) and what it receives. templates/boards/detail.html shows them and has a
    block, `related`, which the page composed above boards fills."""
    today = _today()
    lines = board.reporting_lines.for_board_page()
    kpis = list(
        Kpi.objects.filter(pk__in=board.reporting_lines.kpi_ids())
        .exclude(status=KpiStatus.RETIRED)
        .with_latest(statuses=APPROVED_ONLY)
        .order_by("code")
    )
    # Only meetings whose page this person may open: a list must not hint at restricted papers.
    meetings = _rows(
        Meeting.objects.filter(board=board)
        .papers_visible_to(request.user)
        .for_lists()
        .order_by("date"),
        today,
    )
    upcoming = [row for row in meetings if row.meeting.date >= today]
    return {
        "board": board,
        "kpi_lines": [line for line in lines if line.kpi_id],
        "monitoring_lines": [line for line in lines if line.monitoring_id],
        # KPIs with an approved figure first, then those still waiting for one.
        "figures": sorted(
            score_rows(kpis, statuses=APPROVED_ONLY), key=lambda row: row.period is None
        ),
        "members": board.memberships.select_related("user").order_by(
            "user__last_name", "user__first_name", "user__username"
        ),
        "next_meeting": upcoming[0] if upcoming else None,
        "upcoming": upcoming,
        "past": [row for row in reversed(meetings) if row.meeting.date < today],
        "can_manage_meetings": can_manage_meetings(request.user),
    }


def _timeliness_years() -> list[TimelinessYear]:
    """Every meeting counts, whoever asks: the report gives numbers, not meetings or papers."""
    meetings = Meeting.objects.for_lists().order_by(Lower("board__name"), "date")
    today = _today()
    return timeliness_by_year(
        (meeting.board, meeting.date, meeting.papers_timeliness(today)) for meeting in meetings
    )


def timeliness(request: HttpRequest) -> HttpResponse:
    if not can_see_timeliness(request.user):
        raise PermissionDenied
    return render(
        request,
        "boards/timeliness.html",
        {"years": _timeliness_years(), "outcomes": [outcome.label for outcome in COUNTED]},
    )


def timeliness_export(request: HttpRequest, file_format: str) -> HttpResponse:
    if not can_see_timeliness(request.user):
        raise PermissionDenied
    rows = []
    for year in _timeliness_years():
        for row in [*year.rows, year.total]:
            board = row.board.name if row.board else "All boards"
            rows.append([year.label, board, *row.cells, row.total, row.on_time_percent])
    return tabular_response(
        columns=[
            "Municipal year",
            "Board",
            *(outcome.label for outcome in COUNTED),
            "Meetings counted",
            "On time (%)",
        ],
        rows=rows,
        filename="papers-timeliness",
        file_format=file_format,
        title="Papers timeliness",
    )


@dataclass(frozen=True)
class MyBoard:
    membership: BoardMembership
    meetings: list[MeetingRow]


def mine(request: HttpRequest) -> HttpResponse:
    """The boards I sit on, their next meetings and papers, and my email subscriptions."""
    if not roles.has_any_role(request.user):
        raise PermissionDenied
    today = _today()
    memberships = list(BoardMembership.objects.of(request.user))
    upcoming: dict[int, list[MeetingRow]] = {m.board_id: [] for m in memberships}
    meetings = (
        Meeting.objects.filter(board__in=upcoming, date__gte=today)
        .papers_visible_to(request.user)
        .for_lists()
        .order_by("date")
    )
    for row in _rows(meetings, today):
        if len(upcoming[row.meeting.board_id]) < NEXT_MEETINGS:
            upcoming[row.meeting.board_id].append(row)
    return render(
        request,
        "boards/mine.html",
        {"boards": [MyBoard(m, upcoming[m.board_id]) for m in memberships]},
    )


@require_POST
def subscription(request: HttpRequest, slug: str) -> HttpResponse:
    """Turn on or off the emails a member gets when the board's papers are published."""
    if not roles.has_any_role(request.user):
        raise PermissionDenied
    membership = get_object_or_404(BoardMembership.objects.of(request.user), board__slug=slug)
    membership.subscribed = request.POST.get("subscribed") == "yes"
    membership.save(update_fields=["subscribed"])
    board = membership.board.name
    if membership.subscribed:
        messages.success(request, f"You will be emailed when the {board} publishes papers.")
    else:
        messages.success(
            request, f"You will no longer be emailed when the {board} publishes papers."
        )
    return redirect(f"{reverse('boards:mine')}#board-{slug}")


def _require_meeting_manager(request: HttpRequest) -> None:
    if not can_manage_meetings(request.user):
        raise PermissionDenied


def meeting_new(request: HttpRequest, slug: str) -> HttpResponse:
    _require_meeting_manager(request)
    board = get_object_or_404(Board, slug=slug)
    return _meeting_form(request, Meeting(board=board), empty_rows=5)


def meeting_edit(request: HttpRequest, slug: str, date: datetime.date) -> HttpResponse:
    _require_meeting_manager(request)
    meetings = (
        Meeting.objects.select_related("board")
        .prefetch_related("agenda_items")
        .filter(board__slug=slug)
    )
    # A save is for the meeting the form was opened for, named by its id: someone may have
    # moved it to another date since, or put another meeting on this date (which must not be
    # overwritten). The version check in save_meeting then finds any change meanwhile.
    opened_for = request.POST.get("meeting") if request.method == "POST" else None
    if opened_for is None:
        meeting = meetings.filter(date=date).first()
    elif opened_for.isascii() and opened_for.isdigit() and int(opened_for) < 2**63:
        meeting = meetings.filter(pk=int(opened_for)).first()
    else:
        meeting = None
    if meeting is None:
        raise Http404("No such meeting")
    return _meeting_form(request, meeting, empty_rows=2)


def _meeting_form(request: HttpRequest, meeting: Meeting, *, empty_rows: int) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = MeetingForm(data, meeting=meeting)
    agenda = agenda_formset(data, meeting=meeting, empty_rows=empty_rows)
    saved_by_someone_else = None
    if data is not None and all([form.is_valid(), agenda.is_valid()]):
        was_new = meeting.pk is None
        try:
            saved = save_meeting(
                meeting=meeting,
                date=form.cleaned_data["date"],
                starts_at=form.cleaned_data["starts_at"],
                venue=form.cleaned_data["venue"],
                agenda=agenda.items(),
                by=request.user,
                seen_version=form.cleaned_data["version"],
            )
        except MeetingChanged as changed:
            saved_by_someone_else = _as_saved(changed.current)
            form.move_on_to(changed.current.version)
        except ValidationError as refused:
            # Its papers were published as this was saved: the date stays (Meeting.clean).
            meeting.refresh_from_db()
            form.add_error("date", refused.messages)
        except IntegrityError:
            day = form.cleaned_data["date"]
            if was_new:
                meeting.pk = None
            else:
                meeting.refresh_from_db()
            # Someone else added a meeting on that date since the form was checked; anything
            # else the database refused is a fault of ours, not a message for the person.
            if (
                not Meeting.objects.filter(board=meeting.board, date=day)
                .exclude(pk=meeting.pk)
                .exists()
            ):
                raise
            form.add_error("date", date_taken_message(meeting.board, day))
        else:
            action = "added" if was_new else "saved"
            messages.success(request, f"Meeting on {saved.date_label} {action}.")
            return redirect(saved)
    return render(
        request,
        "boards/meeting_form.html",
        {
            "board": meeting.board,
            "meeting": meeting,
            "form": form,
            "agenda": agenda,
            "error_links": _error_links(form, agenda),
            "saved_by_someone_else": saved_by_someone_else,
            "saved_by_name": _name_of(saved_by_someone_else.updated_by)
            if saved_by_someone_else
            else "",
        },
    )


def _name_of(user) -> str:
    if user is None:
        return "Someone else"
    return user.get_full_name() or user.username


def _as_saved(meeting: Meeting) -> Meeting:
    """The meeting as someone else has just saved it, with who saved it and its agenda."""
    return (
        Meeting.objects.select_related("board", "updated_by")
        .prefetch_related("agenda_items")
        .get(pk=meeting.pk)
    )


def _error_links(form: MeetingForm, agenda: BaseAgendaFormSet) -> list[tuple[str, str]]:
    """(id, message) for the error summary, each linking to the box to correct."""
    if not form.is_bound:
        return []
    links = [
        (_first_box(form[name]), error) for name, errors in form.errors.items() for error in errors
    ]
    links += [("agenda", error) for error in agenda.non_form_errors()]
    for row, item in enumerate(agenda.forms, start=1):
        if agenda._should_delete_form(item):
            continue
        for name, errors in item.errors.items():
            links += [(_first_box(item[name]), f"Agenda row {row}: {error}") for error in errors]
    return links


def _first_box(field) -> str:
    """The id of a field's first input: day of a date, first of a set of radios."""
    return field.id_for_label or f"{field.auto_id}_0"
