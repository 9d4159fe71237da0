"""Background jobs, run by the same worker as the KPI reminders (manage.py db_worker): emailing
a member the answer to their challenge, and chasing actions' owners."""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from recommendations.models import Challenge, person_name
from recommendations.reminders import queue_reminders
from wokingham_cs.outbox import RETRY_AFTER

logger = logging.getLogger(__name__)


@task
def email_challenge_answer(challenge_id: int, attempt: int = 1) -> str:
    """Email the member the answer to their challenge, once. A refusal by the mail server is
    tried again later (as reminders are); returns what happened, for the task's result."""
    with transaction.atomic():
        challenge = (
            Challenge.objects.select_for_update(of=("self",))
            .select_related("member", "meeting__board", "action")
            .filter(pk=challenge_id)
            .first()
        )
        if challenge is None or not challenge.answer:
            return "no answer"
        if challenge.answer_emailed_at:
            return "already sent"
        if not challenge.member.email:
            logger.warning("Challenge %s answered; %s has no email address", challenge.pk,
                           challenge.member)  # fmt: skip
            return "no email address"
        try:
            _send_answer(challenge)
        except Exception as error:  # the mail server refused or is down: try again later
            logger.warning("Answer to challenge %s not sent (attempt %s): %s", challenge.pk,
                           attempt, error)  # fmt: skip
            if attempt <= len(RETRY_AFTER) and email_challenge_answer.get_backend().supports_defer:
                run_after = timezone.now() + RETRY_AFTER[attempt - 1]
                email_challenge_answer.using(run_after=run_after).enqueue(challenge_id, attempt + 1)
            return "failed"
        challenge.answer_emailed_at = timezone.now()
        challenge.save(update_fields=["answer_emailed_at"])
    return "sent"


def _send_answer(challenge: Challenge) -> None:
    meeting = challenge.meeting
    link = settings.SITE_URL.rstrip("/") + challenge.action.get_absolute_url()
    send_mail(
        subject=f"The answer to your question at the {meeting.board.short_name} on "
        f"{meeting.date_label}",
        message=(
            f"Dear {person_name(challenge.member)},\n\n"
            f"At the meeting of the {meeting.board.name} on {meeting.date_label} you asked:\n\n"
            f"{challenge.question}\n\n"
            f"The answer, from {person_name(challenge.answered_by)}:\n\n"
            f"{challenge.answer}\n\n"
            "It is also listed under matters arising in the papers for the board's next "
            f"meeting. The action and its progress: {link}\n"
        ),
        from_email=None,
        recipient_list=[challenge.member.email],
    )


@task
def send_action_reminders(on: str) -> int:
    """Queue a reminder for each owner with actions falling due soon or newly overdue (and
    hand due ones to the worker: see recommendations.reminders). Returns how many were
    queued."""
    return len(queue_reminders(today=datetime.date.fromisoformat(on)).queued)
