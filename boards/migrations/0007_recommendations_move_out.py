"""Recommendations now belong to the recommendations app (its migration 0001 took the model
over, rows and all). Boards forgets the model without touching the table."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("boards", "0006_administrator_keeps_meetings"),
        ("recommendations", "0001_recommendations_move_here"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Recommendation")],
            database_operations=[],
        ),
    ]
