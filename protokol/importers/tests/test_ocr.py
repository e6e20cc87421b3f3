"""Scanned minutes (page images, no text layer) read through Tesseract's Danish model.

The scans are made here: minutes from the layout generator typeset as PDF, rasterised, speckled
and slightly rotated (``layouts/scan.py``). The OCR parse is scored against the parse of the
same PDF with its text layer, and the speed reported in pages per second.
"""

from __future__ import annotations

import random
import time

import pypdfium2 as pdfium
import pytest

from protokol.importers.parse import parse_bytes
from protokol.importers.readers import ocr, reporting_progress

from .layouts import generate
from .layouts.scan import scan
from .scoring import score

pytestmark = pytest.mark.skipif(
    not ocr.available(), reason="tesseract is not installed (scripts/debian-packages.sh)"
)

#: generated minutes of one and two pages
SEEDS = (5, 3)
FLOOR = 0.85


@pytest.mark.parametrize("seed", SEEDS)
def test_a_scan_reads_nearly_as_the_text_layer(seed: int) -> None:
    _, data, layout = generate(seed, "pdf")
    scanned = scan(data, random.Random(seed))
    pages = len(pdfium.PdfDocument(scanned))
    reported: list[tuple[int, int]] = []
    started = time.perf_counter()
    with reporting_progress(lambda done, total: reported.append((done, total))):
        read = parse_bytes(scanned)
    seconds = time.perf_counter() - started
    value, failed = score(parse_bytes(data), read)
    print(
        f"\nscan of {layout.family} ({pages} pages): {value:.3f} of the text layer's parse, {pages / seconds:.2f} pages/s"
    )
    assert value >= FLOOR, failed
    assert reported == [(n, pages) for n in range(1, pages + 1)]
    assert any("OCR" in w for w in read["warnings"])
