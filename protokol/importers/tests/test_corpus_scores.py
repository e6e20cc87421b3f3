"""The parser against the hand-checked corpus expectations, with the shared scorer.

The first four documents are the ones the importer was built with; those under ``real/`` are
minutes from other systems (eDoc, Acadre, SBSYS) that it was not built from, and stand for the
many layouts nobody here has.
"""

from __future__ import annotations

import json

import pytest

from protokol.importers.parse import parse_file

from .scoring import CORPUS, score

#: source document (relative to the corpus) -> (expectation, floor)
DOCUMENTS = {
    "kalundborg_direktionen_2016-05-30.txt": ("kalundborg_direktionen_2016-05-30.json", 1.0),
    "aarhus_byraadet_2025-08-27.pdf": ("aarhus_byraadet_2025-08-27.json", 1.0),
    "aarhus_teknisk_udvalg_2025-10-01.html": ("aarhus_teknisk_udvalg_2025-10-01.json", 1.0),
    "aarhus_byraadet_2025-10-08_agenda.html": ("aarhus_byraadet_2025-10-08_agenda.json", 1.0),
    "real/ballerup_sundhed_2012-12-04.pdf": ("real/ballerup_sundhed_2012-12-04.json", 0.95),
    "real/syddjurs_puk_2013-06-20.pdf": ("real/syddjurs_puk_2013-06-20.json", 0.95),
    "real/syddjurs_puk_2013-06-20.docx": ("real/syddjurs_puk_2013-06-20.json", 0.95),
    "real/aarhus_moedesystemgruppen_2016-10-06.pdf": ("real/aarhus_moedesystemgruppen_2016-10-06.json", 0.95),
}


@pytest.mark.parametrize("source", sorted(DOCUMENTS))
def test_corpus_document_scores(source: str) -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"the corpus {CORPUS} is absent (shared/ is not checked out next to the repository)")
    expectation, floor = DOCUMENTS[source]
    expected = json.loads((CORPUS / expectation).read_text(encoding="utf-8"))
    actual = parse_file(CORPUS / source)
    value, failed = score(expected, actual)
    print(f"{source}: {value:.3f}" + (f" failed: {failed[:12]}" if failed else ""))
    assert value >= floor, f"{source} scores {value:.3f}; failed: {failed[:20]}"
