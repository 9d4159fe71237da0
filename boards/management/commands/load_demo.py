from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts import roles
from boards.demo import load_demo_meetings
from kpis.demo import load_demo_values

DEMO_PASSWORD = "wokingham-demo"

# username, role, first name, last name
DEMO_USERS = [
    ("manager", roles.MANAGER, "Morgan", "Manager (demo)"),
    ("officer", roles.OFFICER, "Olu", "Officer (demo)"),
    ("member", roles.MEMBER, "Mel", "Member (demo)"),
    ("admin", roles.ADMINISTRATOR, "Ade", "Administrator (demo)"),
]


class Command(BaseCommand):
    help = (
        "Create one demo user per role (manager, officer, member, admin; password "
        f"'{DEMO_PASSWORD}'), 36 months of demo KPI values, targets and comparators, a year of "
        "demo meetings for every board, the demo member on two boards, demo progress on the "
        "action plan and published demo packs. "
        "Development only: refuses to run when DEBUG is off."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "load_demo creates users with a published password, so it only runs with "
                "DEBUG on. Create real users in the admin instead."
            )
        # The groups and their permissions come from the accounts app's migrations.
        groups = Group.objects.in_bulk(roles.ALL_ROLES, field_name="name")
        missing = [name for name in roles.ALL_ROLES if name not in groups]
        if missing:
            raise CommandError(
                f"The roles {', '.join(missing)} are missing from the database. "
                "Run `manage.py migrate`, which creates them, then load_demo again."
            )
        with transaction.atomic():
            user_model = get_user_model()
            for username, role, first_name, last_name in DEMO_USERS:
                user, created = user_model.objects.get_or_create(
                    username=username,
                    defaults={
                        "first_name": first_name,
                        "last_name": last_name,
                        "email": f"{username}@example.invalid",
                    },
                )
                if created:
                    user.set_password(DEMO_PASSWORD)
                    user.save(update_fields=["password"])
                user.groups.add(groups[role])
            made = load_demo_values(
                today=timezone.localdate(),
                officer=user_model.objects.get(username="officer"),
                manager=user_model.objects.get(username="manager"),
            )
            meetings = load_demo_meetings(
                today=timezone.localdate(), member=user_model.objects.get(username="member")
            )
        self.stdout.write(
            "Demo data: {values} values, {targets} targets, {benchmarks} comparators "
            "created; {owners} KPIs given the demo officer as owner.".format(**made)
        )
        self.stdout.write(
            "Demo meetings: {meetings} meetings and {memberships} board memberships of the "
            "demo member created.".format(**meetings)
        )
        # By name: recommendations and packs sit above boards, so boards imports neither. The
        # demo progress comes first, so the packs show its challenges as matters arising.
        call_command("load_demo_progress", stdout=self.stdout)
        call_command("publish_demo_packs", stdout=self.stdout)
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, role, _, _ in DEMO_USERS:
            self.stdout.write(f"  {username:<8} {role}")
