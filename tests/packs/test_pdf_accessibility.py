"""The PDF is an accessible, tagged document (PDF/UA-1): a structure tree with headings,
tables and figures with their text alternatives, marked content, the document's language and
title shown in the window, bookmarks, page numbers, and a real text layer."""

import datetime
import io
import re

import pdfua
import pikepdf
import pytest
from django.db import transaction

from packs.assembly import Edition, assemble_pack
from packs.rendering import forget_made_pdfs, pack_html, pdf_from_html
from tests import users
from tests.packs.factories import build_council, fetched, pdf_text

# The module's PDFs are made once, in the test database, which every test opens.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pdf(django_db_setup, django_db_blocker) -> pikepdf.Pdf:
    with django_db_blocker.unblock(), transaction.atomic():
        council = build_council(users.officer(), users.manager())
        pack = assemble_pack(
            fetched(council["meeting"]), edition=Edition.draft(datetime.date(2026, 11, 29))
        )
        content = pdf_from_html(pack_html(pack))
        transaction.set_rollback(True)
    document = pikepdf.open(io.BytesIO(content))
    document.raw = content
    return document


def structure_types(node, found=None) -> list[str]:
    found = [] if found is None else found
    if isinstance(node, pikepdf.Dictionary) and "/S" in node:
        found.append(str(node.S))
    kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    if isinstance(kids, pikepdf.Array):
        for kid in kids:
            structure_types(kid, found)
    elif isinstance(kids, pikepdf.Dictionary):
        structure_types(kids, found)
    return found


def test_it_is_tagged_with_a_structure_tree(pdf):
    root = pdf.Root
    assert "/StructTreeRoot" in root
    assert bool(root.MarkInfo.Marked) is True
    types = structure_types(root.StructTreeRoot)
    for tag in ("/Document", "/H1", "/H2", "/H3", "/P", "/Table", "/TH", "/TD", "/Figure"):
        assert tag in types, tag


def test_every_figure_has_a_text_alternative(pdf):
    figures = []

    def walk(node):
        if isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == "/Figure":
                figures.append(str(node.get("/Alt", "")))
            kids = node.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    assert figures
    assert all(alt.startswith("Chart of ") for alt in figures), figures


def struct_elements(node, role: str, found=None) -> list:
    found = [] if found is None else found
    if isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == role:
            found.append(node)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            struct_elements(kid, role, found)
    return found


def test_every_data_cell_names_its_headers(pdf):
    """PDF/UA 7.5: headers are tied to their cells by /Scope or by /Headers and /ID; here each
    data cell lists the IDs of its column (and row) headers."""
    header_ids = {str(cell.ID) for cell in struct_elements(pdf.Root.StructTreeRoot, "/TH")}
    cells = struct_elements(pdf.Root.StructTreeRoot, "/TD")
    assert header_ids and cells
    for cell in cells:
        named = {str(header) for header in cell.A.get("/Headers", [])}
        assert named and named <= header_ids, named


def test_the_pdfua_checker_finds_no_error(pdf, tmp_path):
    """A second opinion from the pdfua package (a machine-checkable subset of PDF/UA-1). Its
    one warning, UA-15-003, looks for /Scope or /Headers on header cells only: this PDF ties
    them from the data cells, as the test above checks."""
    path = tmp_path / "pack.pdf"
    path.write_bytes(pdf.raw)
    report = pdfua.validate(str(path))
    assert [f.rule_id for f in report.findings if f.severity >= pdfua.Severity.ERROR] == []
    assert {f.rule_id for f in report.findings} <= {"UA-15-003"}
    assert len(report.outcomes) - len(report.skipped) >= 10


def test_it_declares_its_language_and_shows_its_title(pdf):
    assert str(pdf.Root.Lang) == "en-GB"
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
    title = "Corporate Parenting Board: performance report for 8 December 2026"
    assert str(pdf.docinfo.Title) == title
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as metadata:
        assert metadata["dc:title"] == title
        # The PDF/UA identification: part 1.
        assert metadata["{http://www.aiim.org/pdfua/ns/id/}part"] == "1"


def test_it_has_bookmarks_for_its_sections(pdf):
    with pdf.open_outline() as outline:
        top = [item.title for item in outline.root]
        nested = [child.title for item in outline.root for child in item.children]
    assert top == ["Corporate Parenting Board: performance report"]
    for title in ("Contents", "Summary", "Scorecard", "Exceptions: Red KPIs", "Trends"):
        assert title in nested, title


def test_its_pages_are_numbered_and_its_text_can_be_read(pdf):
    text = pdf_text(pdf.raw)
    pages = len(pdf.pages)
    assert pages > 5
    for number in range(1, pages + 1):
        assert f"Page {number} of {pages}" in text
    assert re.search(r"CIC-VISITS\s+Oct 2026\s+78\.5%", text)


def test_the_same_html_makes_the_same_pdf_once(db):
    forget_made_pdfs()
    document = "<!DOCTYPE html><html lang='en-GB'><head><title>T</title></head><body><h1>Hi</h1>"
    first = pdf_from_html(document)
    assert pdf_from_html(document) is first
    other = pdf_from_html(document.replace("Hi", "Hello"))
    assert other != first and "Hello" in pdf_text(other)
