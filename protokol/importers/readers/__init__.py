"""Readers: one file format each, all producing :class:`~protokol.importers.lines.Line` lists.

The format is told by content, never by the file name: an attachment saved as ``.txt`` that
is really a PDF is read as a PDF.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from ..errors import ImportRefused
from ..lines import Line

#: files above this size are refused before a byte is read
MAX_FILE_BYTES = 200 * 1024 * 1024

_WARNINGS: ContextVar[list[str] | None] = ContextVar("import_warnings", default=None)


def warn(message: str) -> None:
    """Tell the user something about a document that was read anyway (a damaged file salvaged)."""
    notes = _WARNINGS.get()
    if notes is not None and message not in notes:
        notes.append(message)


_PROGRESS: ContextVar[Callable[[int, int], None] | None] = ContextVar("import_progress", default=None)


def progress(done: int, total: int) -> None:
    """A reader's progress through a slow document (OCR: pages read of all)."""
    report = _PROGRESS.get()
    if report is not None:
        report(done, total)


@contextmanager
def reporting_progress(report: Callable[[int, int], None]) -> Iterator[None]:
    """Call ``report(done, total)`` as the readers get on while the block runs (a progress bar)."""
    token = _PROGRESS.set(report)
    try:
        yield
    finally:
        _PROGRESS.reset(token)


@contextmanager
def collected_warnings() -> Iterator[list[str]]:
    """The warnings the readers give while the block runs."""
    notes: list[str] = []
    token = _WARNINGS.set(notes)
    try:
        yield notes
    finally:
        _WARNINGS.reset(token)


_HTML_MARKERS = (
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<div",
    b"<p>",
    b"<p ",
    b"<h1",
    b"<h2",
    b"<table",
)


def sniff(data: bytes) -> str:
    """ "pdf", "docx", "html" or "text" (refuses other binary formats with a reason)."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as err:
            if data.startswith(b"PK\x03\x04") and b"word/document.xml" in data:
                return "docx"  # damaged, but its parts may be whole: the DOCX reader salvages them
            raise ImportRefused("Filen ligner et ZIP-arkiv (DOCX), men er ødelagt") from err
        if "word/document.xml" in names:
            return "docx"
        raise ImportRefused("Filen er et ZIP-arkiv, men ikke et Word-dokument (DOCX)")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportRefused("Gamle Word-filer (.doc) kan ikke læses; gem dokumentet som DOCX eller PDF")
    if data.startswith(b"{\\rtf"):
        raise ImportRefused("RTF kan ikke læses; gem dokumentet som DOCX, PDF eller tekst")
    probe = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if probe.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:65536].lower():
        return "html"
    if probe.startswith(b"<") and any(m in probe for m in _HTML_MARKERS):
        return "html"
    return "text"


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
