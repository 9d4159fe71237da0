"""Recommendations move from boards to an app of their own. Only Django's idea of the model
moves here (state): the table, its rows and their ids stay as they are, still named
boards_recommendation until 0002 renames it."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("boards", "0006_administrator_keeps_meetings"),
        ("findings", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Recommendation",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("number", models.PositiveIntegerField()),
                        ("text", models.TextField()),
                        ("theme", models.CharField(max_length=100)),
                        ("source", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="recommendations", to="findings.sourcedocument")),
                        ("judgement_area", models.ForeignKey(blank=True, help_text="The inspection judgement the recommendation bears on.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="recommendations", to="findings.judgementarea")),
                        ("note", models.TextField(blank=True, help_text="How the source was read.")),
                        ("status", models.CharField(choices=[("open", "Open"), ("in-progress", "In progress"), ("complete", "Complete")], default="open", max_length=16)),
                    ],
                    options={
                        "ordering": ["source", "number"],
                        "constraints": [models.UniqueConstraint(fields=("source", "number"), name="unique_recommendation")],
                        "db_table": "boards_recommendation",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
