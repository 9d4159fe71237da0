"""Imports that cannot exhaust the server or be misread: a workbook that unpacks to far more
than its size, too many rows, a formula, an unclosed quote or a ragged row are each refused
with a message that says where; nothing is written."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from returns.imports import FileProblem, read_rows
from returns.models import ImportBatch
from tests.kpis.pages import add_target, live_kpi, page

UPLOAD = reverse("returns:import")
HEADER = "kpi_code,period,value,numerator,denominator,commentary"


def workbook(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in [HEADER.split(","), *rows]:
        book.active.append(row)
    content = io.BytesIO()
    book.save(content)
    return content.getvalue()


def csv_bytes(*lines: str) -> bytes:
    return "\n".join([HEADER, *lines]).encode()


def problem_with(name: str, content: bytes) -> str:
    with pytest.raises(FileProblem) as refused:
        read_rows(name, content)
    return str(refused.value)


def test_an_unclosed_quote_is_refused_naming_its_line():
    message = problem_with(
        "values.csv",
        csv_bytes("PEP,2026-10,96,,,ok", 'PEP,2026-09,95,,,"unclosed', "PEP,2026-08,94,,,"),
    )
    assert message.startswith("Line 3 could not be read as CSV")
    assert "quote that is not closed" in message


def test_a_row_with_more_or_fewer_cells_than_the_header_is_refused_naming_its_line():
    message = problem_with("values.csv", csv_bytes("PEP,2026-10,96,,,", "PEP,2026-09,95,,,a,b"))
    assert message == (
        "Line 3 has 7 cells but the header has 6: check for a stray comma or quote on that line"
    )
    assert problem_with("values.csv", csv_bytes("PEP,2026-10,96")).startswith("Line 2 has 3")


def test_a_quoted_commentary_over_two_lines_keeps_the_line_numbers_right():
    rows = read_rows("values.csv", csv_bytes('PEP,2026-10,96,,,"one\ntwo"', "PEP,2026-09,95,,,"))
    assert [(row["line"], row["commentary"]) for row in rows] == [(2, "one\ntwo"), (4, "")]


def test_a_workbook_that_unpacks_to_more_than_the_limit_is_refused_before_it_is_read(settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 5_000
    message = problem_with("values.xlsx", workbook([["PEP", "2026-10", 96, "", "", "x" * 2000]]))
    assert message.startswith("The workbook unpacks to ")
    assert "more than the 4.9\xa0KB allowed: save only the sheet of values" in message


def test_a_file_with_more_rows_than_the_limit_is_refused(settings):
    settings.IMPORT_MAX_ROWS = 3
    rows = [f"PEP,2025-{month:02d},90,,," for month in range(1, 6)]
    assert problem_with("values.csv", csv_bytes(*rows)) == (
        "The file has more than 3 rows: import fewer at a time"
    )
    xlsx = workbook([["PEP", f"2025-{month:02d}", 90] for month in range(1, 6)])
    assert (
        problem_with("values.xlsx", xlsx) == "The file has more than 3 rows: import fewer at a time"
    )


def test_a_formula_is_refused_naming_its_cell():
    content = workbook([["PEP", "2026-10", 96, "", "", '=CONCAT("Two ", "late")']])
    assert problem_with("values.xlsx", content).startswith(
        'Row 2, column F holds a formula (=CONCAT("Two ", "late")): formulas are not imported'
    )


def test_a_file_that_is_not_a_workbook_is_refused():
    assert problem_with("values.xlsx", b"PK not really") == (
        "The file could not be read as an Excel (.xlsx) workbook"
    )


def test_a_refused_file_leaves_nothing_behind(officer_client, seeded, officer):
    live_kpi("PEP", owner=officer)
    response = officer_client.post(
        UPLOAD,
        {"file": SimpleUploadedFile("bad.csv", csv_bytes('PEP,2026-10,96,,,"unclosed'))},
    )
    assert "Line 2 could not be read as CSV" in page(response)
    assert ImportBatch.objects.count() == 0


def test_a_long_file_name_is_kept_short_and_its_import_works(officer_client, seeded, officer):
    live_kpi("PEP", owner=officer)
    name = "a" * 120 + ".csv"
    response = officer_client.post(
        UPLOAD, {"file": SimpleUploadedFile(name, csv_bytes("PEP,2026-10,96,,,"))}
    )
    batch = ImportBatch.objects.get()
    assert len(batch.file_name) == 100 and batch.file_name.endswith("….csv")
    officer_client.post(response["Location"])
    assert batch.__class__.objects.get().imported_count == 1


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1_5", "Value: Enter the value as a number, like 85.5"),
        ("1e-30", "Value: Enter the value as a number, like 85.5"),
        ("0.00001", "Value: The value is too small to keep: it would be stored as 0"),
        ("١٢", "Value: Enter the value as a number, like 85.5"),
    ],
)
def test_odd_numbers_in_a_file_are_refused(officer_client, seeded, officer, value, message):
    add_target(live_kpi("PEP", owner=officer), 2026, 95, 90)
    response = officer_client.post(
        UPLOAD, {"file": SimpleUploadedFile("v.csv", csv_bytes(f"PEP,2026-10,{value},,,x"))}
    )
    assert message in page(officer_client.get(response["Location"]))


def test_commentary_longer_than_the_limit_is_refused(officer_client, seeded, officer):
    live_kpi("PEP", owner=officer)
    long = "word " * 500
    response = officer_client.post(
        UPLOAD, {"file": SimpleUploadedFile("v.csv", csv_bytes(f"PEP,2026-10,96,,,{long}"))}
    )
    text = page(officer_client.get(response["Location"]))
    assert "The commentary must be 2,000 characters or fewer (it has 2,499)" in text
