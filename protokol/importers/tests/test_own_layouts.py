"""Layouts of other municipalities (fictional content): each document against its expectation.

Covered: "1.     Titel (B)" with codes, "Sagsid.:", "Åben sag"/"Lukket sag", "Beslutning i X den
..."; "Nr.60 - Titel" wrapped over two lines, "Lukket:" titles, "Body, DD-MM-YYYY pkt. N"
decisions, "Dato:/Tidspunkt:/Lokale:"; UDSKRIFT with STARTTIDSPUNKT, "Pkt. 101 Titel ÅBENT",
"Sag ... Dok. ...", a Sagsforløb of genitive decisions, "(Lukket)"; an agenda with "• 159. Titel",
"Den 09.01.2020 kl. 13:00 i Tapperiet", "Lukkede punkter"; generic HTML with a cookie banner,
navigation and interface links; DOCX with heading styles, bold-only headings and tables.
"""

from __future__ import annotations

import json

import pytest

from protokol.importers.parse import parse_bytes, parse_file

from .builders import havdrup_docx
from .scoring import DOCUMENTS, score

THRESHOLD = 0.95
FILES = sorted(p for p in DOCUMENTS.iterdir() if p.suffix in (".txt", ".html"))


def _expected(name: str) -> dict:
    return json.loads((DOCUMENTS / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_own_layout_scores(path) -> None:
    value, failed = score(_expected(path.stem), parse_file(path))
    print(f"{path.stem}: {value:.3f}")
    assert value >= THRESHOLD, f"{path.name} scores {value:.3f}; failed: {failed[:20]}"


def test_docx_layout_scores() -> None:
    value, failed = score(_expected("havdrup_boerne_skole_2017-12-05"), parse_bytes(havdrup_docx()))
    print(f"havdrup_boerne_skole_2017-12-05 (docx): {value:.3f}")
    assert value >= THRESHOLD, f"docx scores {value:.3f}; failed: {failed[:20]}"


def test_docx_footer_is_not_text() -> None:
    result = parse_bytes(havdrup_docx())
    assert "Side 1 af 3" not in json.dumps(result, ensure_ascii=False)


def test_same_document_in_three_encodings() -> None:
    text = (DOCUMENTS / "egeskov_oekonomiudvalget_2017-08-23.txt").read_text(encoding="utf-8")
    results = [
        parse_bytes(text.encode("utf-8")),
        parse_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")),
        parse_bytes(text.encode("cp1252")),
        parse_bytes(text.encode("latin-1")),
    ]
    assert all(r == results[0] for r in results[1:])
    assert results[0]["body"] == "Økonomiudvalget"
