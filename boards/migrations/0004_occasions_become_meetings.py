"""Each dated "reported to <board> on <date>" occasion becomes a meeting of that board on that
date, receiving the reporting line it was recorded against. Occasions on the same day for the
same board are one meeting. A month-only occasion keeps its month precision."""

from django.db import migrations


def occasions_to_meetings(apps, schema_editor):
    ReportingOccasion = apps.get_model("boards", "ReportingOccasion")
    Meeting = apps.get_model("boards", "Meeting")
    for occasion in ReportingOccasion.objects.select_related("reporting_line"):
        meeting, _ = Meeting.objects.get_or_create(
            board_id=occasion.reporting_line.board_id,
            date=occasion.reported_on,
            defaults={"precision": occasion.precision},
        )
        meeting.received.add(occasion.reporting_line)


def meetings_to_occasions(apps, schema_editor):
    ReportingOccasion = apps.get_model("boards", "ReportingOccasion")
    Meeting = apps.get_model("boards", "Meeting")
    for meeting in Meeting.objects.prefetch_related("received"):
        for line in meeting.received.all():
            ReportingOccasion.objects.get_or_create(
                reporting_line_id=line.pk,
                reported_on=meeting.date,
                defaults={"precision": meeting.precision},
            )


class Migration(migrations.Migration):

    dependencies = [
        ("boards", "0003_meetings"),
    ]

    operations = [migrations.RunPython(occasions_to_meetings, meetings_to_occasions)]
