"""Input that is not minutes, or not readable: one ImportRefused with a one-line reason."""

from __future__ import annotations

import io
import zipfile

import pytest

from protokol.documents import docx_package
from protokol.importers import readers
from protokol.importers.errors import ImportRefused
from protokol.importers.parse import parse_bytes, parse_file
from protokol.importers.readers import pdf as pdf_reader

from .builders import blank_pdf, encrypted_pdf, havdrup_docx


def _refused(data: bytes, tmp_path, name: str = "doc.bin") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ImportRefused) as err:
        parse_file(path)
    message = str(err.value)
    assert message and "\n" not in message
    return message


def test_empty_file(tmp_path) -> None:
    assert "tom" in _refused(b"", tmp_path)
    assert "tom" in _refused(b"  \n\r\n ", tmp_path)


def test_missing_file(tmp_path) -> None:
    with pytest.raises(ImportRefused):
        parse_file(tmp_path / "nowhere.pdf")


def test_binary_garbage(tmp_path) -> None:
    assert "binær" in _refused(bytes(range(256)) * 40, tmp_path)


def test_old_word_and_rtf(tmp_path) -> None:
    assert ".doc" in _refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, tmp_path)
    assert "RTF" in _refused(b"{\\rtf1\\ansi Referat}", tmp_path)


def test_pdf_without_text_layer(tmp_path) -> None:
    assert "tekstlag" in _refused(blank_pdf(2), tmp_path, "scan.pdf")


def test_encrypted_pdf(tmp_path) -> None:
    assert "krypteret" in _refused(encrypted_pdf(), tmp_path)


def test_broken_pdf(tmp_path) -> None:
    assert "ødelagt" in _refused(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", tmp_path)
    assert "ødelagt" in _refused(blank_pdf()[:200], tmp_path)


def test_pdf_with_absurd_page_count(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 2)
    assert "sider" in _refused(blank_pdf(3), tmp_path)


def test_zip_that_is_not_docx(tmp_path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hej")
    assert "Word" in _refused(out.getvalue(), tmp_path, "x.docx")


def test_broken_docx(tmp_path) -> None:
    data = havdrup_docx()
    document = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml")
    # cut inside the document's own text: nothing to salvage
    assert "word/document.xml" in _refused(data[: document.header_offset + 100], tmp_path, "cut.docx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<not xml")
    assert "ødelagt" in _refused(out.getvalue(), tmp_path, "bad.docx")


def test_docx_zip_bomb_is_refused_before_inflating(tmp_path, monkeypatch) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b" " * 5_000_000 + b">")
    monkeypatch.setattr(docx_package, "MAX_UNCOMPRESSED_BYTES", 1_000_000)
    assert "ZIP-bombe" in _refused(out.getvalue(), tmp_path, "bomb.docx")


def test_file_over_size_limit_is_refused_by_stat(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 10)
    assert "for stor" in _refused(b"REFERAT Direktionen d. 30-05-2016\n", tmp_path)


def test_deeply_nested_html(tmp_path) -> None:
    data = b"<html><body>" + b"<div>" * 5000 + b"Referat" + b"</div>" * 5000 + b"</body></html>"
    assert _refused(data, tmp_path, "deep.html")


def test_no_meeting_in_document(tmp_path) -> None:
    assert "ingen mødedato" in _refused("Kære alle,\n\nhusk kagen på fredag.\n".encode(), tmp_path)
    assert _refused(b"<html><body><p>Velkommen til vores hjemmeside</p></body></html>", tmp_path)


def test_format_is_told_by_content_not_name(tmp_path) -> None:
    path = tmp_path / "minutes.pdf"  # really text
    path.write_bytes(b"REFERAT Direktionen d. 30-05-2016\n\nPunkt 1: Eventuelt\n")
    result = parse_file(path)
    assert result["body"] == "Direktionen" and result["items"][0]["title"] == "Eventuelt"


def test_parse_bytes_refuses_binary() -> None:
    with pytest.raises(ImportRefused):
        parse_bytes(b"\x00\x01\x02\x03" * 100)
