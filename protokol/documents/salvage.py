"""A damaged ZIP package (a DOCX cut off in transfer, or with a broken central directory) read
from its local file headers.

A ZIP file stores every part twice over: a local header right before the part's data, and an
entry in the central directory at the end. A file cut short loses the directory first, though the
parts before the cut are whole. Reading the local headers one after the other recovers them; the
package is then rebuilt around what was found, with the references to lost parts left out, so
that the ordinary DOCX reader can open it.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib

from .errors import DocumentRefused

_LOCAL = b"PK\x03\x04"
_HEADER = struct.Struct("<4sHHHHHIIIHH")
_DATA_DESCRIPTOR = 0x08
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_TYPES = {
    "word/styles.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "word/numbering.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
}
_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*/>")
_TARGET = re.compile(rb'Target="([^"]+)"')
#: the warning a salvaged package carries, in the words the user reads
WARNING = "DOCX-filen var beskadiget (ufuldstændigt ZIP-arkiv); teksten er læst fra de dele, der var hele"


def _inflate(data: bytes, start: int, method: int, size: int, limit: int) -> tuple[bytes, int] | None:
    """The part's content and where its compressed data ends, or None where it is cut off."""
    if method == 0:
        if size <= 0 or start + size > len(data):
            return None
        return data[start : start + size], start + size
    if method != 8:
        return None
    inflater = zlib.decompressobj(-15)
    try:
        out = inflater.decompress(data[start : start + size] if size > 0 else data[start:], limit + 1)
    except zlib.error:
        return None
    if not inflater.eof or len(out) > limit:
        return None
    return out, len(data) - len(inflater.unused_data) if size <= 0 else start + size


def local_parts(data: bytes, limit: int) -> dict[str, bytes]:
    """Every part whose local header and data are whole, by name (at most ``limit`` bytes in all)."""
    parts: dict[str, bytes] = {}
    total = 0
    pos = data.find(_LOCAL)
    while pos >= 0 and pos + _HEADER.size <= len(data):
        fields = _HEADER.unpack_from(data, pos)
        flags, method, size, name_len, extra_len = fields[2], fields[3], fields[7], fields[9], fields[10]
        name_start = pos + _HEADER.size
        start = name_start + name_len + extra_len
        name = data[name_start : name_start + name_len].decode(
            "utf-8" if flags & 0x800 else "cp437", "replace"
        )
        found = _inflate(
            data, start, method, -1 if flags & _DATA_DESCRIPTOR and size == 0 else size, limit - total
        )
        if found is None:
            pos = data.find(_LOCAL, pos + 4)  # a damaged part: look for the next header
            continue
        content, end = found
        total += len(content)
        parts.setdefault(name, content)
        pos = data.find(_LOCAL, end)
    return parts


def _relationships(rels: bytes, base: str, present: set[str]) -> bytes:
    """A relationships part without the references to parts that were lost."""

    def keep(m: re.Match) -> bytes:
        entry = m.group(0)
        target = _TARGET.search(entry)
        if b'TargetMode="External"' in entry or target is None:
            return entry
        path = target.group(1).decode("utf-8", "replace").lstrip("/")
        name = path if target.group(1).startswith(b"/") else base + path
        return entry if name in present else b""

    return _RELATIONSHIP.sub(keep, rels)


def rebuild_docx(data: bytes, limit: int) -> bytes:
    """A whole DOCX package from the intact parts of a damaged one; refuses when the document
    itself (word/document.xml) is not among them."""
    parts = local_parts(data, limit)
    if "word/document.xml" not in parts:
        raise DocumentRefused(
            "DOCX-filen er ødelagt, og dokumentets tekst (word/document.xml) kan ikke genskabes"
        )
    present = set(parts)
    overrides = "".join(
        f'<Override PartName="/{name}" ContentType="{kind}"/>'
        for name, kind in _TYPES.items()
        if name in present
    )
    parts["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{_MAIN}"/>{overrides}</Types>'
    ).encode()
    parts["_rels/.rels"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'officeDocument" Target="word/document.xml"/></Relationships>'
    )
    if "word/_rels/document.xml.rels" in parts:
        parts["word/_rels/document.xml.rels"] = _relationships(
            parts["word/_rels/document.xml.rels"], "word/", present
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, content in parts.items():
            if name.endswith("/") or name.startswith("__MACOSX/"):
                continue
            archive.writestr(name, content)
    return out.getvalue()


_PDF_OBJECT = re.compile(rb"(?<![\d])(\d{1,7}) 0 obj\b(.*?)\bendobj", re.S)
_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")
_PARENT = re.compile(rb"/Parent\s+\d+\s+0\s+R")
#: the warning a PDF rebuilt from its objects carries
PDF_WARNING = (
    "PDF'en var ufuldstændig (uden krydsreferencer eller katalog); siderne er læst så langt, de rækker"
)


def rebuild_pdf(data: bytes) -> bytes | None:
    """A PDF cut off before its catalog (which many writers put last) made readable again: the
    whole objects kept, a new page tree over the page objects among them, a new catalog and
    trailer; pdfium finds the objects by scanning. None where no page survived."""
    end = data.rfind(b"endobj")
    if not data.startswith(b"%PDF-") or end < 0:
        return None
    body = data[: end + len(b"endobj")]
    objects = [(int(m.group(1)), m.start(2), m.end(2)) for m in _PDF_OBJECT.finditer(body)]
    pages = [
        (n, start, stop) for n, start, stop in objects if _PAGE.search(body, start, min(stop, start + 2000))
    ]
    if not pages:
        return None
    top = max(n for n, _, _ in objects) + 1
    out = bytearray()
    last = 0
    for _, start, stop in pages:  # each page now belongs to the new tree
        head = body[start : min(stop, start + 2000)]
        out += body[last:start] + _PARENT.sub(b"/Parent %d 0 R" % top, head, count=1)
        last = start + len(head)
    out += body[last:]
    kids = b" ".join(b"%d 0 R" % n for n, _, _ in pages)
    out += (
        b"\n%d 0 obj\n<< /Type /Pages /Kids [%s] /Count %d >>\nendobj\n" % (top, kids, len(pages))
        + b"%d 0 obj\n<< /Type /Catalog /Pages %d 0 R >>\nendobj\n" % (top + 1, top)
        + b"trailer\n<< /Root %d 0 R /Size %d >>\n%%%%EOF\n" % (top + 1, top + 2)
    )
    return bytes(out)
