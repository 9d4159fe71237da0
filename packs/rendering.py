"""A pack as HTML (for the PDF) and as a tagged, accessible PDF.

WeasyPrint makes the PDF as PDF/UA-1: tagged structure from the HTML, the document language
from <html lang>, the title from <title>, bookmarks from the headings, and a real text layer.
It runs no JavaScript and fetches nothing: the charts are inline SVG, the styles are inline,
and any other URL is refused, so nothing a person typed can make the server fetch a resource.
"""

import functools

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from packs.assembly import Pack
from wokingham_cs.private_files import sha256_of

PDF_VARIANT = "pdf/ua-1"


class RenderError(Exception):
    """The PDF could not be made; the message says why."""


def pack_html(pack: Pack) -> str:
    """The whole pack as one HTML document, as the PDF is made from it."""
    return render_to_string("packs/pack_pdf.html", {"pack": pack})


def html_sha256(html: str) -> str:
    """Identifies a pack's content: the same figures and edition give the same HTML."""
    return sha256_of(html.encode())


def pdf_from_html(html: str) -> bytes:
    """The tagged PDF of a print document (templates/base_print.html)."""
    return pdf_and_pages(html)[0]


def pdf_and_pages(html: str) -> tuple[bytes, int]:
    """The tagged PDF of a print document, and its number of pages.

    The same HTML always makes the same PDF, byte for byte, so the last few are kept: a pack
    whose figures have not changed is often made again (a draft downloaded twice, the demo
    loaded again), and WeasyPrint takes seconds where the HTML takes milliseconds.
    """
    return _made(html)


def forget_made_pdfs() -> None:
    """Empty the PDFs kept by pdf_and_pages (for the benchmark's warm runs)."""
    _made.cache_clear()


@functools.lru_cache(maxsize=8)
def _made(html: str) -> tuple[bytes, int]:
    try:
        document = HTML(
            string=html,
            base_url=str(settings.BASE_DIR),
            # No protocol allowed: a URL in the document is never fetched.
            url_fetcher=URLFetcher(allowed_protocols=()),
        ).render(pdf_variant=PDF_VARIANT)
        return document.write_pdf(pdf_variant=PDF_VARIANT), len(document.pages)
    except Exception as error:  # WeasyPrint raises many kinds; a person needs one message
        raise RenderError(f"WeasyPrint could not make the PDF: {error}") from error
