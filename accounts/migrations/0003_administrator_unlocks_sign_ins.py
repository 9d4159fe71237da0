"""The Administrator reads failed sign-ins and lockouts (django-axes), and unlocks an account
by deleting its access attempt."""

from django.db import migrations

from accounts.grants import VIEW, administrator_may


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_role_changes"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [
        migrations.RunPython(
            *administrator_may(
                {
                    "axes.accessattempt": ("view", "delete"),
                    "axes.accesslog": VIEW,
                    "axes.accessfailurelog": VIEW,
                }
            )
        )
    ]
