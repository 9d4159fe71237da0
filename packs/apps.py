import logging

from django.apps import AppConfig


class PacksConfig(AppConfig):
    name = "packs"
    verbose_name = "Board report packs"

    def ready(self) -> None:
        # WeasyPrint logs each step of every render at INFO ("Step 5 - Creating layout -
        # Page 12"): a line per page is noise in a server's log. Its warnings still show.
        # Set before anything imports WeasyPrint, which logs as it loads its own styles.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
