"""What every fuzz target shares: the one exception a reader may raise, and the seeds."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCUMENTS = REPO / "protokol" / "importers" / "tests" / "documents"
sys.path.insert(0, str(REPO))


def seeds(kind: str) -> list[bytes]:
    """Small valid documents of one kind to start from (the fuzzer mutates them)."""
    from protokol.importers.tests import builders

    if kind == "text":
        return [p.read_bytes() for p in sorted(DOCUMENTS.glob("*.txt"))]
    if kind == "html":
        return [p.read_bytes() for p in sorted(DOCUMENTS.glob("*.html"))]
    if kind == "pdf":
        # Real minutes typeset from the PDF layout tests: fonts, headers and columns to mutate.
        return [builders.blank_pdf(1)] + [builders.typst_pdf(p.stem) for p in sorted(DOCUMENTS.glob("*.typ"))]
    if kind == "docx":
        from protokol.importers.tests import docx_builders as word

        return [
            builders.havdrup_docx(),
            word.lyngaa_word_template(),  # list numbering, tables, fields
            word.storeby_plain_template(),
            word.vestkyst_sbsys_export(),  # content controls, hyperlinks, tracked changes
        ]
    raise ValueError(kind)


def write_seeds(kind: str, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for n, data in enumerate(seeds(kind)):
        (directory / f"seed-{n}").write_bytes(data)
