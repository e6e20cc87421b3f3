"""Must show: hostile files at full size are refused with one clear line, quickly and in little memory.

test_bad_input.py checks each refusal with the limits turned down; here the files are real: a DOCX zip
bomb that inflates past the limit, a PDF that claims 100,000 pages, HTML nested 100,000 deep and a
500 MB file. The limits the importer states are its module constants (MAX_FILE_BYTES, MAX_PAGES,
MAX_DEPTH, MAX_UNCOMPRESSED_BYTES); a refusal must come within REFUSE_WITHIN_S seconds and
REFUSE_WITHIN_MB megabytes more than the process already held.
"""

from __future__ import annotations

import resource
import time
import tracemalloc
import zipfile

import pytest

from protokol.documents import docx_package
from protokol.importers import readers
from protokol.importers.errors import ImportRefused
from protokol.importers.parse import parse_file
from protokol.importers.readers import html as html_reader
from protokol.importers.readers import pdf as pdf_reader

REFUSE_WITHIN_S = 5.0
REFUSE_WITHIN_MB = 64


def _refused_within_limits(path) -> str:
    tracemalloc.start()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    started = time.perf_counter()
    try:
        with pytest.raises(ImportRefused) as err:
            parse_file(path)
        elapsed = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    rss_growth_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    message = str(err.value)
    assert message and "\n" not in message and len(message) < 200, message
    assert elapsed < REFUSE_WITHIN_S, f"refused after {elapsed:.1f} s: {message}"
    assert peak < REFUSE_WITHIN_MB * 1024 * 1024, f"Python memory peaked at {peak / 2**20:.0f} MB"
    assert rss_growth_mb < REFUSE_WITHIN_MB, f"the process grew by {rss_growth_mb:.0f} MB"
    return message


def test_a_docx_zip_bomb_is_refused_without_inflating_it(tmp_path):
    size = docx_package.MAX_UNCOMPRESSED_BYTES + 1024 * 1024
    path = tmp_path / "bomb.docx"
    chunk = b"<w:t>" + b" " * (1024 * 1024 - 11) + b"</w:t>\n"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as part:
            for _ in range(size // len(chunk) + 1):
                part.write(chunk)
    assert path.stat().st_size < 5 * 1024 * 1024  # small on disk, over the limit inflated
    assert "ZIP-bombe" in _refused_within_limits(path)


def _pdf_with_pages(count: int) -> bytes:
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


def test_a_pdf_with_100000_pages_is_refused_by_its_page_count(tmp_path):
    import pypdfium2 as pdfium

    data = _pdf_with_pages(100_000)
    assert len(pdfium.PdfDocument(data)) == 100_000  # really a PDF of 100,000 pages
    path = tmp_path / "pages.pdf"
    path.write_bytes(data)
    message = _refused_within_limits(path)
    assert "for mange sider" in message and str(pdf_reader.MAX_PAGES) in message


def test_html_nested_100000_deep_is_refused(tmp_path):
    path = tmp_path / "deep.html"
    depth = 100_000
    path.write_bytes(b"<html><body>" + b"<div>" * depth + b"Referat" + b"</div>" * depth + b"</body></html>")
    message = _refused_within_limits(path)
    assert "dybt" in message or "ingen" in message, message
    assert depth > html_reader.MAX_DEPTH


def test_html_nested_just_past_the_limit_is_refused_for_its_depth(tmp_path):
    depth = html_reader.MAX_DEPTH + 5
    path = tmp_path / "deep.html"
    path.write_bytes(
        b"<html><body><p>REFERAT Direktionen 30-05-2016</p>"
        + b"<div>" * depth
        + b"Punkt 1: Eventuelt"
        + b"</div>" * depth
        + b"</body></html>"
    )
    assert "dybt" in _refused_within_limits(path)


def test_a_500_mb_file_is_refused_before_a_byte_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(500 * 1024 * 1024)  # sparse: no disk, no time
    assert path.stat().st_size > readers.MAX_FILE_BYTES
    message = _refused_within_limits(path)
    assert "for stor" in message and "500 MB" in message
