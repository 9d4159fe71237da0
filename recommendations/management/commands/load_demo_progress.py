from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from recommendations.demo import load_demo_progress

DEMO_USERNAMES = ("manager", "officer", "member")


class Command(BaseCommand):
    help = (
        "Demo progress on the action plan (actions, progress updates and members' challenges, "
        "all marked demo), for the demo users load_demo makes. Run by load_demo; development "
        "only: refuses to run when DEBUG is off."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("load_demo_progress makes demo data, so it only runs with DEBUG on.")
        users = get_user_model().objects.in_bulk(DEMO_USERNAMES, field_name="username")
        missing = [name for name in DEMO_USERNAMES if name not in users]
        if missing:
            raise CommandError(
                f"The demo users {', '.join(missing)} are missing: run load_demo, which makes "
                "them and then this."
            )
        made = load_demo_progress(today=timezone.localdate(), users=users)
        self.stdout.write(
            "Demo progress: {actions} actions, {updates} progress updates and {challenges} "
            "members' challenges created.".format(**made)
        )
