"""The plain text of an attachment (PDF or DOCX), for search: no layout reading, and an empty text is fine.

A scanned PDF without a text layer is a valid attachment; only a file that cannot be opened is refused,
and one past the readers' limits (a DOCX that inflates past its unpacked limit, a PDF of too many pages),
before it is read.
"""

import io

from .errors import DocumentRefused
from .kinds import sniff

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIME_TYPES = {"pdf": PDF, "docx": DOCX}
#: a PDF of more pages is refused before its text is read (the importers' PDF reader keeps it too)
MAX_PAGES = 3000


class Unreadable(DocumentRefused):
    """The reader failed on the file (as opposed to a limit refusing it before reading)."""


def attachment_type(data: bytes) -> str | None:
    """The MIME type of the bytes where they are a PDF or a DOCX, judged by content; else None."""
    try:
        return MIME_TYPES.get(sniff(data))
    except DocumentRefused:
        return None


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF, in order, an empty string for a page without text."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        if len(pdf) > MAX_PAGES:
            raise DocumentRefused(f"PDF'en har for mange sider ({len(pdf)}; grænsen er {MAX_PAGES})")
        pages = []
        for page in pdf:
            textpage = page.get_textpage()
            # pdfium marks a hyphen at a line end as U+FFFE; it is the source's hyphen.
            pages.append(textpage.get_text_range().replace("\ufffe", "-").replace("\r\n", "\n").strip())
            textpage.close()
            page.close()
        return pages
    finally:
        pdf.close()


def _pdf_text(data: bytes) -> str:
    return "\n\n".join(p for p in pdf_pages(data) if p)


def _docx_text(data: bytes) -> str:
    import docx

    from .docx_package import check_package

    check_package(data)
    document = docx.Document(io.BytesIO(data))
    parts = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells if c.text.strip()]
            if cells:
                parts.append(" | ".join(cells))
    return "\n\n".join(parts)


def plain_text(data: bytes, mime_type: str) -> str:
    """The text of a PDF or DOCX; raises DocumentRefused where the file cannot be read as that type."""
    try:
        return _pdf_text(data) if mime_type == PDF else _docx_text(data)
    except (DocumentRefused, MemoryError):
        raise
    except Exception as err:  # noqa: BLE001 - any failure of the reader means: not a readable file
        kind = "PDF" if mime_type == PDF else "DOCX"
        raise Unreadable(f"Filen kan ikke læses som {kind}") from err
