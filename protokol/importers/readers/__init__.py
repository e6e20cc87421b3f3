"""Readers: one file format each, all producing :class:`~protokol.importers.lines.Line` lists.

The format is told by content, never by the file name: an attachment saved as ``.txt`` that
is really a PDF is read as a PDF.
"""

from __future__ import annotations

from pathlib import Path

from protokol.documents.kinds import sniff
from protokol.documents.notes import collected_warnings, progress, reporting_progress, warn

from ..errors import ImportRefused
from ..lines import Line

__all__ = [
    "MAX_FILE_BYTES",
    "collected_warnings",
    "progress",
    "read_bytes",
    "read_file",
    "reporting_progress",
    "sniff",
    "warn",
]

#: files above this size are refused before a byte is read
MAX_FILE_BYTES = 200 * 1024 * 1024


def read_bytes(data: bytes) -> list[Line]:
    if not data.strip():
        raise ImportRefused("Filen er tom")
    kind = sniff(data)
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data)
    if kind == "docx":
        from .docx import read_docx

        return read_docx(data)
    if kind == "html":
        from .html import read_html

        return read_html(data)
    from .text import read_text

    return read_text(data)


def read_file(path: Path) -> list[Line]:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise ImportRefused(f"Filen kan ikke læses: {err.strerror or err}") from err
    if size > MAX_FILE_BYTES:
        raise ImportRefused(
            f"Filen er for stor ({size // (1024 * 1024)} MB; grænsen er {MAX_FILE_BYTES // (1024 * 1024)} MB)"
        )
    if size == 0:
        raise ImportRefused("Filen er tom")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ImportRefused(f"Filen kan ikke læses: {err.strerror or err}") from err
    return read_bytes(data)
