"""Importing keeps each value's state: a row equal to a stored value leaves it exactly as it is
(a submitted value stays submitted); a changed row becomes a draft, which the preview says will
need submitting again, and the result page offers to submit at once."""

import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kpis.models import KpiValue
from tests.kpis.pages import add_target, add_value, live_kpi, messages_of, page, stored

UPLOAD = reverse("returns:import")


@pytest.fixture
def submitted(seeded, officer):
    """October's values, submitted by the officer who owns them: a plain one with two lines of
    commentary, a decimal, and a rate."""
    pep = live_kpi("PEP", owner=officer)
    add_target(pep, 2026, 95, 90)
    rate = live_kpi("SW-CHANGE-CIN", owner=officer, is_rate=True)
    return {
        "PEP": add_value(
            pep, "2026-10", 96, "submitted", by=officer, commentary="Up.\r\nTwo late.",
            provisional=True,
        ),
        "WF-AGENCY": add_value(
            live_kpi("WF-AGENCY", owner=officer), "2026-10", "13.55", "submitted", by=officer
        ),
        "SW-CHANGE-CIN": add_value(
            rate, "2026-10", "12.5", "submitted", by=officer, numerator=5, denominator=40
        ),
    }  # fmt: skip


def download(client, url: str, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, client.get(url).content)


def submit_from_result_page(client, result: str):
    """Press "Submit these values" on an import's result page, as the browser would."""
    text = page(client.get(result))
    action = re.search(r'<form method="post" action="(/returns/import/\d+/submit/)"', text)[1]
    return client.post(action, {"value": re.findall(r'name="value" value="([^"]+)"', text)})


def upload(client, file) -> tuple[str, str]:
    response = client.post(UPLOAD, {"file": file})
    assert response.status_code == 302, page(response)
    return response["Location"], page(client.get(response["Location"]))


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_importing_the_download_unchanged_leaves_submitted_values_submitted(
    officer_client, submitted, file_format
):
    before = {value.pk: (value.status, value.version) for value in KpiValue.objects.all()}
    url = reverse(f"kpis:all_values_{file_format}")
    _, text = upload(officer_client, download(officer_client, url, f"all.{file_format}"))
    assert "Nothing to import: every row matches the value already stored." in text
    after = {value.pk: (value.status, value.version) for value in KpiValue.objects.all()}
    assert after == before
    assert stored("PEP", "2026-10").provisional is True


def test_a_changed_row_will_need_submitting_again_and_the_others_stay(officer_client, submitted):
    csv = download(officer_client, reverse("kpis:all_values_csv"), "all.csv").read().decode()
    csv = csv.replace("WF-AGENCY,2026-10,13.55", "WF-AGENCY,2026-10,14")
    preview, text = upload(officer_client, SimpleUploadedFile("all.csv", csv.encode()))
    row = text[text.index('id="line-') :]
    assert "Replaces 13.6% (submitted): will need submitting again" in row
    assert "1 row can be imported; 3 match the value already stored" in text

    response = officer_client.post(preview)
    assert response["Location"] == preview
    assert stored("WF-AGENCY", "2026-10").status == "draft"
    assert stored("PEP", "2026-10").status == "submitted"
    assert stored("SW-CHANGE-CIN", "2026-10").status == "submitted"
    result = page(officer_client.get(preview))
    assert "Imported 1 value as a draft" in messages_of(response)[0]
    assert "These values are drafts until they are submitted" in result
    assert "WF-AGENCY" in result and "Submit this value for approval" in result


def test_the_result_page_submits_the_imported_drafts_for_approval(officer_client, submitted):
    csv = "kpi_code,period,value,numerator,denominator,commentary\nWF-AGENCY,2026-10,14,,,\n"
    preview, _ = upload(officer_client, SimpleUploadedFile("one.csv", csv.encode()))
    officer_client.post(preview)
    response = submit_from_result_page(officer_client, preview)
    assert messages_of(response)[-1] == "Submitted 1 value for approval."
    value = stored("WF-AGENCY", "2026-10")
    assert (value.status, value.value) == ("submitted", Decimal(14))
    assert "Nothing left to submit" in page(officer_client.get(preview))


def test_a_value_changed_since_the_import_is_not_submitted_from_its_result_page(
    officer_client, submitted, manager
):
    csv = "kpi_code,period,value,numerator,denominator,commentary\nWF-AGENCY,2026-10,14,,,\n"
    preview, _ = upload(officer_client, SimpleUploadedFile("one.csv", csv.encode()))
    officer_client.post(preview)
    text = page(officer_client.get(preview))
    KpiValue.objects.filter(kpi__code="WF-AGENCY").update(value=Decimal(15), version=99)
    action = re.search(r'<form method="post" action="(/returns/import/\d+/submit/)"', text)[1]
    response = officer_client.post(
        action, {"value": re.findall(r'name="value" value="([^"]+)"', text)}
    )
    assert re.search(r"WF-AGENCY.*changed", messages_of(response)[-1])
    assert stored("WF-AGENCY", "2026-10").status == "draft"


def test_someone_else_cannot_submit_an_import_they_did_not_make(
    officer_client, manager_client, submitted
):
    csv = io.BytesIO(
        b"kpi_code,period,value,numerator,denominator,commentary\nWF-AGENCY,2026-10,14,,,\n"
    )
    preview, _ = upload(officer_client, SimpleUploadedFile("one.csv", csv.getvalue()))
    officer_client.post(preview)
    batch = preview.split("/")[-2]
    assert manager_client.post(reverse("returns:import_submit", args=[batch])).status_code == 404
