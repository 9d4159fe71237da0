"""The dated reporting occasions are now meetings (0004); the old table goes, and with its
content type the permissions that named it."""

from django.db import migrations


def forget_the_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.using(schema_editor.connection.alias).filter(
        app_label="boards", model="reportingoccasion"
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("boards", "0004_occasions_become_meetings"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='reportingoccasion',
            name='unique_occasion',
        ),
        migrations.RemoveField(
            model_name='reportingoccasion',
            name='reporting_line',
        ),
        migrations.DeleteModel(
            name='ReportingOccasion',
        ),
        migrations.RunPython(forget_the_content_type, migrations.RunPython.noop),
    ]
