from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "People and their roles"


class AdministrationConfig(admin_apps.AdminConfig):
    """Django's admin, with the site that also lets in the Administrator role."""

    # Installed in place of "django.contrib.admin"; not the default config of this app.
    default = False
    default_site = "accounts.sites.AdministrationSite"
