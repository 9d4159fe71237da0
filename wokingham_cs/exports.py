"""CSV and Excel downloads of tabular rows, shared by every export in the project."""

from collections.abc import Iterable, Sequence
from typing import Any

import tablib
from django.http import HttpResponse

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
