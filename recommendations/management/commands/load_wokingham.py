from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from boards.seed import load_governance
from findings.seed import SeedError, SeedReport, load_annex_a
from recommendations.seed import load_recommendations


class Command(BaseCommand):
    help = (
        "Load the Wokingham source documents: the 2015 inspection findings, KPIs, other "
        "monitoring, boards, reporting lines, the review's recommendations and the actions of "
        "the Ofsted action plan. Safe to run again: rows already present are left unchanged."
    )

    def handle(self, *args, **options) -> None:
        report = SeedReport()
        try:
            with transaction.atomic():
                load_annex_a(report=report)
                load_governance(report=report)
                load_recommendations(report=report)
        except SeedError as error:
            raise CommandError(str(error)) from error
        for line in report.lines():
            self.stdout.write(line)
        if report.total_created:
            self.stdout.write(self.style.SUCCESS(f"Loaded {report.total_created} new rows."))
        else:
            self.stdout.write(self.style.SUCCESS("Nothing new to load: already up to date."))
