"""Giving the Administrator role the admin permissions for models added after the first roles
migration. Used from migrations, so it takes the migration's historical apps, and is kept
small and stable: a migration records what it did when it ran.

    migrations.RunPython(*administrator_may({"boards.meeting": EDIT}))
"""

from collections.abc import Callable

from django.contrib.auth.management import create_permissions

VIEW = ("view",)
EDIT = ("view", "add", "change", "delete")


def _permissions(apps, using: str, grants: dict[str, tuple[str, ...]]):
    for label in sorted({key.split(".")[0] for key in grants}):
        app_config = apps.get_app_config(label)
        # create_permissions skips app configs without a models module, which the
        # migration's historical app configs lack.
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=using)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    for key, actions in grants.items():
        app_label, model = key.split(".")
        for action in actions:
            yield Permission.objects.using(using).get(
                content_type__app_label=app_label, codename=f"{action}_{model}"
            )


def administrator_may(grants: dict[str, tuple[str, ...]]) -> tuple[Callable, Callable]:
    """The forward and backward functions of a RunPython that adds (and removes) these
    permissions to the Administrator group."""

    def grant(apps, schema_editor):
        using = schema_editor.connection.alias
        group = apps.get_model("auth", "Group").objects.using(using).get(name="Administrator")
        group.permissions.add(*_permissions(apps, using, grants))

    def revoke(apps, schema_editor):
        using = schema_editor.connection.alias
        group = apps.get_model("auth", "Group").objects.using(using).filter(name="Administrator")
        # Nothing to take away where the groups are already gone (an emptied test database).
        for administrator in group:
            administrator.permissions.remove(*_permissions(apps, using, grants))

    return grant, revoke
