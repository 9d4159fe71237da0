"""The Administrator may read the record of reminders sent (never change it)."""

from django.db import migrations

from accounts.grants import VIEW, administrator_may


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_roles"),
        ("returns", "0002_reminders"),
    ]

    operations = [migrations.RunPython(*administrator_may({"returns.reminder": VIEW}))]
