"""Blocks (see ``layout.py``) as a document: plain text, Markdown-ish text, DOCX or HTML."""

from __future__ import annotations

import html
import io
import random
import zipfile

from .layout import Block, Layout


def _text_lines(blocks: list[Block], markdown: bool) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if block.kind == "row":
            lines += ["\t".join(block.cells), ""]
            continue
        text = block.text
        if markdown and block.style == "bold":
            text = "\n".join(f"**{t}**" for t in text.split("\n"))
        elif markdown and block.style == "lead" and ": " in text:
            label, rest = text.split(": ", 1)
            text = f"**{label}:** {rest}"
        elif markdown and block.style in ("h1", "h2", "h3"):
            text = "#" * int(block.style[1]) + " " + text
        lines += [*text.split("\n"), ""]
    return lines


def to_text(rng: random.Random, blocks: list[Block], layout: Layout, body: str, when: str) -> bytes:
    lines = _text_lines(blocks, layout.fmt == "markdown")
    if not layout.running:
        return "\n".join(lines).encode("utf-8")
    # pages of 30-50 lines with a running header and a page number, as pdftotext writes them
    size = rng.randint(30, 50)
    chunks = [lines[i : i + size] for i in range(0, len(lines), size)]
    header = rng.choice(
        (
            [f"{body} - {layout.kind_word.capitalize()} - {when}"],
            [f"Dato: {when}", "Side {n}"],
            [body, f"{layout.kind_word.capitalize()} {when}"],
        )
    )
    footer = rng.choice((["Side {n} af {m}"], ["{n}"], []))
    pages = []
    for n, chunk in enumerate(chunks, 1):
        top = [h.format(n=n, m=len(chunks)) for h in header]
        bottom = [f.format(n=n, m=len(chunks)) for f in footer]
        pages.append("\n".join([*top, "", *chunk, "", *bottom]))
    return ("\f".join(pages) + "\f").encode("utf-8")  # as pdftotext ends every page


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {_W}>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    + "".join(
        f'<w:style w:type="paragraph" w:styleId="Heading{n}"><w:name w:val="heading {n}"/>'
        f'<w:basedOn w:val="Normal"/><w:rPr><w:b/><w:sz w:val="{36 - 4 * n}"/></w:rPr></w:style>'
        for n in (1, 2, 3)
    )
    + "</w:styles>"
)
_PACKAGE = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>'
    ),
    "word/_rels/document.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'styles" Target="styles.xml"/></Relationships>'
    ),
    "word/styles.xml": _STYLES,
}


def _run(text: str, bold: bool, brk: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}{"<w:br/>" if brk else ""}<w:t xml:space="preserve">{html.escape(text, quote=False)}</w:t></w:r>'


def _paragraph(block: Block) -> str:
    style_id = f'<w:pStyle w:val="Heading{block.style[1]}"/>' if block.style in ("h1", "h2", "h3") else ""
    numbered = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' if block.numbered else ""
    style = f"<w:pPr>{style_id}{numbered}</w:pPr>" if style_id or numbered else ""
    if block.style == "lead" and ": " in block.text:
        label, rest = block.text.split(": ", 1)
        return f"<w:p>{style}{_run(label + ':', True)}{_run(' ' + rest, False)}</w:p>"
    runs = "".join(_run(part, block.style == "bold", n > 0) for n, part in enumerate(block.text.split("\n")))
    return f"<w:p>{style}{runs}</w:p>"


def to_docx(blocks: list[Block]) -> bytes:
    """A Word package written directly (python-docx's template is slow to load and save)."""
    body: list[str] = []
    rows: list[str] = []
    for block in [*blocks, Block("p", "")]:
        if block.kind == "row":
            rows.append(
                "<w:tr>"
                + "".join(f"<w:tc>{_paragraph(Block('p', c))}</w:tc>" for c in block.cells)
                + "</w:tr>"
            )
            continue
        if rows:
            body.append("<w:tbl>" + "".join(rows) + "</w:tbl>")
            rows = []
        body.append(_paragraph(block))
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>'
        + "".join(body)
        + "</w:body></w:document>"
    )
    parts = dict(_PACKAGE)
    first = next((b.numbered for b in blocks if b.numbered), None)
    if first:  # Word's list numbering: the numbers are counted by Word, not written in the text
        text, start = first
        parts["word/numbering.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {_W}>'
            f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
            f'<w:numFmt w:val="decimal"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
        )
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            "</Types>",
            '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.numbering+xml"/></Types>',
        )
        parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
            "</Relationships>",
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'numbering" Target="numbering.xml"/></Relationships>',
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, part in [*parts.items(), ("word/document.xml", document)]:
            archive.writestr(name, part)
    return out.getvalue()


def to_html(blocks: list[Block], title: str) -> bytes:
    parts = [f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title></head><body>"]
    in_table = False
    for block in blocks:
        if block.kind == "row":
            if not in_table:
                parts.append("<table>")
                in_table = True
            parts.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in block.cells) + "</tr>")
            continue
        if in_table:
            parts.append("</table>")
            in_table = False
        text = html.escape(block.text).replace("\n", "<br>")
        if block.style in ("h1", "h2", "h3"):
            parts.append(f"<{block.style}>{text}</{block.style}>")
        elif block.style == "bold":
            parts.append(f"<p><strong>{text}</strong></p>")
        elif block.style == "lead" and ": " in block.text:
            label, rest = block.text.split(": ", 1)
            parts.append(f"<p><strong>{html.escape(label)}:</strong> {html.escape(rest)}</p>")
        else:
            parts.append(f"<p>{text}</p>")
    if in_table:
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts).encode("utf-8")


_TYPST = """
#let d = json(bytes(sys.inputs.content))
#set text(font: d.font, size: d.size * 1pt, lang: "da")
#set par(justify: d.justify, spacing: d.spacing * 1em, leading: 0.6em)
#set page(
  paper: "a4",
  margin: (x: 2.4cm, top: 2.8cm, bottom: 2.6cm),
  header: if d.header != "" { align(right, text(size: 8pt, d.header)) },
  footer: if d.footer {
    context align(center, text(size: 8pt, "Side " + str(here().page()) + " af " + str(counter(page).final().first())))
  },
)
#let lines(t) = t.split("\\n").join(linebreak())
#for b in d.blocks {
  if b.kind == "row" {
    grid(columns: b.cells.len(), column-gutter: 2em, row-gutter: 0.6em,
      ..b.cells.enumerate().map(((i, c)) => if i == 0 and b.cells.len() == 2 { strong(c) } else { c }))
  } else if b.style == "h1" { block(above: 1.2em, below: 0.8em, text(size: 20pt, weight: "bold", b.text)) }
  else if b.style == "h2" { block(above: 1.2em, below: 0.6em, text(size: 15pt, weight: "bold", b.text)) }
  else if b.style == "h3" { block(above: 1em, below: 0.5em, text(size: 12.5pt, weight: "bold", b.text)) }
  else if b.style == "bold" { block(above: 1em, below: 0.5em, strong(lines(b.text))) }
  else if b.style == "lead" { par[#strong(b.label) #b.rest] }
  else { par(lines(b.text)) }
}
"""


def to_pdf(rng: random.Random, blocks: list[Block], layout: Layout, body: str, when: str) -> bytes:
    """The blocks typeset by typst (its bundled fonts only, so the result is the same anywhere);
    the text reaches typst as data, never as markup."""
    import json

    import typst

    data = []
    for block in blocks:
        entry = {"kind": block.kind, "text": block.text, "style": block.style, "cells": list(block.cells)}
        if block.style == "lead" and ": " in block.text:
            entry["label"], entry["rest"] = block.text.split(": ", 1)
            entry["label"] += ":"
        data.append(entry)
    content = {
        "font": rng.choice(("Libertinus Serif", "New Computer Modern")),
        "size": rng.choice((10, 10.5, 11, 12)),
        "justify": rng.random() < 0.5,
        "spacing": rng.choice((1.1, 1.2, 1.5)),
        "header": f"{body} - {layout.kind_word.capitalize()} - {when}" if layout.running else "",
        "footer": layout.running or rng.random() < 0.5,
        "blocks": data,
    }
    return typst.compile(
        _TYPST.encode(), format="pdf", sys_inputs={"content": json.dumps(content)}, ignore_system_fonts=True
    )
