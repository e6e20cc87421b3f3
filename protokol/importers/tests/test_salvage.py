"""A damaged DOCX (cut off after word/document.xml, or with a broken central directory) is read
from its local file headers, with a warning, and gives the same meeting as the whole file."""

from __future__ import annotations

import io
import zipfile

import pytest

from protokol.documents.salvage import WARNING
from protokol.importers.errors import ImportRefused
from protokol.importers.parse import parse_bytes, parse_file

from .builders import havdrup_docx
from .scoring import score


def _end_of(data: bytes, name: str) -> int:
    """The offset where the part after ``name`` begins: a cut there keeps ``name`` whole."""
    infos = sorted(zipfile.ZipFile(io.BytesIO(data)).infolist(), key=lambda i: i.header_offset)
    after = [i for i in infos if i.header_offset > next(i for i in infos if i.filename == name).header_offset]
    return after[0].header_offset if after else len(data)


@pytest.fixture(scope="module")
def whole() -> tuple[bytes, dict]:
    data = havdrup_docx()
    return data, parse_bytes(data)


def test_truncated_after_the_document_is_read_with_a_warning(whole, tmp_path) -> None:
    data, expected = whole
    cut = data[: _end_of(data, "word/document.xml")]
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(io.BytesIO(cut))
    path = tmp_path / "cut.docx"
    path.write_bytes(cut)
    salvaged = parse_file(path)
    value, failed = score(expected, salvaged)
    print(f"truncated DOCX (cut at {len(cut)} of {len(data)} bytes): {value:.3f}")
    assert value == 1.0, failed
    assert salvaged["warnings"] == [WARNING]
    assert "warnings" not in expected


def test_truncated_in_the_middle_of_a_later_part(whole) -> None:
    data, expected = whole
    end = _end_of(data, "word/document.xml")
    salvaged = parse_bytes(data[: end + (len(data) - end) // 2])
    value, failed = score(expected, salvaged)
    print(f"DOCX cut half-way through the parts after the document: {value:.3f}")
    assert value == 1.0, failed
    assert salvaged["warnings"] == [WARNING]


def test_broken_central_directory(whole) -> None:
    data, expected = whole
    start = data.rfind(b"PK\x01\x02", 0, data.rfind(b"PK\x05\x06"))
    first = data.find(b"PK\x01\x02")
    assert 0 < first <= start
    broken = data[:first] + b"\0" * (len(data) - first)  # the whole directory overwritten
    salvaged = parse_bytes(broken)
    value, failed = score(expected, salvaged)
    print(f"DOCX with its central directory destroyed: {value:.3f}")
    assert value == 1.0, failed
    assert salvaged["warnings"] == [WARNING]


def test_a_whole_docx_carries_no_warning(whole) -> None:
    assert "warnings" not in whole[1]


def test_nothing_to_salvage_is_refused_in_one_line() -> None:
    data = havdrup_docx()
    document = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml")
    with pytest.raises(ImportRefused) as err:
        parse_bytes(data[: document.header_offset + 60])
    assert "\n" not in str(err.value) and "word/document.xml" in str(err.value)


def test_a_pdf_with_a_broken_cross_reference_table_is_read() -> None:
    """pdfium rebuilds a cross-reference table that points nowhere from the objects themselves."""
    from .layouts import generate

    _, data, _ = generate(8, "pdf")
    xref = data.rfind(b"\nxref")
    assert xref > 0
    broken = data[:xref] + b"\nxref\n0 3\nnot a table at all\n" + data[xref + 120 :]
    value, failed = score(parse_bytes(data), parse_bytes(broken))
    print(f"PDF with its cross-reference table garbled: {value:.3f}")
    assert value == 1.0, failed


def test_a_cut_off_pdf_is_read_as_far_as_it_goes() -> None:
    """A PDF cut off before its catalog (typst, like many writers, puts it last) is rebuilt from
    its whole objects, with a warning; cut before the pages' text, it is refused in one line."""
    from protokol.documents.salvage import PDF_WARNING

    from .layouts import generate

    _, data, _ = generate(8, "pdf")
    whole = parse_bytes(data)
    nearly = parse_bytes(data[: int(len(data) * 0.95)])
    value, failed = score(whole, nearly)
    print(f"PDF cut at 95 %: {value:.3f}")
    assert value == 1.0, failed
    assert nearly["warnings"] == [PDF_WARNING]
    part = parse_bytes(data[: int(len(data) * 0.8)])
    print(
        f"PDF cut at 80 %: {len(part['items'])} of {len(whole['items'])} items, {score(whole, part)[0]:.3f}"
    )
    assert 0 < len(part["items"]) < len(whole["items"])
    with pytest.raises(ImportRefused) as err:
        parse_bytes(data[:200])
    assert "\n" not in str(err.value) and "PDF" in str(err.value)
