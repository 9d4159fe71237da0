"""Members' challenges: an officer records a named member's question at a meeting; it becomes an
action due by the board's next meeting and is listed in that meeting's pack as a matter arising
(a public pack leaving out one put in private session); a manager closes it with the answer,
which the member is emailed."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from boards.models import Meeting
from recommendations.models import Action, Challenge
from tests.kpis.pages import messages_of, page, section
from tests.packs.factories import make_board, make_meeting, member_of
from tests.users import make_user

RAISED = datetime.date(2026, 9, 8)
NEXT = datetime.date(2026, 12, 8)
QUESTION = "Bring us the figures on placements more than 20 miles away, by placement type."
ANSWER = "Of 41 children placed more than 20 miles away, 23 are in foster care and 18 in homes."


@pytest.fixture
def board(db):
    return make_board("cpb")


@pytest.fixture
def councillor(board):
    councillor = make_user("councillor", "Member", email="councillor@example.gov.uk")
    member_of(board, councillor)
    return councillor


@pytest.fixture
def meetings(board):
    return make_meeting(board, RAISED), make_meeting(board, NEXT)


def record(client, meeting, **fields):
    url = reverse("boards:challenge_new", args=[meeting.board.slug, meeting.date.isoformat()])
    return client.post(url, fields)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def recorded(client, officer, meetings, councillor) -> Action:
    client.force_login(officer)
    record(client, meetings[0], member=councillor.pk, question=QUESTION)
    return Action.objects.get(challenge__isnull=False)


def test_an_officer_records_a_challenge_due_by_the_boards_next_meeting(
    client, officer, meetings, councillor
):
    client.force_login(officer)
    raised = meetings[0]
    form = page(client.get(reverse("boards:challenge_new", args=["cpb", "2026-09-08"])))
    assert "due by the board's next meeting, on <strong>8 December 2026</strong>" in form
    assert f'<option value="{councillor.pk}">Councillor Tester</option>' in form
    assert f'<option value="{officer.pk}">' not in form.split('name="owner"')[0]

    response = record(client, raised, member=councillor.pk, question=QUESTION, owner=officer.pk)
    assert response["Location"] == f"{raised.get_absolute_url()}#challenges"
    assert messages_of(response) == [
        "Challenge from Councillor Tester recorded: due by the CPB's next meeting, on "
        "8 December 2026, whose pack lists it under matters arising."
    ]
    action = Action.objects.select_related("challenge").get()
    assert (action.challenge.meeting, action.challenge.member, action.challenge.question) == (
        raised, councillor, QUESTION,
    )  # fmt: skip
    assert (action.due_date, action.lead_board, action.owner) == (NEXT, raised.board, officer)
    assert action.title == f"Answer the member's challenge: {QUESTION}"
    assert action.audit_entries.get().summary == (
        "Recorded at the meeting on 8 September 2026: due by the next meeting, on 8 December 2026"
    )
    shown = section(page(client.get(raised.get_absolute_url())), "challenges")
    assert "Councillor Tester" in shown and QUESTION in shown and "8 December 2026" in shown
    due = page(client.get(action.get_absolute_url()))
    assert (
        f'<a class="govuk-link" href="{meetings[1].get_absolute_url()}">the meeting on '
        "8 December 2026</a>, whose pack lists it under matters arising"
    ) in due


def test_the_member_must_sit_on_the_board_and_the_question_must_be_written(
    client, officer, meetings, councillor
):
    stranger = make_user("stranger", "Member")
    client.force_login(officer)
    response = record(client, meetings[0], member=stranger.pk, question=" ")
    assert response.status_code == 200
    assert "Choose one of the board&#x27;s members" in page(response)
    assert "Write the member&#x27;s question or request" in page(response)
    assert not Challenge.objects.exists()


def test_without_a_next_meeting_the_challenge_is_not_recorded(client, officer, board, councillor):
    last = make_meeting(board, RAISED)
    client.force_login(officer)
    response = record(client, last, member=councillor.pk, question=QUESTION)
    assert response.status_code == 200
    assert (
        "The CPB has no meeting after 8 September 2026, so the challenge has no date to come "
        "back by: add the board&#x27;s next meeting first"
    ) in page(response)
    assert f"{QUESTION}</textarea>" in page(response)
    assert not Challenge.objects.exists() and not Action.objects.exists()


def test_members_do_not_record_challenges_and_those_who_may_not_open_the_meeting_get_404(
    client, meetings, councillor
):
    client.force_login(councillor)
    assert record(client, meetings[0], member=councillor.pk, question=QUESTION).status_code == 403
    client.force_login(make_user("elsewhere", "Member"))
    assert record(client, meetings[0], member=councillor.pk, question=QUESTION).status_code == 404
    assert not Challenge.objects.exists()


def test_the_next_meetings_pack_lists_it_as_a_matter_arising(client, officer, meetings, councillor):
    recorded(client, officer, meetings, councillor)
    raised, following = meetings
    arising = text_of(section(page(client.get(following.get_absolute_url())), "matters-arising"))
    assert f"8 September 2026 Councillor Tester {QUESTION} 8 December 2026 Not started" in arising
    assert "Not yet answered" in arising
    # Not in the pack of the meeting it was put at.
    own = text_of(section(page(client.get(raised.get_absolute_url())), "matters-arising"))
    assert "No matters arising" in own


def test_a_manager_closes_it_with_the_answer_which_the_member_is_emailed(
    client, officer, manager, meetings, councillor, mailoutbox, django_capture_on_commit_callbacks
):
    action = recorded(client, officer, meetings, councillor)
    client.force_login(manager)
    url = reverse("actions:close", args=[action.pk])
    assert "Close with the answer" in page(client.get(url))
    refused = client.post(url, {"answer": " "})
    assert refused.status_code == 200
    assert "Write the answer to the member&#x27;s challenge: it is what closes it" in page(refused)
    assert Action.objects.get(pk=action.pk).status == "not-started"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"answer": ANSWER})
    assert messages_of(response) == [
        "Closed with the answer. Councillor Tester will be emailed the answer."
    ]
    action = Action.objects.select_related("challenge").get(pk=action.pk)
    assert (action.status, action.closed_by) == ("closed", manager)
    assert (action.challenge.answer, action.challenge.answered_by) == (ANSWER, manager)
    assert action.challenge.answer_emailed_at is not None
    [email] = mailoutbox
    assert email.to == ["councillor@example.gov.uk"]
    assert email.subject == "The answer to your question at the CPB on 8 September 2026"
    assert QUESTION in email.body and ANSWER in email.body
    assert f"{settings.SITE_URL.rstrip('/')}{action.get_absolute_url()}" in email.body

    # The next meeting's pack lists it as answered since the previous meeting.
    client.force_login(officer)
    arising = text_of(section(page(client.get(meetings[1].get_absolute_url())), "matters-arising"))
    assert f"{QUESTION} 8 December 2026 Closed {ANSWER}" in arising


def test_a_reopened_challenge_answered_again_emails_the_new_answer(
    client, officer, manager, meetings, councillor, mailoutbox, django_capture_on_commit_callbacks
):
    action = recorded(client, officer, meetings, councillor)
    client.force_login(manager)
    close = reverse("actions:close", args=[action.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(close, {"answer": "The first answer."})
    client.post(reverse("actions:reopen", args=[action.pk]), {"reason": "The figures were wrong"})

    # Reopened, the challenge is unanswered again: not shown as answered anywhere.
    challenge = Challenge.objects.get()
    assert (challenge.answer, challenge.answered_at) == ("", None)
    assert challenge.answer_emailed_at is None
    assert "The answer" not in page(client.get(action.get_absolute_url()))
    client.force_login(councillor)
    assert "The first answer." not in page(client.get(reverse("actions:mine")))

    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(close, {"answer": "The corrected answer."})
    assert messages_of(response) == [
        "Closed with the answer. Councillor Tester will be emailed the answer."
    ]
    first, second = mailoutbox
    assert "The first answer." in first.body
    assert "The corrected answer." in second.body and "The first answer." not in second.body
    # The timeline keeps both answers and the reason for reopening.
    timeline = page(client.get(action.get_absolute_url()))
    for text in ("The first answer.", "The figures were wrong", "The corrected answer."):
        assert text in timeline


def test_only_a_manager_closes_a_challenge(client, officer, meetings, councillor):
    action = recorded(client, officer, meetings, councillor)
    assert client.get(reverse("actions:close", args=[action.pk])).status_code == 403
    assert (
        client.post(reverse("actions:close", args=[action.pk]), {"answer": ANSWER}).status_code
        == 403
    )
    assert Action.objects.get(pk=action.pk).status == "not-started"


def test_a_member_without_an_email_address_is_told_of_by_the_message(
    client, officer, manager, meetings, mailoutbox, django_capture_on_commit_callbacks
):
    quiet = make_user("quiet", "Member")
    member_of(meetings[0].board, quiet)
    client.force_login(officer)
    record(client, meetings[0], member=quiet.pk, question=QUESTION)
    action = Action.objects.get()
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("actions:close", args=[action.pk]), {"answer": ANSWER})
    assert messages_of(response)[-1] == (
        "Closed with the answer. Quiet Tester has no email address: tell them the answer yourself."
    )
    assert mailoutbox == []


def test_matters_arising_are_the_open_ones_and_those_answered_since_the_previous_meeting(
    client, officer, manager, board, councillor
):
    first, second, third, fourth = (make_meeting(board, datetime.date(2026, month, 8))
                                    for month in (3, 6, 9, 12))  # fmt: skip
    client.force_login(officer)
    for meeting, words in ((first, "Old and answered"), (first, "Old and still open"),
                           (second, "Answered lately")):  # fmt: skip
        record(client, meeting, member=councillor.pk, question=words)
    closed_at = {
        "Old and answered": datetime.datetime(2026, 7, 1, tzinfo=datetime.UTC),
        "Answered lately": datetime.datetime(2026, 10, 1, tzinfo=datetime.UTC),
    }
    for words, when in closed_at.items():
        Action.objects.filter(challenge__question=words).update(
            status="closed", closed_at=when, closed_by=manager
        )
    arising = text_of(section(page(client.get(fourth.get_absolute_url())), "matters-arising"))
    assert "Old and still open" in arising
    assert "Answered lately" in arising
    # Closed in July, before the previous meeting (September): already reported.
    assert "Old and answered" not in arising
    assert third.date < fourth.date


def test_a_public_pack_leaves_out_a_challenge_put_in_private_session(
    client, officer, board, councillor
):
    private = make_meeting(board, RAISED, part="2")
    following = make_meeting(board, NEXT)
    client.force_login(officer)
    record(client, private, member=councillor.pk, question=QUESTION)
    arising = text_of(section(page(client.get(following.get_absolute_url())), "matters-arising"))
    assert QUESTION not in arising
    assert (
        "1 challenge was put while the board was in private session (Part 2) and is not "
        "listed in this public pack"
    ) in arising
    # The board's Part 2 pack lists it.
    later_private = make_meeting(board, datetime.date(2027, 1, 12), part="2")
    Meeting.objects.filter(pk=following.pk).delete()
    arising = text_of(
        section(page(client.get(later_private.get_absolute_url())), "matters-arising")
    )
    assert QUESTION in arising


def test_a_challenge_at_a_private_board_is_read_by_its_member_and_the_boards_members(
    client, officer, meetings, councillor
):
    action = recorded(client, officer, meetings, councillor)
    colleague = make_user("colleague", "Member")
    member_of(meetings[0].board, colleague)
    elsewhere = make_user("elsewhere", "Member")
    for person, status in ((councillor, 200), (colleague, 200), (elsewhere, 404)):
        client.force_login(person)
        assert client.get(action.get_absolute_url()).status_code == status, person
        listed = QUESTION in page(client.get(reverse("recommendations:tracker")))
        assert listed == (status == 200), person
    client.force_login(councillor)
    assert QUESTION in page(client.get(reverse("actions:mine")))


def test_a_challenge_is_recorded_at_or_after_its_meeting_not_before(
    client, officer, board, meetings, councillor
):
    later = make_meeting(board, timezone.localdate() + datetime.timedelta(days=60))
    client.force_login(officer)
    message = (
        f"The meeting on {later.date_label} has not been held yet: record a member's challenge "
        "at or after the meeting where it was put."
    )
    assert "Record a member's challenge" not in page(client.get(later.get_absolute_url()))
    assert "Record a member's challenge" in page(client.get(meetings[0].get_absolute_url()))
    url = reverse("boards:challenge_new", args=["cpb", later.date.isoformat()])
    assert messages_of(client.get(url)) == [message]
    client.get(later.get_absolute_url())  # reads the message
    response = record(client, later, member=councillor.pk, question=QUESTION)
    assert response["Location"] == f"{later.get_absolute_url()}#challenges"
    assert messages_of(response) == [message]
    assert not Challenge.objects.exists() and not Action.objects.exists()


def test_a_double_click_records_the_challenge_once(client, officer, meetings, councillor):
    client.force_login(officer)
    first = record(client, meetings[0], member=councillor.pk, question=QUESTION)
    second = record(client, meetings[0], member=councillor.pk, question=QUESTION)
    assert first["Location"] == second["Location"]
    assert messages_of(second)[-1] == messages_of(first)[-1]
    assert Challenge.objects.count() == 1 and Action.objects.count() == 1
    # Another question, or the same one later on, is another challenge.
    record(client, meetings[0], member=councillor.pk, question="And the costs, please.")
    assert Challenge.objects.count() == 2
    Challenge.objects.update(recorded_at=datetime.datetime(2026, 9, 8, 19, 0, tzinfo=datetime.UTC))
    record(client, meetings[0], member=councillor.pk, question=QUESTION)
    assert Challenge.objects.count() == 3 and Action.objects.count() == 3
