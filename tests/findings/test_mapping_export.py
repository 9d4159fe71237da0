"""/findings/mapping.csv and /findings/mapping.xlsx: the Annex A as one row per finding and KPI."""

import csv
import io

import openpyxl
from django.urls import reverse

from findings.models import Finding

COLUMNS = [
    "area",
    "kind",
    "finding",
    "kpi_code",
    "kpi_title",
    "kpi_status",
    "boards",
    "other_monitoring",
]


def read_csv(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_csv_has_exactly_the_agreed_columns(manager_client, seeded):
    response = manager_client.get(reverse("findings:mapping_csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="mapping.csv"' in response["Content-Disposition"]
    header = response.content.decode("utf-8").splitlines()[0]
    assert header == ",".join(COLUMNS)


def test_one_row_per_finding_and_kpi_and_one_for_a_finding_without(manager_client, seeded):
    rows = read_csv(manager_client.get(reverse("findings:mapping_csv")))
    expected = sum(max(1, finding.kpis.count()) for finding in Finding.objects.all())
    assert len(rows) == expected == 38 + 13
    without = [row for row in rows if row["finding"].startswith("Life story work")]
    assert len(without) == 1
    assert without[0]["kpi_code"] == without[0]["kpi_title"] == without[0]["boards"] == ""
    assert without[0]["other_monitoring"] == "Ofsted action plan"


def test_rows_reproduce_the_documents_mapping(manager_client, seeded):
    rows = read_csv(manager_client.get(reverse("findings:mapping_csv")))
    pep = next(row for row in rows if row["kpi_code"] == "PEP")
    assert pep == {
        "area": "Children Looked After & Care Leavers",
        "kind": "strength",
        "finding": "The virtual school has made significant progress in improving support to "
        "children looked after, including improved personal education plans.",
        "kpi_code": "PEP",
        "kpi_title": "% Eligible LAC with a Recent PEP",
        "kpi_status": "live",
        "boards": "CSLT; CPB",
        "other_monitoring": "Quality assurance audits of personal education plans",
    }
    lac = next(row for row in rows if row["kpi_code"] == "LAC-20MILES")
    assert lac["boards"] == "CSLT; SMT; CPB; CS O&S; Executive"
    assert lac["kind"] == "area for improvement"
    rhi = next(row for row in rows if row["kpi_code"] == "RHI-TIMELY")
    assert (rhi["kpi_status"], rhi["boards"]) == ("proposed", "")


def test_the_export_follows_the_filters_on_the_page(manager_client, seeded):
    rows = read_csv(manager_client.get(reverse("findings:mapping_csv"), {"area": "CSE"}))
    assert {row["area"] for row in rows} == {"CSE"}
    assert len(rows) == 3


def test_xlsx_holds_the_same_rows_as_the_csv(manager_client, seeded):
    csv_rows = read_csv(manager_client.get(reverse("findings:mapping_csv")))
    response = manager_client.get(reverse("findings:mapping_xlsx"))
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [
        [cell if cell is not None else "" for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    assert values[0] == COLUMNS
    assert [dict(zip(COLUMNS, row, strict=True)) for row in values[1:]] == csv_rows
