"""Demo progress on the action plan: a few actions on the review's recommendations (one overdue,
one falling due soon, one closed on evidence, others in progress), dated progress updates
linking a KPI and a meeting, and two challenges the demo member put at the Corporate Parenting
Board (one answered, one due at its next meeting).

Everything made here is marked is_demo, and the pages say "Demo" beside it. Create-only and
idempotent, like the rest of load_demo: a row is made only where the same one is missing, so a
second run changes nothing. The seeded actions of the Ofsted action plan are left as the seed
made them ("owner not set"), so the demo shows what the source gives and what it does not.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from boards.models import Board, Meeting
from kpis.models import Kpi
from recommendations.choices import ActionStatus, Progress
from recommendations.models import Action, Challenge, ProgressUpdate, Recommendation

SOURCE = "leadership-review-2015"
CLOSED_AGO = datetime.timedelta(days=45)

# (recommendation, what is to be done, owner, lead board, due in days from today, status,
#  rating, updates: (days ago, author, text, KPI code or "", link the board's last meeting))
ACTIONS = [
    (
        5,
        "Add the Corporate Parenting Board to the corporate assurance framework, with its terms "
        "of reference and reporting line",
        "manager",
        "cpb",
        -20,
        ActionStatus.IN_PROGRESS,
        Progress.AT_RISK,
        [
            (
                45,
                "officer",
                "Draft framework diagram with the board added shared with the Corporate "
                "Leadership Team; comments due back in two weeks.",
                "",
                False,
            ),
            (
                12,
                "manager",
                "Discussed at the board: members asked for the reporting line to the Executive "
                "to be shown. Revised draft delayed until the Executive's forward plan is "
                "agreed.",
                "",
                True,
            ),
        ],
    ),
    (
        1,
        "Hold a workshop of members and senior officers on the council plan's vision and "
        "objectives",
        "officer",
        "",
        5,
        ActionStatus.NOT_STARTED,
        "",
        [],
    ),
    (
        9,
        "Ask in the staff survey whether staff feel able to raise concerns, and report the "
        "results to the leadership team",
        "officer",
        "cslt",
        60,
        ActionStatus.IN_PROGRESS,
        Progress.ON_TRACK,
        [
            (
                30,
                "officer",
                "Question agreed with HR and added to this year's staff survey. Staff turnover "
                "is watched alongside it.",
                "WF-TURNOVER",
                False,
            ),
        ],
    ),
    (
        7,
        "Set up a quarterly joint meeting of the DCS and Lead Member with the Director of "
        "Health and Wellbeing and his Lead Member",
        "manager",
        "",
        -40,
        ActionStatus.CLOSED,
        Progress.ON_TRACK,
        [
            (
                50,
                "manager",
                "First joint meeting held; terms agreed and dates set for the year. Minutes "
                "filed with the Lead Member's briefings.",
                "",
                True,
            ),
        ],
    ),
]

CHALLENGES = [
    # (meetings back from the latest past one, question, answer or "")
    (
        1,
        "How long do children in care wait for a first CAMHS appointment, and how does that "
        "compare with other children?",
        "The median wait for children in care was six weeks last quarter, against eleven for "
        "other children; children in care are prioritised under the joint protocol with CAMHS.",
    ),
    (
        0,
        "Bring us the figures on children placed more than 20 miles from home, by type of "
        "placement, next time.",
        "",
    ),
]


@transaction.atomic
def load_demo_progress(*, today: datetime.date, users: dict[str, AbstractBaseUser]) -> dict:
    """Make the demo actions, updates and challenges that are missing; return how many."""
    made = {"actions": 0, "updates": 0, "challenges": 0}
    recommendations = {r.number: r for r in Recommendation.objects.filter(source__slug=SOURCE)}
    boards = {board.slug: board for board in Board.objects.all()}
    now = timezone.now()
    for number, title, owner, board, due_in, status, rating, updates in ACTIONS:
        recommendation = recommendations.get(number)
        if recommendation is None:
            continue
        action, created = Action.objects.get_or_create(
            recommendation=recommendation,
            title=title,
            is_demo=True,
            defaults={
                "owner": users[owner],
                "lead_board": boards.get(board),
                "due_date": today + datetime.timedelta(days=due_in),
                "status": status,
                "progress": rating,
                "created_at": now - datetime.timedelta(days=70),
                "created_by": users["officer"],
                **(
                    {"closed_at": now - CLOSED_AGO, "closed_by": users["manager"]}
                    if status == ActionStatus.CLOSED
                    else {}
                ),
            },
        )
        if not created:
            continue
        made["actions"] += 1
        _record_moves(action, users, now)
        for days_ago, author, text, kpi_code, at_meeting in updates:
            written = now - datetime.timedelta(days=days_ago)
            update = ProgressUpdate.objects.create(
                action=action,
                author=users[author],
                written_at=written,
                text=text,
                progress=rating,
                meeting=_last_meeting(action, timezone.localdate(written)) if at_meeting else None,
                is_demo=True,
            )
            if kpi_code:
                update.kpis.set(Kpi.objects.filter(code=kpi_code))
            made["updates"] += 1
    made["challenges"] = _load_challenges(today, users, boards.get("cpb"))
    return made


def _record_moves(action: Action, users: dict, now: datetime.datetime) -> None:
    """The audit entries a person's moves would have left, so the timeline reads true."""
    added = now - datetime.timedelta(days=70)
    action.audit_entries.create(
        new_status=ActionStatus.NOT_STARTED, summary="Added", by=users["officer"], at=added
    )
    if action.status == ActionStatus.NOT_STARTED:
        return
    started = now - datetime.timedelta(days=60)
    action.started_at = started
    action.audit_entries.create(
        old_status=ActionStatus.NOT_STARTED,
        new_status=ActionStatus.IN_PROGRESS,
        summary="Started",
        by=action.owner,
        at=started,
    )
    if action.status == ActionStatus.CLOSED:
        action.audit_entries.create(
            old_status=ActionStatus.IN_PROGRESS,
            new_status=ActionStatus.CLOSED,
            summary="Closed: signed off",
            by=users["manager"],
            at=action.closed_at,
        )
    action.save(update_fields=["started_at"])


def _last_meeting(action: Action, on: datetime.date) -> Meeting | None:
    """The latest meeting on or before the update's day: of the action's lead board, or with
    none, of a board that meets in public (so every member can read what it was evidence of)."""
    meetings = Meeting.objects.filter(date__lte=on).order_by("-date")
    if action.lead_board_id:
        return meetings.filter(board_id=action.lead_board_id).first()
    return meetings.filter(board__meets_in_public=True).first()


def _load_challenges(today: datetime.date, users: dict, board: Board | None) -> int:
    if board is None:
        return 0
    past = list(Meeting.objects.filter(board=board, date__lt=today).order_by("-date")[:2])
    made = 0
    for back, question, answer in CHALLENGES:
        if back >= len(past):
            continue
        meeting = past[back]
        after = Meeting.objects.filter(board=board, date__gt=meeting.date).order_by("date").first()
        if after is None:
            continue
        challenge, created = Challenge.objects.get_or_create(
            meeting=meeting,
            member=users["member"],
            question=question,
            defaults={"recorded_by": users["officer"], "is_demo": True},
        )
        if not created:
            continue
        made += 1
        recorded = timezone.make_aware(
            datetime.datetime.combine(meeting.date, datetime.time(21, 0))
        )
        Challenge.objects.filter(pk=challenge.pk).update(recorded_at=recorded)
        action = Action.objects.create(
            challenge=challenge,
            title=f"Answer the member's challenge: {question}",
            owner=users["officer"],
            lead_board=board,
            due_date=after.date,
            created_at=recorded,
            created_by=users["officer"],
            is_demo=True,
        )
        action.audit_entries.create(
            new_status=ActionStatus.NOT_STARTED,
            summary=f"Recorded at the meeting on {meeting.date_label}: due by the next meeting, "
            f"on {after.date_label}",
            by=users["officer"],
            at=recorded,
        )
        if answer:
            answered = recorded + datetime.timedelta(days=10)
            # The demo emails no one, so answer_emailed_at stays empty.
            Challenge.objects.filter(pk=challenge.pk).update(
                answer=answer, answered_by=users["manager"], answered_at=answered
            )
            action.status, action.closed_at = ActionStatus.CLOSED, answered
            action.closed_by = users["manager"]
            action.save(update_fields=["status", "closed_at", "closed_by"])
            action.audit_entries.create(
                old_status=ActionStatus.NOT_STARTED,
                new_status=ActionStatus.CLOSED,
                summary="Closed with the answer",
                by=users["manager"],
                at=answered,
            )
    return made
