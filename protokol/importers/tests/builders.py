"""Documents built in the tests: a DOCX in a layout of its own, and small PDFs."""

from __future__ import annotations

import io
from pathlib import Path

DOCUMENTS = Path(__file__).resolve().parent / "documents"


def havdrup_docx() -> bytes:
    """Minutes with Word heading styles, bold-only headings, metadata tables, a soft line break,
    a running footer, and a section of closed items (expected: havdrup_boerne_skole_2017-12-05.json)."""
    import docx
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    d.sections[0].footer.paragraphs[0].text = "Side 1 af 3 - Havdrup Kommune"
    d.add_paragraph("Havdrup Kommune")
    d.add_paragraph("Referat", style="Title")
    d.add_paragraph().add_run("Børne- og Skoleudvalget").bold = True
    info = d.add_table(rows=2, cols=2)
    for row, (label, value) in zip(
        info.rows,
        [("Dato:", "Tirsdag, December 5, 2017 - 08:15"), ("Lokale:", "Mødelokale 1, Rådhuset")],
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = label, value

    def bold(text: str) -> None:
        d.add_paragraph().add_run(text).bold = True

    d.add_paragraph("Pkt. 188 Skolestruktur - drøftelse af scenarier", style="Heading 2")
    meta = d.add_table(rows=2, cols=2)
    meta.rows[0].cells[0].text, meta.rows[0].cells[1].text = "Sagsnr.:", "17/2231"
    meta.rows[1].cells[0].text, meta.rows[1].cells[1].text = "J.nr.:", "17.00.00"
    bold("Sagstype")
    d.add_paragraph("Drøftelse.")
    bold("Sagsfremstilling")
    d.add_paragraph("Forvaltningen har udarbejdet tre scenarier for den fremtidige skolestruktur.")
    d.add_paragraph().add_run("Scenarie A").italic = True
    p = d.add_paragraph("Alle skoler bevares, men overbygningen samles på to skoler.")
    p.runs[0].add_break(WD_BREAK.LINE)
    p.add_run("Elever fra de små skoler tilbydes bustransport.")
    bold("Indstilling")
    d.add_paragraph("Forvaltningen indstiller, at udvalget drøfter scenarierne.")
    bold("Bilag")
    d.add_paragraph("Notat om kapacitet (326-2017-44120)", style="List Bullet")
    d.add_paragraph("Skoledistrikter - kort", style="List Bullet")
    bold("Beslutning")
    d.add_paragraph("Drøftet. Forvaltningen arbejder videre med scenarie A.")
    d.add_paragraph("Fraværende: Hanne Lund (A)")

    bold("Pkt. 189 Orientering om trivselsmåling 2017")
    d.add_paragraph("Sagsnr.: 17/3010")
    d.add_paragraph("Sagstype: Orientering")
    bold("Resume")
    d.add_paragraph("Trivslen er steget på fire af kommunens syv skoler.")
    bold("Beslutning")
    d.add_paragraph("Taget til efterretning.")

    d.add_paragraph("Lukkede punkter", style="Heading 1")
    d.add_paragraph("Pkt. 190 Klagesag vedrørende skoleanvisning", style="Heading 2")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def blank_pdf(pages: int = 1) -> bytes:
    """A PDF without any text (what a scanner without OCR produces, minus the image)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    out = io.BytesIO()
    pdf.save(out)
    pdf.close()
    return out.getvalue()


def encrypted_pdf() -> bytes:
    """A PDF whose trailer names a standard security handler pdfium cannot open without a password."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <"
        + b"41" * 32
        + b"> /U <"
        + b"42" * 32
        + b"> >>",
    ]
    body = b"%PDF-1.6\n"
    offsets = []
    for n, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % n + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        body += b"%010d 00000 n \n" % off
    body += (
        b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<" % (len(objects) + 1)
        + b"00" * 16
        + b"> <"
        + b"00" * 16
        + b">] >>\nstartxref\n%d\n%%%%EOF\n" % xref
    )
    return body


def typst_pdf(name: str) -> bytes:
    """The PDF of ``documents/NAME.typ``, a layout in typst markup, filled with the content of
    ``documents/NAME.content.json``. The content reaches typst as data (``sys.inputs``), so no
    text of it is ever read as markup; only the fonts bundled with typst are used, so the line
    breaks are the same on every machine."""
    import typst

    content = (DOCUMENTS / f"{name}.content.json").read_text(encoding="utf-8")
    return typst.compile(
        str(DOCUMENTS / f"{name}.typ"),
        format="pdf",
        sys_inputs={"content": content},
        ignore_system_fonts=True,
    )


#: a one-page minutes document whose meeting facts are a table: labels in the first row, values
#: in the second; all text comes from ``sys.inputs``, never from markup
_FACTS_TABLE = """
#let d = json(bytes(sys.inputs.content))
#set text(font: "Libertinus Serif", size: 11pt, lang: "da")
#text(size: 20pt, weight: "bold", d.kind)

#d.body

#if d.spaced {
  table(columns: d.labels.len(), stroke: 0.4pt, align: eval(d.align),
    ..d.labels.map(l => strong(l)), ..d.values)
} else [
  #d.labels.join(" ") \\
  #d.values.join(" ")
]
#for (title, heading, body) in d.items {
  block(above: 1.5em, strong(title))
  block(strong(heading))
  block(body)
}
"""

_FACTS_ITEMS = [
    ["Punkt 1: Godkendelse af dagsorden", "Beslutning", "Godkendt."],
    [
        "Punkt 2: Budgetopfølgning",
        "Sagsfremstilling",
        "Forvaltningen har gennemgået forbruget for årets første måneder og forventer, at udvalget "
        "overholder sin ramme, dog med et mindre merforbrug på området for specialundervisning.",
    ],
]


def facts_table_pdf(labels: list[str], values: list[str], align: str = "left", spaced: bool = True) -> bytes:
    """Minutes whose meeting facts are a table row of ``labels`` over a row of ``values``
    (``align``: "left" or "center"), or, not ``spaced``, two plain lines of text."""
    import json

    import typst

    content = {"kind": "Referat", "body": "Økonomiudvalget", "items": _FACTS_ITEMS}
    content |= {"labels": labels, "values": values, "align": align, "spaced": spaced}
    return typst.compile(
        _FACTS_TABLE.encode(),
        format="pdf",
        sys_inputs={"content": json.dumps(content)},
        ignore_system_fonts=True,
    )
