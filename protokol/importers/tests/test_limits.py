"""Must show: hostile files at full size are refused with one clear line and in little memory.

test_bad_input.py checks each refusal with the limits turned down; here the files are real: a DOCX zip
bomb that inflates past the limit, a PDF that claims 100,000 pages, HTML nested 100,000 deep and a
500 MB file (`hostile_files`). The limits the importer states are its module constants (MAX_FILE_BYTES,
MAX_PAGES, MAX_DEPTH, MAX_UNCOMPRESSED_BYTES); a refusal must come within REFUSE_WITHIN_MB megabytes
more than the process already held. How fast each is refused is a benchmark
(`bench.bench_import`: refuse_*_s), not a test: the clock of a loaded machine proves nothing.
"""

from __future__ import annotations

import resource
import tracemalloc

import pytest

from protokol.importers.errors import ImportRefused
from protokol.importers.parse import parse_file
from protokol.importers.readers import html as html_reader
from protokol.importers.readers import pdf as pdf_reader
from protokol.importers.tests import hostile_files

REFUSE_WITHIN_MB = 64


def _refused_within_limits(path) -> str:
    tracemalloc.start()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    try:
        with pytest.raises(ImportRefused) as err:
            parse_file(path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    rss_growth_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    message = str(err.value)
    assert message and "\n" not in message and len(message) < 200, message
    assert peak < REFUSE_WITHIN_MB * 1024 * 1024, f"Python memory peaked at {peak / 2**20:.0f} MB"
    assert rss_growth_mb < REFUSE_WITHIN_MB, f"the process grew by {rss_growth_mb:.0f} MB"
    return message


def test_a_docx_zip_bomb_is_refused_without_inflating_it(tmp_path):
    path = hostile_files.zip_bomb(tmp_path)
    assert path.stat().st_size < 5 * 1024 * 1024  # small on disk, over the limit inflated
    assert "ZIP-bombe" in _refused_within_limits(path)


def test_a_pdf_with_100000_pages_is_refused_by_its_page_count(tmp_path):
    import pypdfium2 as pdfium

    path = hostile_files.many_pages(tmp_path)
    assert len(pdfium.PdfDocument(path.read_bytes())) == 100_000  # really a PDF of 100,000 pages
    message = _refused_within_limits(path)
    assert "for mange sider" in message and str(pdf_reader.MAX_PAGES) in message


def test_html_nested_100000_deep_is_refused(tmp_path):
    path = hostile_files.deep_html(tmp_path)
    message = _refused_within_limits(path)
    assert "dybt" in message or "ingen" in message, message
    assert html_reader.MAX_DEPTH < 100_000


def test_html_nested_just_past_the_limit_is_refused_for_its_depth(tmp_path):
    assert "dybt" in _refused_within_limits(hostile_files.just_too_deep_html(tmp_path))


def test_a_500_mb_file_is_refused_before_a_byte_is_read(tmp_path):
    message = _refused_within_limits(hostile_files.huge_file(tmp_path))
    assert "for stor" in message and "500 MB" in message
