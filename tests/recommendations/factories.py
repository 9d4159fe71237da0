"""Small builders for the action-plan tests: a review and its recommendations, an inspection's
area for improvement, actions, progress updates, and files to upload."""

import datetime
import io
import zipfile

from boards.models import Board
from findings.models import Finding, Framework, Inspection, JudgementArea, SourceDocument
from recommendations.models import Action, ProgressUpdate, Recommendation

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
CSV = b"month,children\n2026-10,14\n2026-11,12\n"
WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def office_file(main_part: str, *, macros: bool = False) -> bytes:
    """A minimal .docx (main_part "word/document.xml") or .xlsx ("xl/workbook.xml")."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<document/>")
        if macros:
            archive.writestr(main_part.split("/")[0] + "/vbaProject.bin", b"\x00macro")
    return buffer.getvalue()


DOCX = office_file("word/document.xml")
XLSX = office_file("xl/workbook.xml")


def make_review(slug: str = "review") -> SourceDocument:
    return SourceDocument.objects.create(slug=slug, title=f"The {slug}", kind="review")


def make_recommendation(number: int = 1, *, source=None, **fields) -> Recommendation:
    fields.setdefault("theme", f"Theme {number}")
    fields.setdefault("text", f"Recommendation number {number}.")
    return Recommendation.objects.create(
        source=source or SourceDocument.objects.filter(kind="review").first() or make_review(),
        number=number,
        **fields,
    )


def make_finding(order: int = 1, *, kind: str = Finding.Kind.IMPROVEMENT, area=None) -> Finding:
    inspection = Inspection.objects.first()
    if inspection is None:
        framework = Framework.objects.create(code="sif", name="SIF")
        inspection = Inspection.objects.create(
            framework=framework, title="The inspection", year=2015
        )
    return Finding.objects.create(
        inspection=inspection,
        area="Leadership & Governance",
        judgement_area=area,
        kind=kind,
        text=f"Finding number {order}.",
        order=order,
    )


def make_area(name: str = "Leadership, management and governance") -> JudgementArea:
    framework = Framework.objects.first() or Framework.objects.create(code="sif", name="SIF")
    return JudgementArea.objects.create(framework=framework, name=name)


def make_action(recommendation=None, **fields) -> Action:
    if recommendation is None and "finding" not in fields and "challenge" not in fields:
        recommendation = Recommendation.objects.first() or make_recommendation()
    fields.setdefault("title", "Do the thing")
    if fields.get("status") == "closed":
        fields.setdefault("closed_at", datetime.datetime.now(tz=datetime.UTC))
    return Action.objects.create(recommendation=recommendation, **fields)


def make_board(slug: str = "cpb", *, public: bool = False) -> Board:
    return Board.objects.create(
        slug=slug,
        short_name=slug.upper(),
        name=f"The {slug} board",
        nature=Board.Nature.COMMITTEE if public else Board.Nature.INTERNAL,
        meets_in_public=public,
    )


def write_update(action: Action, author, *, ago: datetime.timedelta | None = None, **fields):
    """A progress update written `ago` before now (default: just now)."""
    written = datetime.datetime.now(tz=datetime.UTC) - (ago or datetime.timedelta())
    return ProgressUpdate.objects.create(
        action=action, author=author, text=fields.pop("text", "Some progress."),
        written_at=written, **fields,
    )  # fmt: skip
