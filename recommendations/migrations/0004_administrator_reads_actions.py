"""The Administrator reads, never changes, actions, their updates and evidence, challenges, audit
entries and reminders: those change only through the service, which checks who may do what.

(It keeps recommendations themselves, as before: accounts' first migration granted that while
the model was boards', always before the move, and 0002 moved those permissions with the
model. Granting them again here would take them away when this migration is undone.)"""

from django.db import migrations

from accounts.grants import VIEW, administrator_may


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_roles"),
        ("recommendations", "0003_actions_and_challenges"),
    ]

    operations = [
        migrations.RunPython(
            *administrator_may(
                {
                    "recommendations.action": VIEW,
                    "recommendations.progressupdate": VIEW,
                    "recommendations.evidencedocument": VIEW,
                    "recommendations.challenge": VIEW,
                    "recommendations.auditentry": VIEW,
                    "recommendations.actionreminder": VIEW,
                    "recommendations.reminderline": VIEW,
                }
            )
        )
    ]
