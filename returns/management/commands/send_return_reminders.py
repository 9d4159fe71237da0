import datetime

from django.core.management.base import BaseCommand, CommandError

from returns.tasks import send_return_reminders


class Command(BaseCommand):
    help = (
        "Email KPI owners whose values for last month's return are missing. --date sets the "
        "day to run as (default: today); --enqueue hands the job to the background worker "
        "(manage.py db_worker) instead of running it now."
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
        sent = send_return_reminders.call(day.isoformat())
        self.stdout.write(f"Sent {sent} reminder email(s) for {day}.")
