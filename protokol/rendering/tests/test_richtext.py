"""Formatted text in the editions: the HTML edition shows the sanitised HTML, the PDF lays the same text out
as Typst paragraphs, strong/emph, lists and tables from JSON data, still PDF/A-2a and PDF/UA-1; plain text
renders as before."""

import re
import zlib

import lxml.html
import pypdfium2

from protokol.common.richtext import paragraphs, sanitize
from protokol.rendering import present
from protokol.rendering.html import render_html
from protokol.rendering.pdf import render_pdf
from protokol.rendering.tests.helpers import reference_doc

SECTION = sanitize(
    "<p>Sagen har <strong>stor betydning</strong> og <em>haster</em>.</p>"
    "<ul><li>Første punkt</li><li>Andet punkt</li></ul><ol><li>Trin et</li><li>Trin to</li></ol>"
    "<table><thead><tr><th>Post</th><th>Beløb</th></tr></thead>"
    "<tbody><tr><td>Lønninger</td><td>1.250</td></tr><tr><td>Drift</td><td>310</td></tr></tbody></table>"
    '<p>Se <a href="https://kommune.dk/budget">budgettet</a>.</p>'
)
DECISION = sanitize("<p><b>Godkendt</b> med disse ændringer:</p><ul><li>Beløbet nedsættes</li></ul>")
HOSTILE_BEFORE = '<p>Gammel tekst<script>alert(1)</script><img src=x onerror="alert(1)"></p>'


def formatted_doc() -> dict:
    return {
        "kind": "minutes",
        "body": "Økonomiudvalget",
        "start": "2026-03-02T09:00",
        "edition": "public",
        "items": [
            {
                "number": "1",
                "title": "Budgetopfølgning",
                "public": True,
                "sections": [
                    {"heading": "Sagsfremstilling", "text": SECTION},
                    {"heading": "Gemt før rensning", "text": HOSTILE_BEFORE},
                ],
                "decisions": [{"body": "Økonomiudvalget", "date": "2026-03-02", "text": DECISION}],
            }
        ],
    }


def test_the_html_edition_shows_bold_lists_and_tables():
    tree = lxml.html.fromstring(render_html(formatted_doc()))
    section = tree.xpath("//section[h3='Sagsfremstilling']")[0]
    assert [e.text_content() for e in section.xpath(".//strong")] == ["stor betydning"]
    assert [e.text_content() for e in section.xpath(".//em")] == ["haster"]
    assert [e.text_content() for e in section.xpath("./ul/li")] == ["Første punkt", "Andet punkt"]
    assert [e.text_content() for e in section.xpath("./ol/li")] == ["Trin et", "Trin to"]
    rows = [[c.text_content() for c in tr.xpath("./th|./td")] for tr in section.xpath(".//table//tr")]
    assert rows == [["Post", "Beløb"], ["Lønninger", "1.250"], ["Drift", "310"]]
    assert section.xpath(".//a/@href") == ["https://kommune.dk/budget"]
    decision = tree.xpath("//section[@class='decision']")[0]
    assert [e.text_content() for e in decision.xpath(".//b")] == ["Godkendt"]
    assert [e.text_content() for e in decision.xpath("./ul/li")] == ["Beløbet nedsættes"]
    # HTML stored before sanitising existed is sanitised on the way out too.
    assert not tree.xpath("//script | //img | //*[@onerror]")


def _inflated(pdf: bytes) -> bytes:
    """The PDF with its compressed streams (object streams hold the structure tree) inflated."""
    out = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            out.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(out)


def test_the_pdf_lays_out_lists_and_tables_and_stays_tagged():
    pdf = render_pdf(formatted_doc())
    assert pdf.startswith(b"%PDF-")
    text = "\n".join(p.get_textpage().get_text_range() for p in pypdfium2.PdfDocument(pdf)).replace("\r", "")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    start = lines.index("Sagen har stor betydning og haster.")
    assert lines[start : start + 8] == [
        "Sagen har stor betydning og haster.",
        "• Første punkt",
        "• Andet punkt",
        "1. Trin et",
        "2. Trin to",
        "Post Beløb",
        "Lønninger 1.250",
        "Drift 310",
    ]
    assert "Godkendt med disse ændringer:" in lines and "• Beløbet nedsættes" in lines
    assert "alert(1)" not in text and "Gammel tekst" in lines
    # Tagged: the structure tree marks the list, the table and its header cells, strong and emphasis.
    assert b"/StructTreeRoot" in pdf and b"<pdfuaid:part>1</pdfuaid:part>" in pdf
    assert b"<pdfaid:conformance>A</pdfaid:conformance>" in pdf
    roles = set(re.findall(rb"/S\s*/(\w+)", _inflated(pdf)))
    assert {b"L", b"LI", b"Table", b"THead", b"TH", b"TR", b"TD", b"Strong", b"Em", b"Link"} <= roles


def test_bold_and_emphasis_travel_as_data_never_as_markup():
    view = present(formatted_doc())
    blocks = view["items"][0]["sections"][0]["blocks"]
    runs = blocks[0]["runs"]
    assert {"text": "stor betydning", "strong": True, "emph": False, "href": None} in runs
    # A text that looks like Typst markup stays a string in the data.
    doc = formatted_doc()
    doc["items"][0]["sections"][0]["text"] = sanitize("<p><b>#set text(size: 100pt)</b> *ikke fed*</p>")
    flat = "".join(p.get_textpage().get_text_range() for p in pypdfium2.PdfDocument(render_pdf(doc)))
    assert "#set text(size: 100pt) *ikke fed*" in flat


def test_plain_text_renders_as_before():
    doc = reference_doc()
    view = present(doc)
    for item, shown in zip(doc["items"], view["items"], strict=True):
        if not item.get("public"):
            continue
        given = [s for s in item["sections"] if s.get("heading") or s.get("text")]
        for section, out in zip(given, shown["sections"], strict=True):
            assert out["html"] == "" and out["paragraphs"] == paragraphs(section["text"])
            assert [[r["text"] for r in b["runs"] if "text" in r] for b in out["blocks"]] == out["paragraphs"]
