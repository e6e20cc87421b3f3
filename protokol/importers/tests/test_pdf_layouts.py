"""PDF minutes and agendas in the layouts of other systems (fictional content), built with typst
at test time: ``documents/NAME.typ`` is the layout, ``NAME.content.json`` the text it sets,
``NAME.json`` the expectation. What each layout shows is described at the top of its .typ file:
a Netpublicator-like cover, contents and running header with hyphenated, justified text; an
SBSYS-like "Sag nr." layout with a two-column table of meeting facts; a Word export with
"1.  Titel (B)", a Sagsforløb and "Lukkede punkter"; side headings in a left column on two pages;
an agenda with its case numbers beside wrapped titles and earlier committees' decisions; a Word
export with a bordered metadata table per item ("Åben/Lukket" | "Åben") and underlined headings;
a FirstAgenda-like cover and coloured headings with the decision in a shaded box; a landscape
"Beslutningsprotokol" with number and title in a left column beside the text; a KMD-like table of
meeting facts with the labels in one row and the values in the row under it.
"""

from __future__ import annotations

import json

import pytest

from protokol.importers.parse import parse_file

from .builders import typst_pdf
from .scoring import DOCUMENTS, score

THRESHOLD = 0.95
LAYOUTS = sorted(p.name.removesuffix(".typ") for p in DOCUMENTS.glob("*.typ"))


@pytest.mark.parametrize("name", LAYOUTS)
def test_pdf_layout_scores(name: str, tmp_path) -> None:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(typst_pdf(name))
    expected = json.loads((DOCUMENTS / f"{name}.json").read_text(encoding="utf-8"))
    value, failed = score(expected, parse_file(path))
    print(f"{name} (pdf): {value:.3f}")
    assert value >= THRESHOLD, f"{name}.pdf scores {value:.3f}; failed: {failed[:20]}"
