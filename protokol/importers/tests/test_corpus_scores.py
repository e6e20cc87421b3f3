"""The parser against the hand-checked corpus expectations, with the shared scorer."""

from __future__ import annotations

import json

import pytest

from protokol.importers.parse import parse_file

from .scoring import CORPUS, score

THRESHOLDS = {
    "kalundborg_direktionen_2016-05-30": 1.0,
    "aarhus_byraadet_2025-08-27": 0.95,
    "aarhus_teknisk_udvalg_2025-10-01": 0.95,
    "aarhus_byraadet_2025-10-08_agenda": 0.95,
}


def _source(name: str):
    found = [p for p in CORPUS.glob(name + ".*") if p.suffix != ".json"]
    assert found, f"no source document for {name}"
    return found[0]


@pytest.mark.parametrize("name", sorted(THRESHOLDS))
def test_corpus_document_scores(name: str) -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"the corpus {CORPUS} is absent (shared/ is not checked out next to the repository)")
    expected = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
    actual = parse_file(_source(name))
    value, failed = score(expected, actual)
    print(f"{name}: {value:.3f}" + (f" failed: {failed[:12]}" if failed else ""))
    assert value >= THRESHOLDS[name], f"{name} scores {value:.3f}; failed: {failed[:20]}"
