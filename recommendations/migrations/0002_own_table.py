"""The moved recommendations get the table of their new app (same rows, same ids), and their
content type follows them, so the Administrator's permissions on them and the admin's log of
changes to them stay attached."""

from django.db import migrations


def content_type_to(app_label: str, other: str):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        using = schema_editor.connection.alias
        moving = ContentType.objects.using(using).filter(app_label=other, model="recommendation")
        if ContentType.objects.using(using).filter(
            app_label=app_label, model="recommendation"
        ).exists():
            return  # already there (made afresh by a later post_migrate): leave both
        moving.update(app_label=app_label)

    return move


class Migration(migrations.Migration):

    dependencies = [
        ("boards", "0007_recommendations_move_out"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("recommendations", "0001_recommendations_move_here"),
    ]

    operations = [
        migrations.AlterModelTable(name="recommendation", table=None),
        migrations.RunPython(
            content_type_to("recommendations", "boards"),
            content_type_to("boards", "recommendations"),
        ),
    ]
