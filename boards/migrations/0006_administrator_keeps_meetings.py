"""The Administrator keeps boards' meetings, agendas and memberships in the admin."""

from django.db import migrations

from accounts.grants import EDIT, administrator_may


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_roles"),
        ("boards", "0005_remove_reportingoccasion"),
    ]

    operations = [
        migrations.RunPython(
            *administrator_may(
                {"boards.meeting": EDIT, "boards.agendaitem": EDIT, "boards.boardmembership": EDIT}
            )
        )
    ]
