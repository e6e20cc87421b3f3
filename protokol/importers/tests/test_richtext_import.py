"""Imported documents keep their tables where the reader sees them: a DOCX table and an HTML table of data in
a section become a table in the section's text (protokol.common.richtext's HTML); a layout table of labels and
values stays lines of text; markup of an HTML document never reaches the stored text unsanitised."""

import io

import pytest

from protokol.common.richtext import to_plain
from protokol.common.tests.test_richtext import assert_inert
from protokol.importers.parse import parse_bytes
from protokol.importers.store import store_document
from protokol.meetings.models import Section

ROWS = [("Post", "2025", "2026"), ("Lønninger", "1.200", "1.250"), ("Drift", "300", "310")]


def economy_docx() -> bytes:
    import docx

    d = docx.Document()
    for text in ("Tårnby Kommune", "Økonomiudvalget"):
        d.add_paragraph().add_run(text).bold = True
    d.add_paragraph("Referat fra ordinært møde")
    d.add_paragraph("Mandag den 1. oktober 2018 kl. 15:00")
    d.add_paragraph("Udvalgsværelse 1, Rådhuset")
    heading = d.add_paragraph().add_run("1.\tBudgetopfølgning")
    heading.bold = True
    d.add_paragraph("Sagsnummer: 18/21001")
    d.add_paragraph().add_run("Økonomiske konsekvenser").bold = True
    d.add_paragraph("Forbruget fordeler sig sådan:")
    table = d.add_table(rows=len(ROWS), cols=3)
    for r, (row, cells) in enumerate(zip(table.rows, ROWS, strict=True)):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.paragraphs[0].add_run(text).bold = r == 0
    d.add_paragraph("Beløb i 1.000 kr.")
    d.add_paragraph().add_run("Beslutning i Økonomiudvalget den 1. oktober 2018:").bold = True
    d.add_paragraph("Godkendt.")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _section(doc: dict, heading: str) -> dict:
    return next(s for i in doc["items"] for s in i.get("sections") or [] if s["heading"] == heading)


def test_a_docx_table_is_imported_as_a_table():
    doc = parse_bytes(economy_docx())
    text = _section(doc, "Økonomiske konsekvenser")["text"]
    assert text == (
        "<p>Forbruget fordeler sig sådan:</p>"
        "<table><thead><tr><th>Post</th><th>2025</th><th>2026</th></tr></thead>"
        "<tbody><tr><td>Lønninger</td><td>1.200</td><td>1.250</td></tr><tr><td>Drift</td><td>300</td>"
        "<td>310</td></tr></tbody></table><p>Beløb i 1.000 kr.</p>"
    )
    assert to_plain(text).splitlines()[2:5] == [
        "Post | 2025 | 2026",
        "Lønninger | 1.200 | 1.250",
        "Drift | 300 | 310",
    ]


HTML = """<html><body><h1>Økonomiudvalget</h1><p>Referat fra mødet mandag den 1. oktober 2018 kl. 15:00</p>
<h2>1. Budgetopfølgning</h2>
<table><tr><td>Sagsnr.:</td><td>18/21001</td></tr></table>
<h3>Økonomiske konsekvenser</h3>
<p>Forbruget <script>alert(1)</script>fordeler sig sådan:<img src=x onerror="alert(1)"></p>
<table><thead><tr><th>Post</th><th>Beløb</th></tr></thead>
<tbody><tr><td>Lønninger</td><td>1.200</td></tr><tr><td onclick="alert(1)">Drift</td><td>300</td></tr></tbody></table>
<h3>Beslutning i Økonomiudvalget den 1. oktober 2018:</h3><p>Godkendt.</p>
</body></html>"""


@pytest.mark.django_db
def test_an_html_table_is_imported_as_a_table_and_stored_sanitised(system):
    doc = parse_bytes(HTML.encode())
    text = _section(doc, "Økonomiske konsekvenser")["text"]
    assert "<table><thead><tr><th>Post</th><th>Beløb</th></tr></thead>" in text
    assert "<tr><td>Drift</td><td>300</td></tr>" in text
    # the layout table of a label and its value stays a line: the case number is read as before
    assert doc["items"][0]["case_number"] == "18/21001"
    result = store_document(doc, by=system, organization="Tårnby Kommune", source="x.html")
    stored = Section.objects.get(item__meeting=result.meeting, heading="Økonomiske konsekvenser").text
    assert_inert(stored)
    assert "<td>Drift</td>" in stored and "alert" not in stored
