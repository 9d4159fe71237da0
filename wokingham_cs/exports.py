"""CSV and Excel downloads of tabular rows, shared by every export in the project."""

from collections.abc import Iterable, Sequence
from typing import Any

import tablib
from django.http import Http404, HttpResponse
from django_tables2.export import ExportMixin as TablesExportMixin

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

# A cell that starts with one of these is run as a formula by spreadsheet programs
# (CSV injection); such text is prefixed with an apostrophe so it stays text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def tabular_response(
    *,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    filename: str,
    file_format: str,
    title: str = "Export",
) -> HttpResponse:
    """Return rows as a downloadable CSV or XLSX file with the given header row."""
    if file_format not in CONTENT_TYPES:
        raise ValueError(f"Unknown export format {file_format!r}")
    dataset = tablib.Dataset(headers=list(columns), title=title[:31])
    for row in rows:
        dataset.append([safe_cell(value) for value in row])
    body = dataset.export(file_format)
    if isinstance(body, str):
        body = body.encode("utf-8")
    response = HttpResponse(body, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response


class ExportMixin(TablesExportMixin):
    """A table page's downloads, in the formats it offers (`export_formats`) and no other:
    django-tables2 itself answers `?_export=` with any format tablib knows (JSON, YAML, LaTeX,
    ...) and fails with a 500 on those it cannot write (xls, ods)."""

    def render_to_response(self, context, **kwargs):
        export_format = self.request.GET.get(self.export_trigger_param)
        if export_format is not None and export_format not in self.export_formats:
            raise Http404(f"This page downloads as {' or '.join(self.export_formats)} only.")
        return super().render_to_response(context, **kwargs)
