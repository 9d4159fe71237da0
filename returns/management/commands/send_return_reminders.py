import datetime

from django.core.management.base import BaseCommand, CommandError

from kpis.periods import Period
from returns.reminders import queue_reminders
from returns.tasks import send_return_reminders


class Command(BaseCommand):
    help = (
        "Email KPI owners whose values for last month's return are missing (at most once a "
        "day each), and send again any earlier reminder that failed or was interrupted. --date "
        "sets the day to run as (default: today); --enqueue hands the job to the background "
        "worker (manage.py db_worker) instead of running it now."
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
            result = send_return_reminders.enqueue(day.isoformat())
            self.stdout.write(f"Queued reminders for {day} (task {result.id}).")
            return
        result = queue_reminders(period=Period.from_date(day).previous(), today=day, send_now=True)
        self.stdout.write(f"Sent {result.outcomes.count('sent')} reminder email(s) for {day}.")
        self.stdout.write(result.message)
