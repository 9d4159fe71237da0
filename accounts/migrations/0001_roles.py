"""The four roles as groups, and what the Administrator may do in /admin/.

Manager, Performance officer and Member need no Django permissions: the service's own views
check membership of the group by name (accounts.roles.has_role). The Administrator works in
/admin/, where Django's model permissions decide what each page allows.

Django creates permissions after the last migration (post_migrate), so on a fresh database
they do not exist yet here: this migration creates the ones it assigns first.

On a database whose groups were made by hand (as load_demo used to), it keeps the groups and
the people in them, and sets the Administrator's permissions to exactly the list below.
Reversing it deletes the four groups, and with them who was in them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Written out rather than imported from accounts.roles: a migration records the names as
# they were when it ran.
ROLES = ("Manager", "Performance officer", "Member", "Administrator")

VIEW = ("view",)
EDIT = ("view", "add", "change", "delete")

ADMINISTRATOR_PERMISSIONS = {
    # Reference data, which the administrator keeps right. Deleting a KPI that has values or
    # targets is still refused, because deleting those is not allowed (below).
    "kpis.kpi": EDIT,
    "kpis.benchmark": EDIT,
    "findings.framework": EDIT,
    "findings.judgementarea": EDIT,
    "findings.sourcedocument": EDIT,
    "findings.inspection": EDIT,
    "findings.inspectiongrade": EDIT,
    "findings.finding": EDIT,
    "findings.findingkpi": EDIT,
    "findings.monitoringarrangement": EDIT,
    "boards.board": EDIT,
    "boards.reportingline": EDIT,
    "boards.reportingoccasion": EDIT,
    "boards.recommendation": EDIT,
    # Values, targets and imports change only in the service, through the workflow that
    # checks who may do what and keeps the audit trail (submit, approve, revise with a
    # reason; managers set targets). Editing them here would go around both.
    "kpis.kpivalue": VIEW,
    "kpis.target": VIEW,
    "returns.importbatch": VIEW,
    # People: the administrator adds them and puts them in a role. No deleting (deactivate
    # instead: names stay on the values people entered), and the groups themselves are
    # read-only, so nobody can make a misspelt group that quietly grants nothing.
    "auth.user": ("view", "add", "change"),
    "auth.group": VIEW,
    "auth.permission": VIEW,
}


def create_missing_permissions(apps, using):
    for label in sorted({key.split(".")[0] for key in ADMINISTRATOR_PERMISSIONS}):
        app_config = apps.get_app_config(label)
        # create_permissions skips app configs without a models module, which the
        # migration's historical app configs lack.
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=using)
        app_config.models_module = None


def administrator_permissions(apps, using):
    Permission = apps.get_model("auth", "Permission")
    for key, actions in ADMINISTRATOR_PERMISSIONS.items():
        app_label, model = key.split(".")
        try:
            apps.get_model(app_label, model)
        except LookupError:
            # Removed by a later migration (boards' reporting occasions became meetings):
            # when this runs again after that, there is nothing left to grant.
            continue
        for action in actions:
            yield Permission.objects.using(using).get(
                content_type__app_label=app_label, codename=f"{action}_{model}"
            )


def create_roles(apps, schema_editor):
    using = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    create_missing_permissions(apps, using)
    for name in ROLES:
        Group.objects.using(using).get_or_create(name=name)
    administrator = Group.objects.using(using).get(name="Administrator")
    administrator.permissions.set(list(administrator_permissions(apps, using)))


def delete_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("kpis", "0003_reported_latest_index"),
        ("returns", "0001_initial"),
        ("findings", "0001_initial"),
        ("boards", "0002_recommendation_status_and_area"),
    ]

    operations = [migrations.RunPython(create_roles, delete_roles)]
