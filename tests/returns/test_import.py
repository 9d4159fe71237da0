"""/returns/import/: values from a CSV or Excel file, checked row by row before any is saved."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kpis.models import KpiValue
from returns.imports import FileProblem, check_rows, read_rows
from returns.models import ImportBatch
from tests.kpis.pages import (
    VALUES,
    add_target,
    add_value,
    live_kpi,
    messages_of,
    page,
    section,
    stored,
    the_message,
)

UPLOAD = reverse("returns:import")
HEADER = "kpi_code,period,value,numerator,denominator,commentary"


def csv_file(*lines: str, name: str = "values.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, "\n".join([HEADER, *lines]).encode(), "text/csv")


def xlsx_file(rows: list[list], name: str = "values.xlsx") -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [HEADER.split(","), *rows]:
        sheet.append(row)
    content = io.BytesIO()
    book.save(content)
    return SimpleUploadedFile(name, content.getvalue(), "application/octet-stream")


def upload(client, file) -> tuple[str, str]:
    """Upload the file; return the preview's address and the preview page."""
    response = client.post(UPLOAD, {"file": file})
    assert response.status_code == 302, page(response)
    return response["Location"], page(client.get(response["Location"]))


def imported() -> list:
    return list(KpiValue.objects.filter(period__year=2026).order_by("kpi__code", "period"))


@pytest.fixture
def owned(seeded, officer):
    """The officer owns PEP, WF-AGENCY (monthly) and CARE-PROC-26WK (quarterly); PEP has a
    target of 95 (amber 90) for 2026-27."""
    kpis = {code: live_kpi(code, owner=officer) for code in ("PEP", "WF-AGENCY", "CARE-PROC-26WK")}
    add_target(kpis["PEP"], 2026, 95, 90)
    return kpis


def test_a_clean_csv_is_previewed_and_nothing_is_written_until_it_is_confirmed(
    officer_client, owned, officer
):
    preview, text = upload(
        officer_client,
        csv_file(
            "PEP,2026-10,96.5,,,On track", "WF-AGENCY,2026-10,14,,,", "CARE-PROC-26WK,2026-09,71,,,"
        ),
    )
    assert "All 3 rows can be imported" in text
    assert "Import 3 values" in text
    assert imported() == []

    response = officer_client.post(preview)
    assert response["Location"] == preview  # the result page, which offers to submit them
    the_message(response, rf"Imported 3 {VALUES} as drafts from values\.csv\.")
    values = {(v.kpi.code, str(v.period_obj)): v for v in imported()}
    assert set(values) == {
        ("PEP", "2026-10"),
        ("WF-AGENCY", "2026-10"),
        ("CARE-PROC-26WK", "2026-09"),
    }
    pep = values[("PEP", "2026-10")]
    assert (pep.value, pep.commentary, pep.status, pep.entered_by) == (
        Decimal("96.5"),
        "On track",
        "draft",
        officer,
    )


def test_an_import_is_recorded_in_the_audit_trail_with_the_file_name(officer_client, owned):
    preview, _ = upload(officer_client, csv_file("PEP,2026-10,96.5,,,", name="october.csv"))
    officer_client.post(preview)
    record = stored("PEP", "2026-10").history.latest()
    assert record.history_change_reason == "Imported from october.csv"
    assert record.history_user.username == "officer"
    audit = section(page(officer_client.get(reverse("kpis:detail", args=["PEP"]))), "audit")
    assert "Imported from october.csv" in audit


def test_a_clean_xlsx_file_imports_too_even_when_excel_made_the_periods_dates(
    officer_client, owned
):
    preview, text = upload(
        officer_client,
        xlsx_file(
            [
                ["PEP", datetime.datetime(2026, 10, 1), 96.5, None, None, "Fine"],
                ["WF-AGENCY", "2026-10", 14, None, None, None],
            ]
        ),
    )
    assert "All 2 rows can be imported" in text
    officer_client.post(preview)
    assert stored("PEP", "2026-10").value == Decimal("96.5")
    assert stored("WF-AGENCY", "2026-10").value == Decimal(14)


def test_a_percentage_typed_as_a_percentage_in_excel_imports_as_that_percentage(
    officer_client, owned
):
    # Typing 14% into Excel stores 0.14 formatted as a percentage; the CSV path already reads
    # "14%" as 14, and an Excel file must not turn it into 0.14% (rated Green against 15).
    book = openpyxl.Workbook()
    book.active.append(HEADER.split(","))
    book.active.append(["WF-AGENCY", "2026-10", 0.14, None, None, None])
    book.active["C2"].number_format = "0%"
    content = io.BytesIO()
    book.save(content)
    preview, _ = upload(officer_client, SimpleUploadedFile("values.xlsx", content.getvalue()))
    officer_client.post(preview)
    assert stored("WF-AGENCY", "2026-10").value == Decimal(14)


def test_a_rate_kpi_is_imported_from_its_numerator_and_denominator(officer_client, owned, officer):
    live_kpi("SW-CHANGE-CIN", owner=officer)
    preview, _ = upload(officer_client, csv_file("SW-CHANGE-CIN,2026-10,,12,40,"))
    officer_client.post(preview)
    value = stored("SW-CHANGE-CIN", "2026-10")
    assert (value.numerator, value.denominator, value.value) == (12, 40, Decimal("30.0"))


def test_an_import_replaces_a_draft_and_says_so_first(officer_client, owned, officer):
    add_value(owned["PEP"], "2026-10", 91, "submitted", by=officer)
    preview, text = upload(officer_client, csv_file("PEP,2026-10,96,,,"))
    assert "Replaces 91% (submitted)" in text
    officer_client.post(preview)
    value = stored("PEP", "2026-10")
    assert (value.value, value.status, value.submitted_by) == (Decimal(96), "draft", None)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("NOPE,2026-10,5,,,", "Unknown KPI code &#x27;NOPE&#x27;"),
        ("PEP,2026-13,96,,,", "the month must be 01 to 12"),
        ("PEP,Q3 2026,96,,,", "use the form YYYY-MM"),
        ("PEP,2026-10,ninety,,,", "Value: Enter the value as a number"),
        ("PEP,2026-10,101,,,", "Value: The value must be a percentage between 0 and 100"),
        ("PEP,2026-10,n/a,,,", "Value: Enter the value as a number"),
        ("PEP,2026-10,80,,,", "Commentary: Explain why the value is Red"),
        ("CARE-PROC-26WK,2026-10,71,,,", "CARE-PROC-26WK is quarterly: 2026-10 is not one of its"),
        (
            "PEP,2026-12,96,,,",
            "December 2026 is not open yet: values can be entered from 1 January 2027",
        ),
        (
            "PEP,2026-11,96,,,",
            "November 2026 is not open yet: values can be entered from 1 December 2026",
        ),
        (
            "PEP,2099-12,96,,,",
            "December 2099 is not open yet: values can be entered from 1 January 2100",
        ),
        ("PEP,9999-12,96,,,x", "&#x27;9999-12&#x27; is too late to be a reporting period"),
        ("PEP,31/12/9999,96,,,", "&#x27;9999-12&#x27; is too late to be a reporting period"),
        ("PEP,0001-01,96,,,", "&#x27;0001-01&#x27; is too early to be a reporting period"),
        ("CASELOADS,2026-10,15,,,", "You do not enter values for CASELOADS"),
        ("SW-CHANGE-CP,2026-10,5,,,", "SW-CHANGE-CP is proposed, not live"),
        ("WF-AGENCY,2026-10,14,,,", "Repeats WF-AGENCY for 2026-10 from line 2"),
    ],
)
def test_a_file_with_one_bad_row_imports_nothing_and_names_the_line_and_reason(
    officer_client, owned, line, problem
):
    preview, text = upload(officer_client, csv_file("WF-AGENCY,2026-10,14,,,", line))
    assert "Nothing has been imported: 1 row of 2 has problems" in text
    assert "Line 3: " in text and problem in text
    assert "Import 2 values" not in text
    response = officer_client.post(preview)
    the_message(response, r"Nothing was imported: 1 row(\(s\))? (has|have) problems\.?")
    assert imported() == []


def test_an_approved_value_cannot_be_replaced_by_an_import(officer_client, owned, manager):
    add_value(owned["PEP"], "2026-10", 92, "approved", approved_by=manager)
    preview, text = upload(officer_client, csv_file("PEP,2026-10,96,,,"))
    assert "Line 2: PEP for October 2026 is already approved" in text
    officer_client.post(preview)
    assert stored("PEP", "2026-10").value == Decimal(92)


def test_line_numbers_count_the_header_and_blank_lines(officer_client, owned):
    _, text = upload(officer_client, csv_file("PEP,2026-10,96,,,", "", "NOPE,2026-10,1,,,"))
    assert "Line 4: Unknown KPI code" in text


def test_a_bad_row_in_an_xlsx_file_is_named_by_its_row_number(officer_client, owned):
    _, text = upload(
        officer_client,
        xlsx_file(
            [
                ["PEP", "2026-10", 96, None, None, None],
                ["WF-AGENCY", "2026-10", "lots", None, None, None],
            ]
        ),
    )
    assert "Line 3: Value: Enter the value as a number" in text


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("values.txt", b"kpi_code,period\n"), "must be a CSV or an Excel"),
        (
            SimpleUploadedFile("values.csv", b"code,month,figure\nPEP,2026-10,1\n"),
            "The file has no &#x27;kpi_code&#x27;, &#x27;period&#x27;",
        ),
        (SimpleUploadedFile("values.csv", b""), "The submitted file is empty"),
        (SimpleUploadedFile("values.csv", HEADER.encode() + b"\n"), "no values to import"),
        (SimpleUploadedFile("values.xlsx", b"not a workbook"), "could not be read as an Excel"),
        (SimpleUploadedFile("values.csv", "PEP,\xe9".encode("latin-1")), "is not UTF-8"),
    ],
)
def test_a_file_that_cannot_be_read_gives_a_clear_error_on_the_upload_page(
    officer_client, owned, file, message
):
    response = officer_client.post(UPLOAD, {"file": file})
    text = page(response)
    assert response.status_code == 200
    assert "There is a problem" in text and message in text
    assert not ImportBatch.objects.exists()


def test_the_csv_template_has_the_columns_and_a_row_for_each_kpi_due_last_month(
    officer_client, owned
):
    response = officer_client.get(reverse("returns:import_template_csv"))
    assert response["Content-Disposition"] == 'attachment; filename="kpi-values-template.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        HEADER.split(","),
        ["PEP", "2026-10", "", "", "", ""],
        ["WF-AGENCY", "2026-10", "", "", "", ""],
    ]


def test_the_excel_template_has_the_same_columns(officer_client, owned):
    response = officer_client.get(reverse("returns:import_template_xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADER.split(",")
    assert [row[:2] for row in rows[1:]] == [["PEP", "2026-10"], ["WF-AGENCY", "2026-10"]]


def test_a_filled_in_template_imports(officer_client, owned):
    template = officer_client.get(reverse("returns:import_template_csv")).content.decode()
    filled = template.replace("PEP,2026-10,,", "PEP,2026-10,96,").replace(
        "WF-AGENCY,2026-10,,", "WF-AGENCY,2026-10,14,"
    )
    preview, text = upload(officer_client, SimpleUploadedFile("template.csv", filled.encode()))
    assert "All 2 rows can be imported" in text
    officer_client.post(preview)
    assert len(imported()) == 2


def test_a_preview_belongs_to_the_person_who_uploaded_it(officer_client, manager_client, owned):
    preview, _ = upload(officer_client, csv_file("PEP,2026-10,96,,,"))
    assert manager_client.get(preview).status_code == 404
    assert manager_client.post(preview).status_code == 404
    assert imported() == []


def test_a_file_is_imported_only_once(officer_client, owned):
    preview, _ = upload(officer_client, csv_file("PEP,2026-10,96,,,"))
    officer_client.post(preview)
    response = officer_client.post(preview)
    assert messages_of(response)[-1] == "values.csv has already been imported."
    assert stored("PEP", "2026-10").version == 1


def test_a_value_changed_after_the_preview_stops_the_import(officer_client, owned, officer):
    value = add_value(owned["PEP"], "2026-10", 91, "draft", by=officer)
    preview, _ = upload(officer_client, csv_file("PEP,2026-10,96,,,"))
    KpiValue.objects.filter(pk=value.pk).update(value=Decimal(93), version=2)
    response = officer_client.post(preview)
    assert (
        "someone changed PEP for October 2026 since the preview (now 93%, your file 96%)"
        in (messages_of(response)[0])
    )
    assert stored("PEP", "2026-10").value == Decimal(93)


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_members_cannot_import(client, seeded, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(UPLOAD).status_code == 403
    assert client.post(UPLOAD, {"file": csv_file("PEP,2026-10,96,,,")}).status_code == 403
    assert client.get(reverse("returns:import_template_csv")).status_code == 403
    assert not ImportBatch.objects.exists()


def test_periods_a_spreadsheet_rewrote_are_read_back(owned, officer):
    """Excel saves "2026-10" as "Oct-26" or "01/10/2026" when it writes a CSV."""
    for text in ("Oct-26", "01/10/2026", "October 2026"):
        rows = check_rows(
            read_rows("values.csv", f"{HEADER}\nPEP,{text},96,,,\n".encode()),
            user=officer,
            today=datetime.date(2026, 11, 22),
        )
        assert (str(rows[0].period), rows[0].errors) == ("2026-10", []), text


def test_empty_template_rows_are_passed_over():
    rows = read_rows("values.csv", f"{HEADER}\nPEP,2026-10,,,,\nPEP,2026-09,95,,,\n".encode())
    assert [row["period"] for row in rows] == ["2026-09"]


def test_a_csv_that_cannot_be_parsed_is_refused_with_a_reason():
    for content in (b"kpi_code,period\r\x00\x01", b'kpi_code,period\n"unclosed' + b"x" * 200_000):
        with pytest.raises(FileProblem):
            read_rows("values.csv", HEADER.encode() + b"\n" + content)


def test_a_kpis_own_download_imports_back_leaving_approved_values_as_they_are(
    officer_client, owned, officer
):
    pep = owned["PEP"]
    add_value(pep, "2026-09", 96, "approved", by=officer)
    exported = officer_client.get(reverse("kpis:values_csv", args=["PEP"])).content
    _, text = upload(officer_client, SimpleUploadedFile("PEP-values.csv", exported))
    assert "Nothing to import: every row matches the value already stored." in text
    assert "Unchanged" in text
