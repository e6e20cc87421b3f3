"""The kind of a file, told by its content, never by its name: an attachment saved as ``.txt`` that
is really a PDF is a PDF."""

from __future__ import annotations

import io
import zipfile

from .errors import DocumentRefused

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
            raise DocumentRefused("Filen ligner et ZIP-arkiv (DOCX), men er ødelagt") from err
        if "word/document.xml" in names:
            return "docx"
        raise DocumentRefused("Filen er et ZIP-arkiv, men ikke et Word-dokument (DOCX)")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentRefused("Gamle Word-filer (.doc) kan ikke læses; gem dokumentet som DOCX eller PDF")
    if data.startswith(b"{\\rtf"):
        raise DocumentRefused("RTF kan ikke læses; gem dokumentet som DOCX, PDF eller tekst")
    probe = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if probe.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:65536].lower():
        return "html"
    if probe.startswith(b"<") and any(m in probe for m in _HTML_MARKERS):
        return "html"
    return "text"
