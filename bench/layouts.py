"""The importer scored on the layout generator's documents (protokol/importers/tests/layouts), with more
seeds than `make test` uses and a seed range of its own; the spread per numbering family and format."""

from __future__ import annotations

from collections import defaultdict

from protokol.importers.errors import ImportRefused
from protokol.importers.parse import parse_bytes
from protokol.importers.tests.layouts import FORMATS, generate
from protokol.importers.tests.scoring import _scorer

#: documents per format; seeds from FIRST_SEED on, past the test's
SAMPLE = {"text": 200, "markdown": 200, "docx": 150, "html": 150, "pdf": 60}
FIRST_SEED = 10_000


def score_layouts() -> list[dict]:
    """One result per format (the share of checks right), each with its families' mean and minimum."""
    from bench.common import result

    scorer = _scorer()
    out = []
    for fmt in FORMATS:
        passed = total = 0
        families: dict[str, list[float]] = defaultdict(list)
        for seed in range(FIRST_SEED, FIRST_SEED + SAMPLE[fmt]):
            expected, data, layout = generate(seed, fmt)
            try:
                actual = parse_bytes(data)
            except ImportRefused:
                actual = {}
            checks = scorer.score(expected, actual)
            ok = sum(1 for _, good in checks if good)
            passed, total = passed + ok, total + len(checks)
            families[layout.numbering].append(ok / len(checks))
        entry = result(f"layout_generator_score_{fmt}", passed / total, "share", goal=0.95)
        entry["documents"] = SAMPLE[fmt]
        entry["families"] = {
            name: {"n": len(v), "mean": round(sum(v) / len(v), 4), "min": round(min(v), 4)}
            for name, v in sorted(families.items())
        }
        out.append(entry)
    return out


def ocr_rate(documents: int = 3) -> list[dict]:
    """Pages per second read through Tesseract, on scans the generator's PDFs make (none without it)."""
    import random
    import time

    import pypdfium2 as pdfium

    from bench.common import result
    from protokol.importers.readers import ocr
    from protokol.importers.tests.layouts.scan import scan

    if not ocr.available():
        return []
    pages = 0
    seconds = 0.0
    for seed in range(FIRST_SEED, FIRST_SEED + documents):
        _expected, data, _layout = generate(seed, "pdf")
        scanned = scan(data, random.Random(seed))
        pages += len(pdfium.PdfDocument(scanned))
        started = time.perf_counter()
        parse_bytes(scanned)
        seconds += time.perf_counter() - started
    return [result("ocr_pages_per_s", pages / seconds, "pages/s")]
