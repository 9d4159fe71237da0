"""The Administrator keeps recommendations (their words, source, lead board and owner's role) and
reads, never changes, actions, their updates and evidence, challenges, audit entries and
reminders: those change only through the service, which checks who may do what."""

from django.db import migrations

from accounts.grants import EDIT, VIEW, administrator_may


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_roles"),
        ("recommendations", "0003_actions_and_challenges"),
    ]

    operations = [
        migrations.RunPython(
            *administrator_may(
                {
                    # Already granted while the model was boards' (its permissions moved with
                    # it in 0002); granted here too for a database where they were not.
                    "recommendations.recommendation": EDIT,
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
