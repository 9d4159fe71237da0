from django.apps import AppConfig
from django.conf import settings
from django.contrib.admin import apps as admin_apps
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import pre_delete

from accounts.deletion import refuse_to_delete_people_on_record
from accounts.sessions import record_sign_in


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "People and their roles"

    def ready(self) -> None:
        pre_delete.connect(
            refuse_to_delete_people_on_record,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="accounts.refuse_to_delete_people_on_record",
        )
        user_logged_in.connect(record_sign_in, dispatch_uid="accounts.record_sign_in")


class AdministrationConfig(admin_apps.AdminConfig):
    """Django's admin, with the site that also lets in the Administrator role."""

    # Installed in place of "django.contrib.admin"; not the default config of this app.
    default = False
    default_site = "accounts.sites.AdministrationSite"
