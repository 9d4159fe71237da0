"""Evidence documents are checked by their content, not only their name: PDF, Word, Excel, CSV,
PNG and JPEG are kept; a program renamed .pdf, a file whose content is not what its name
says, a workbook with macros, an empty or oversized file are refused with a message saying so,
and nothing is stored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from recommendations.models import EvidenceDocument, ProgressUpdate
from recommendations.uploads import UploadRefused, check_upload
from tests.recommendations.factories import (
    CSV,
    DOCX,
    JPEG,
    PDF,
    PNG,
    WINDOWS_PROGRAM,
    XLSX,
    make_action,
    office_file,
)

LIMIT = 10_000


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("minutes.pdf", PDF, "pdf"),
        ("Plan v2.DOCX", DOCX, "docx"),
        ("figures.xlsx", XLSX, "xlsx"),
        ("figures.csv", CSV, "csv"),
        ("figures.csv", "month,cost\n2026-10,£12\n".encode("cp1252"), "csv"),
        ("chart.png", PNG, "png"),
        ("photo.jpg", JPEG, "jpeg"),
        ("photo.jpeg", JPEG, "jpeg"),
    ],
)
def test_the_accepted_kinds_are_recognised_by_their_content(name, content, kind):
    assert check_upload(name, content, max_bytes=LIMIT).kind == kind


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "report.pdf",
            WINDOWS_PROGRAM,
            "“report.pdf” is a program, not a PDF, whatever its name says",
        ),
        ("report.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 40, "is a program, not a PDF"),
        ("notes.pdf", CSV, "“notes.pdf” is named as a PDF, but its content is plain text"),
        ("plan.docx", PDF, "is named as a Word document, but its content is a PDF"),
        ("plan.docx", XLSX, "is named as a Word document, but its content is an Excel workbook"),
        ("data.xlsx", b"PK\x03\x04 not really a zip", "its content is not an Excel workbook"),
        ("chart.png", JPEG, "is named as a PNG image, but its content is a JPEG image"),
        ("figures.csv", b"a,b\x00\x01\n", "is named as a CSV file, but its content is not a CSV"),
        ("setup.exe", WINDOWS_PROGRAM, "“setup.exe” is not a PDF, Word (.docx), Excel (.xlsx)"),
        ("no-extension", PDF, "is not a PDF, Word (.docx), Excel (.xlsx), CSV, PNG or JPEG"),
        ("budget.xlsx", office_file("xl/workbook.xml", macros=True), "contains macros"),
        ("letter.docx", office_file("word/document.xml", macros=True), "contains macros"),
        ("empty.pdf", b"", "“empty.pdf” is empty"),
        (
            "big.pdf",
            PDF + b"0" * 2 * LIMIT,
            "“big.pdf” is 19.6\xa0KB: documents must be 9.8\xa0KB or",
        ),
        (
            "just-over.pdf",
            PDF + b"0" * (LIMIT - len(PDF) + 1),
            f"“just-over.pdf” is {LIMIT + 1:,} bytes: documents must be 9.8\xa0KB ({LIMIT:,} "
            "bytes) or smaller",
        ),
    ],
)
def test_anything_else_is_refused_with_a_message_saying_why(name, content, message):
    with pytest.raises(UploadRefused) as refused:
        check_upload(name, content, max_bytes=LIMIT)
    assert message in str(refused.value)


@pytest.fixture
def action(officer):
    return make_action(owner=officer)


def upload(client, action, name: str, content: bytes, **fields):
    return client.post(
        reverse("actions:update_new", args=[action.pk]),
        {"text": "Minutes of the meeting attached.", "document": SimpleUploadedFile(name, content),
         **fields},
    )  # fmt: skip


def test_a_program_renamed_pdf_is_refused_and_nothing_is_kept(
    client, officer, action, settings, tmp_path
):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    client.force_login(officer)
    response = upload(client, action, "minutes.pdf", WINDOWS_PROGRAM)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "“minutes.pdf” is a program, not a PDF, whatever its name says" in page
    # What was typed stays in the form.
    assert "Minutes of the meeting attached.</textarea>" in page
    assert not ProgressUpdate.objects.exists()
    assert not EvidenceDocument.objects.exists()
    assert list(tmp_path.rglob("*")) == []


def test_a_document_over_the_size_limit_is_refused_before_it_is_read(
    client, officer, action, settings
):
    settings.EVIDENCE_MAX_BYTES = 1024
    client.force_login(officer)
    response = upload(client, action, "minutes.pdf", PDF + b"0" * 2000)
    assert response.status_code == 200
    assert "documents must be 1.0\xa0KB or smaller" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_an_accepted_document_is_kept_privately_by_its_hash(
    client, officer, action, settings, tmp_path
):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    client.force_login(officer)
    response = upload(client, action, "Panel minutes.pdf", PDF)
    assert response.status_code == 302
    document = EvidenceDocument.objects.get()
    assert (document.original_name, document.kind, document.size) == ("Panel minutes.pdf", "pdf",
                                                                        len(PDF))  # fmt: skip
    assert document.file_name == f"evidence/{document.sha256[:2]}/{document.sha256}.pdf"
    assert (tmp_path / document.file_name).read_bytes() == PDF
    assert document.uploaded_by == officer
