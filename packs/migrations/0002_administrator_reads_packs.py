"""The Administrator reads published pack versions and builds in the admin, and nothing more:
published files are evidence, changed only by publishing a new version."""

from django.db import migrations

from accounts.grants import VIEW, administrator_may


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_roles"),
        ("packs", "0001_pack_versions_and_builds"),
    ]

    operations = [
        migrations.RunPython(
            *administrator_may({"packs.packversion": VIEW, "packs.packbuild": VIEW})
        )
    ]
