"""Hostile files at full size, written to a folder: for the limit tests and the refusal benchmark."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from protokol.documents import docx_package
from protokol.importers import readers
from protokol.importers.readers import html as html_reader


def zip_bomb(folder: Path) -> Path:
    """A DOCX small on disk whose document part inflates past the importer's limit."""
    size = docx_package.MAX_UNCOMPRESSED_BYTES + 1024 * 1024
    path = folder / "bomb.docx"
    chunk = b"<w:t>" + b" " * (1024 * 1024 - 11) + b"</w:t>\n"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as part:
            for _ in range(size // len(chunk) + 1):
                part.write(chunk)
    return path


def pdf_with_pages(count: int) -> bytes:
    """A valid PDF whose page tree lists one page object `count` times (about 7 bytes a page)."""
    kids = b" ".join([b"3 0 R"] * count)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(count).encode() + b" >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def many_pages(folder: Path) -> Path:
    path = folder / "pages.pdf"
    path.write_bytes(pdf_with_pages(100_000))
    return path


def deep_html(folder: Path, depth: int = 100_000, text: bytes = b"Referat") -> Path:
    path = folder / "deep.html"
    path.write_bytes(b"<html><body>" + b"<div>" * depth + text + b"</div>" * depth + b"</body></html>")
    return path


def just_too_deep_html(folder: Path) -> Path:
    depth = html_reader.MAX_DEPTH + 5
    path = folder / "deep.html"
    path.write_bytes(
        b"<html><body><p>REFERAT Direktionen 30-05-2016</p>"
        + b"<div>" * depth
        + b"Punkt 1: Eventuelt"
        + b"</div>" * depth
        + b"</body></html>"
    )
    return path


def huge_file(folder: Path) -> Path:
    """500 MB of a sparse file: no disk, no time to write."""
    path = folder / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(500 * 1024 * 1024)
    assert path.stat().st_size > readers.MAX_FILE_BYTES
    return path


# Each hostile file by the name the benchmark reports it under.
ALL: dict[str, Callable[[Path], Path]] = {
    "docx_zip_bomb": zip_bomb,
    "pdf_100000_pages": many_pages,
    "html_100000_deep": deep_html,
    "text_500_mb": huge_file,
}
