"""Uploaded files' rows are kept for IMPORT_RETENTION_DAYS, then deleted by a scheduled job;
the values they wrote, and their history, stay."""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

from kpis.models import KpiValue
from returns.models import ImportBatch
from tests.kpis.pages import add_value, live_kpi


def test_old_uploads_are_deleted_and_the_values_they_wrote_stay(seeded, officer, settings):
    settings.IMPORT_RETENTION_DAYS = 30
    value = add_value(live_kpi("PEP", owner=officer), "2026-10", 96, "draft", by=officer)
    old = ImportBatch.objects.create(uploaded_by=officer, file_name="old.csv", rows=[])
    recent = ImportBatch.objects.create(uploaded_by=officer, file_name="new.csv", rows=[])
    ImportBatch.objects.filter(pk=old.pk).update(
        uploaded_at=timezone.now() - datetime.timedelta(days=31)
    )
    output = io.StringIO()
    call_command("purge_imports", stdout=output)
    assert output.getvalue() == "Deleted 1 upload(s) older than 30 days.\n"
    assert list(ImportBatch.objects.all()) == [recent]
    assert KpiValue.objects.filter(pk=value.pk).exists()
