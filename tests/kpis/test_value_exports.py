"""KPI value downloads: one KPI in the import's columns; every KPI with its status and RAG."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.kpis.pages import add_target, add_value, live_kpi, page, rags, stored, table_row

COLUMNS = ["kpi_code", "period", "value", "numerator", "denominator", "commentary"]
ALL_COLUMNS = [*COLUMNS, "status", "rag"]


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [
        ["" if cell is None else cell for cell in row] for row in sheet.iter_rows(values_only=True)
    ]


@pytest.fixture
def values(seeded, officer, manager):
    """PEP with targets 90 (2015-16, no amber) and 95 (2016-17, amber 90), and values either side
    of the year end; SW-CHANGE-CIN, a rate."""
    pep = live_kpi("PEP")
    add_target(pep, 2015, 90)
    add_target(pep, 2016, 95, 90)
    add_value(pep, "2016-03", 92, "approved", by=officer, approved_by=manager)
    add_value(pep, "2016-06", 92, "submitted", by=officer, commentary="Just below")
    add_value(pep, "2016-07", 88, "submitted", by=officer, commentary='=HYPERLINK("x")')
    add_value(pep, "2016-08", 70, "draft", by=officer, commentary="Work in progress")
    rate = live_kpi("SW-CHANGE-CIN")
    add_value(rate, "2016-06", "12.5", "submitted", numerator=5, denominator=40)
    return pep


def test_one_kpis_values_download_as_csv_in_the_import_columns(manager_client, values):
    response = manager_client.get(reverse("kpis:values_csv", args=["PEP"]))
    assert response["Content-Type"].startswith("text/csv")
    # The name says the file holds the newest figures, not only approved ones.
    assert 'filename="PEP-values-including-unapproved.csv"' in response["Content-Disposition"]
    assert csv_rows(response) == [
        COLUMNS,
        ["PEP", "2016-03", "92", "", "", ""],
        ["PEP", "2016-06", "92", "", "", "Just below"],
        ["PEP", "2016-07", "88", "", "", '\'=HYPERLINK("x")'],  # kept as text, not a formula
    ]


def test_a_rate_kpi_downloads_its_numerator_and_denominator(manager_client, values):
    rows = csv_rows(manager_client.get(reverse("kpis:values_csv", args=["SW-CHANGE-CIN"])))
    assert rows[1] == ["SW-CHANGE-CIN", "2016-06", "12.5", "5", "40", ""]


def test_one_kpis_values_download_as_excel_with_the_same_columns(manager_client, values):
    rows = xlsx_rows(manager_client.get(reverse("kpis:values_xlsx", args=["PEP"])))
    assert rows[0] == COLUMNS
    assert [row[:3] for row in rows[1:]] == [
        ["PEP", "2016-03", 92],
        ["PEP", "2016-06", 92],
        ["PEP", "2016-07", 88],
    ]


def test_every_kpis_values_download_with_status_and_rag(manager_client, values):
    rows = csv_rows(manager_client.get(reverse("kpis:all_values_csv")))
    assert rows[0] == ALL_COLUMNS
    pep = [row for row in rows[1:] if row[0] == "PEP"]
    assert [(row[1], row[6], row[7]) for row in pep] == [
        ("2016-03", "approved", "Green"),  # 92 against 2015-16's target of 90
        ("2016-06", "submitted", "Amber"),  # 92 against 2016-17's 95, amber 90
        ("2016-07", "submitted", "Red"),
        ("2016-08", "draft", "Red"),  # drafts are listed, with their status, for collectors
    ]
    rate = next(row for row in rows if row[0] == "SW-CHANGE-CIN")
    assert rate[6:] == ["submitted", "No target"]


def test_a_member_downloads_approved_values_only_and_the_file_says_so(member_client, values):
    response = member_client.get(reverse("kpis:all_values_csv"))
    assert [row[1] for row in csv_rows(response)[1:] if row[0] == "PEP"] == ["2016-03"]
    assert 'filename="kpi-values-approved.csv"' in response["Content-Disposition"]
    one = member_client.get(reverse("kpis:values_csv", args=["PEP"]))
    assert [row[1] for row in csv_rows(one)[1:]] == ["2016-03"]
    assert 'filename="PEP-values-approved.csv"' in one["Content-Disposition"]


def test_one_kpis_download_leaves_drafts_out_because_it_has_no_status_column(
    manager_client, values
):
    rows = csv_rows(manager_client.get(reverse("kpis:values_csv", args=["PEP"])))
    assert "2016-08" not in [row[1] for row in rows]


def test_every_kpis_values_download_as_excel_too(manager_client, values):
    rows = xlsx_rows(manager_client.get(reverse("kpis:all_values_xlsx")))
    assert rows[0] == ALL_COLUMNS
    assert ["PEP", "2016-03", 92, "", "", "", "approved", "Green"] in rows


def test_the_exported_rag_is_the_rag_on_the_kpi_page_for_every_period(manager_client, values):
    kpi_page = page(manager_client.get(reverse("kpis:detail", args=["PEP"])))
    exported = [
        r for r in csv_rows(manager_client.get(reverse("kpis:all_values_csv"))) if r[0] == "PEP"
    ]
    assert len(exported) == 4
    for row in exported:
        label = {"2016-03": "March 2016", "2016-06": "June 2016", "2016-07": "July 2016",
                 "2016-08": "August 2016"}[row[1]]  # fmt: skip
        assert rags(table_row(kpi_page, label)) == [row[7]]


def test_an_exported_file_can_be_edited_and_imported_back(
    officer_client, seeded, officer, monkeypatch
):
    monkeypatch.setattr("returns.views._today", lambda: datetime.date(2026, 11, 22))
    pep = live_kpi("PEP", owner=officer)
    add_value(pep, "2026-09", "96.5", "submitted", by=officer, commentary="Fine")
    exported = officer_client.get(reverse("kpis:values_csv", args=["PEP"])).content
    exported = exported.replace(b"2026-09", b"2026-10")
    response = officer_client.post(
        reverse("returns:import"), {"file": SimpleUploadedFile("PEP-values.csv", exported)}
    )
    assert "All 1 row can be imported" in page(officer_client.get(response["Location"]))
    officer_client.post(response["Location"])
    copy = stored("PEP", "2026-10")
    assert (copy.value, copy.commentary) == (Decimal("96.5"), "Fine")
