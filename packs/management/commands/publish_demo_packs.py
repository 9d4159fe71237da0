from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from packs.demo import BOARDS, publish_demo_packs


class Command(BaseCommand):
    help = (
        f"Publish packs for the latest past demo meeting of the {BOARDS} boards receiving most "
        "KPIs (one of them late), as the demo officer. Run by load_demo; development only."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--publisher", default="officer", help="username (default officer)")

    def handle(self, *args, publisher: str = "officer", **options) -> None:
        if not settings.DEBUG:
            raise CommandError("publish_demo_packs makes demo data, so it only runs with DEBUG on.")
        user = get_user_model().objects.filter(username=publisher).first()
        if user is None:
            raise CommandError(
                f"No user {publisher!r}: run load_demo, which creates the demo users."
            )
        published = publish_demo_packs(today=timezone.localdate(), publisher=user)
        self.stdout.write(
            f"Demo packs: {len(published)} published"
            + (f" ({'; '.join(published)})." if published else ".")
        )
