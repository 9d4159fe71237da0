from django.conf import settings
from django.core.management.base import BaseCommand

from returns.tasks import purge_old_imports


class Command(BaseCommand):
    help = (
        "Delete uploaded import files' rows older than IMPORT_RETENTION_DAYS (the values they "
        "wrote, and their history, stay). Run it daily from cron; --enqueue hands it to the "
        "background worker."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="queue for the worker")

    def handle(self, *args, enqueue=False, **options) -> None:
        if enqueue:
            result = purge_old_imports.enqueue()
            self.stdout.write(f"Queued the purge of old imports (task {result.id}).")
            return
        deleted = purge_old_imports.call()
        self.stdout.write(
            f"Deleted {deleted} upload(s) older than {settings.IMPORT_RETENTION_DAYS} days."
        )
