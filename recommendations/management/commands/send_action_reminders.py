import datetime

from django.core.management.base import BaseCommand, CommandError

from recommendations.reminders import queue_reminders
from recommendations.tasks import send_action_reminders


class Command(BaseCommand):
    help = (
        "Email the owners of actions that fall due within ACTION_REMINDER_DAYS_BEFORE days or "
        "have become overdue (each action once for each reason and due date, each owner at most "
        "once a day), and send again any earlier reminder that failed or was interrupted. "
        "--date sets the day to run as (default: today); --enqueue hands the job to the "
        "background worker (manage.py db_worker) instead of running it now."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="YYYY-MM-DD; default today")
        parser.add_argument("--enqueue", action="store_true", help="queue for the worker")

    def handle(self, *args, date=None, enqueue=False, **options) -> None:
        try:
            day = datetime.date.fromisoformat(date) if date else datetime.date.today()
        except ValueError as error:
            raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}") from error
        if enqueue:
            result = send_action_reminders.enqueue(day.isoformat())
            self.stdout.write(f"Queued action reminders for {day} (task {result.id}).")
            return
        result = queue_reminders(today=day, send_now=True)
        sent = result.outcomes.count("sent")
        self.stdout.write(f"Sent {sent} action reminder email(s) for {day}.")
        self.stdout.write(result.message)
