from django.conf import settings
from django.db import models


class ImportBatch(models.Model):
    """An uploaded file of KPI values, kept between the preview and the import."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(max_length=255)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    rows = models.JSONField(help_text="The file's rows as read, with their line numbers.")
    seen_versions = models.JSONField(
        default=dict, help_text="Versions of the values the preview said would be replaced."
    )
    imported_at = models.DateTimeField(null=True, blank=True)
    imported_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"{self.file_name} ({self.uploaded_at:%d %b %Y %H:%M})"
