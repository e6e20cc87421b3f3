"""DOCX and HTML minutes in the layouts of other systems (fictional content), each against its
expectation in ``documents/``.

DOCX, built at test time (``docx_builders.py``): an Acadre/SBSYS Word template with metadata
tables, item numbers from Word's list numbering and the decision's body and date on a line of
their own; a template of plain Normal paragraphs with bold headings, "Beslutning i X den ...:"
and a closed section at the end; an SBSYS-like export whose heading style carries the numbering,
with four-column metadata rows, content controls, hyperlinked attachments and tracked changes. HTML (files): a Netpublicator/eDoc publication with a sidebar,
a ``<dl>`` of metadata, the item number in a ``<span>`` of its own and file sizes after the
attachment links; a CMS "Beslutningsprotokol" with "Pkt. N" headings, inline
"<strong>Beslutning:</strong>" and ``<br>`` inside paragraphs.
"""

from __future__ import annotations

import json

import pytest

from protokol.importers.parse import parse_bytes, parse_file

from .docx_builders import lyngaa_word_template, storeby_plain_template, vestkyst_sbsys_export
from .scoring import DOCUMENTS, score

THRESHOLD = 0.95
DOCX = {
    "lyngaa_oekonomiudvalget_2019-03-12": lyngaa_word_template,
    "storeby_oekonomiudvalget_2018-10-01": storeby_plain_template,
    "vestkyst_teknik_miljoe_2021-06-03": vestkyst_sbsys_export,
}
HTML = ["moelleby_social_sundhed_2020-11-04", "aastrup_byraadet_2020-02-27"]


def _expected(name: str) -> dict:
    return json.loads((DOCUMENTS / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(DOCX))
def test_docx_layout_scores(name: str) -> None:
    value, failed = score(_expected(name), parse_bytes(DOCX[name]()))
    print(f"{name} (docx): {value:.3f}")
    assert value >= THRESHOLD, f"{name} (docx) scores {value:.3f}; failed: {failed[:20]}"


@pytest.mark.parametrize("name", HTML)
def test_html_layout_scores(name: str) -> None:
    value, failed = score(_expected(name), parse_file(DOCUMENTS / f"{name}.html"))
    print(f"{name} (html): {value:.3f}")
    assert value >= THRESHOLD, f"{name}.html scores {value:.3f}; failed: {failed[:20]}"


def _docx_lines(build) -> list[str]:
    import docx

    from protokol.importers.readers.docx import read_docx

    from .docx_builders import _save

    document = docx.Document()
    build(document)
    return [line.text for line in read_docx(_save(document))]


def test_docx_list_numbers_are_counted_from_numbering_definitions() -> None:
    from .docx_builders import _numbered, _numbering

    def build(d) -> None:
        items = _numbering(d, [("decimal", "Punkt %1", 7), ("decimal", "%1.%2", 1)])
        for title in ("Et", "To"):
            _numbered(d.add_paragraph(title, style="Heading 1"), items)
            _numbered(d.add_paragraph("Baggrund", style="Heading 2"), items, 1)
        d.add_paragraph("Ingen liste", style="List Bullet")

    assert _docx_lines(build) == ["Punkt 7 Et", "7.1 Baggrund", "Punkt 8 To", "8.1 Baggrund", "Ingen liste"]


def test_docx_reads_content_controls_links_and_tracked_changes() -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from .docx_builders import _control, _hyperlink

    def build(d) -> None:
        _control(d, ["I en indholdskontrol"])
        p = d.add_paragraph("Bilag: ")
        _hyperlink(p, "Notat")
        p._p.append(
            parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="A"><w:r><w:t> ny</w:t></w:r></w:ins>')
        )
        p._p.append(
            parse_xml(
                f'<w:del {nsdecls("w")} w:id="2" w:author="A"><w:r><w:delText> gl</w:delText></w:r></w:del>'
            )
        )

    assert _docx_lines(build) == ["I en indholdskontrol", "Bilag: Notat ny"]


def test_label_and_value_cells_read_as_a_labelled_line() -> None:
    from protokol.importers.readers.html import read_html

    html = (
        "<table><tr><td>Udvalg</td><td>Teknisk Udvalg</td></tr><tr><td>Sagsnr.:</td><td>21/1</td></tr>"
        "<tr><td>3.</td><td>Budget</td></tr></table><dl><dt>Mødested</dt><dd>Salen</dd></dl>"
    )
    assert [line.text for line in read_html(html.encode())] == [
        "Udvalg: Teknisk Udvalg", "Sagsnr.: 21/1", "3. Budget", "Mødested: Salen"
    ]  # fmt: skip


def test_html_item_number_in_an_element_of_its_own() -> None:
    from protokol.importers.readers.html import read_html

    lines = read_html(b'<h2><span class="nr">4</span> Budget</h2><div class="nr">5</div><h2>Regnskab</h2>')
    assert [(line.text, line.role) for line in lines] == [("4. Budget", "item"), ("5. Regnskab", "item")]


def test_decision_body_and_date_on_the_heading_or_the_line_under_it() -> None:
    from protokol.importers.parse import parse_text

    head = "REFERAT\n\nØkonomiudvalget\n\nMødedato: 01.10.2018, kl. 16:00\n\n"
    items = parse_text(
        head + "Punkt 1: Et\n\nBeslutning\n\nØkonomiudvalget den 01-10-2018\n\nGodkendt.\n\n"
        "Punkt 2: To\n\nBeslutning Byrådet den 30-10-2018\n\nVedtaget.\n\n"
        "Punkt 3: Tre\n\nBeslutning\n\nSagen blev udsat den 1. oktober 2018.\n"
    )["items"]
    assert [[(d["body"], d["date"], d["text"]) for d in i["decisions"]] for i in items] == [
        [("Økonomiudvalget", "2018-10-01", "Godkendt.")],
        [("Byrådet", "2018-10-30", "Vedtaget.")],
        [("Økonomiudvalget", "2018-10-01", "Sagen blev udsat den 1. oktober 2018.")],
    ]
