"""Checking an uploaded evidence document before it is stored: its kind is read from its
content (the first bytes, or a zip's structure for Word and Excel files), and must agree with
its name; anything else is refused with a message saying what is accepted. No database access.

A program renamed "report.pdf" does not start as a PDF does, so it is refused; a Word or Excel
file with macros is refused too, since macros run code.
"""

import io
import zipfile
from dataclasses import dataclass

from django.template.defaultfilters import filesizeformat

ACCEPTED = "a PDF, Word (.docx), Excel (.xlsx), CSV, PNG or JPEG file"

# The name's ending each kind may have.
EXTENSIONS = {
    "pdf": (".pdf",),
    "docx": (".docx",),
    "xlsx": (".xlsx",),
    "csv": (".csv",),
    "png": (".png",),
    "jpeg": (".jpg", ".jpeg"),
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "png": "image/png",
    "jpeg": "image/jpeg",
}
KIND_WORDS = {
    "pdf": "a PDF",
    "docx": "a Word document",
    "xlsx": "an Excel workbook",
    "csv": "a CSV file",
    "png": "a PNG image",
    "jpeg": "a JPEG image",
}
# The first bytes of programs people might rename: Windows (MZ), Linux (ELF), macOS (Mach-O),
# and scripts.
PROGRAM_STARTS = (
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xcf\xfa\xed\xfe",
    b"\xce\xfa\xed\xfe",
    b"#!",
)
# Control characters other than tab, line feed and carriage return never appear in a CSV file.
CONTROL = bytes(range(32)).replace(b"\t", b"").replace(b"\n", b"").replace(b"\r", b"")


class UploadRefused(Exception):
    """The file cannot be kept as evidence; the message says why and what would do."""


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    kind: str
    content: bytes

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]


def kind_from_name(name: str) -> str | None:
    lowered = name.lower()
    for kind, endings in EXTENSIONS.items():
        if lowered.endswith(endings):
            return kind
    return None


def kind_from_content(content: bytes) -> str | None:
    """What the bytes are, whatever the file is called (None: none of the accepted kinds)."""
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if content.startswith(b"PK\x03\x04"):
        return _office_kind(content)
    if _is_text(content):
        return "csv"
    return None


def _office_kind(content: bytes) -> str | None:
    """A .docx or .xlsx is a zip holding [Content_Types].xml and the document's main part.
    Only the zip's directory is read: nothing is unpacked."""
    try:
        names = set(zipfile.ZipFile(io.BytesIO(content)).namelist())
    except (zipfile.BadZipFile, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def has_macros(content: bytes) -> bool:
    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    return any(name.lower().endswith("vbaproject.bin") for name in names)


def _is_text(content: bytes) -> bool:
    """UTF-8 (or Windows-1252, as Excel saves CSV) text without control characters."""
    if any(byte in CONTROL for byte in content[:65536]):
        return False
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def check_upload(name: str, content: bytes, *, max_bytes: int) -> CheckedUpload:
    """The upload as evidence, or UploadRefused saying why not."""
    shown = name or "The file"
    if not content:
        raise UploadRefused(f"“{shown}” is empty: choose the file again")
    if len(content) > max_bytes:
        size, limit = filesizeformat(len(content)), filesizeformat(max_bytes)
        if size == limit:  # just over: the rounded sizes would read the same
            size, limit = f"{len(content):,} bytes", f"{limit} ({max_bytes:,} bytes)"
        raise UploadRefused(f"“{shown}” is {size}: documents must be {limit} or smaller")
    named = kind_from_name(name)
    if named is None:
        raise UploadRefused(f"“{shown}” is not {ACCEPTED}: upload one of those")
    if content.startswith(PROGRAM_STARTS):
        raise UploadRefused(
            f"“{shown}” is a program, not {KIND_WORDS[named]}, whatever its name says: it "
            f"cannot be kept. Upload {ACCEPTED}"
        )
    found = kind_from_content(content)
    if found != named:
        # Text with no other marks is what a CSV file is; said so, rather than "a CSV file".
        what = "plain text" if found == "csv" else KIND_WORDS.get(found, f"not {KIND_WORDS[named]}")
        raise UploadRefused(
            f"“{shown}” is named as {KIND_WORDS[named]}, but its content is {what}: upload "
            f"{ACCEPTED} whose name matches what it holds"
        )
    if found in ("docx", "xlsx") and has_macros(content):
        raise UploadRefused(
            f"“{shown}” contains macros, which run code: save it without macros (as .docx or "
            ".xlsx) and upload it again"
        )
    return CheckedUpload(name=name, kind=found, content=content)
