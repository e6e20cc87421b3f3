"""DOCX minutes through python-docx: paragraphs and tables of the body in document order.

Heading styles ("Heading 2", "Overskrift 2", "Title") give the level; a paragraph whose runs
are all bold is a heading candidate. Word's automatic list numbers ("Punkt 45", "3.") are not
in the paragraph text: they are counted from numbering.xml and put in front of it, as the reader
of the document sees them. A soft line break inside a paragraph starts a new line
of the same paragraph. Table rows become lines ("Sagsnr.: | 16/3842" -> one line; a row of
two cells is a label and its value, "Udvalg | Økonomiudvalget" -> "Udvalg: Økonomiudvalget";
a row of header labels over a row of values is read by column, "Dato | Sted" over
"12.03.2019 | Salen" -> "Dato: 12.03.2019", "Sted: Salen"); cells holding several paragraphs
are read paragraph by paragraph. Content controls (w:sdt), links, tracked insertions and smart
tags are read through; deleted text is not. Headers and footers
are separate parts of the package and are never read.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Iterator

from protokol.documents.docx_package import check_package

from ..errors import ImportRefused
from ..lines import Line, clean, is_label_row, label_columns, pair_line, table_key

_HEADING_STYLE = re.compile(r"(?i)^(?:heading|overskrift|rubrik)\s*(\d)")
_TITLE_STYLE = re.compile(r"(?i)^(?:title|titel)$")
_LEVEL_FIELD = re.compile(r"%([1-9])")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


def _val(element, tag: str) -> str | None:
    child = element.find(_W + tag) if element is not None else None
    return child.get(_W + "val") if child is not None else None


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _format(n: int, fmt: str) -> str | None:
    """One level's counter as Word prints it; None for bullets and formats without a number."""
    if fmt in ("decimal", "decimalZero"):
        return f"{n:02d}" if fmt == "decimalZero" and n < 10 else str(n)
    if fmt in ("lowerLetter", "upperLetter") and 0 < n <= 26:
        letter = chr(ord("a") + n - 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 0 < n < 4000:
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    return None


class _Numbering:
    """The list numbers Word computes while it lays out the document: a counter per list and
    level, in document order. Lists (w:num) that share a definition (w:abstractNum) share its
    counters, unless a list restarts them with a start override."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId -> ilvl -> start, fmt, text
        self.counter_key: dict[str, str] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, AttributeError, NotImplementedError):
            return  # a document without lists
        try:
            self._read(root)
        except ValueError:  # a broken list definition costs the numbers, not the document
            self.levels = {}

    def _read(self, root) -> None:
        abstract = {a.get(_W + "abstractNumId"): a for a in root.findall(_W + "abstractNum")}
        for num in root.findall(_W + "num"):
            num_id = num.get(_W + "numId")
            definition = abstract.get(_val(num, "abstractNumId"))
            if num_id is None or definition is None:
                continue
            levels = {}
            for lvl in definition.findall(_W + "lvl"):
                levels[int(lvl.get(_W + "ilvl", "0"))] = (
                    int(_val(lvl, "start") or 1),
                    _val(lvl, "numFmt") or "decimal",
                    _val(lvl, "lvlText") or "",
                )
            restarts = False
            for override in num.findall(_W + "lvlOverride"):
                start = _val(override, "startOverride")
                ilvl = int(override.get(_W + "ilvl", "0"))
                if start is not None and ilvl in levels:
                    levels[ilvl] = (int(start), *levels[ilvl][1:])
                    restarts = True
            self.levels[num_id] = levels
            self.counter_key[num_id] = num_id if restarts else "a" + str(definition.get(_W + "abstractNumId"))

    def label(self, paragraph) -> str | None:
        """The paragraph's list number ("Punkt 45", "2."), counted; None if it has none."""
        if not self.levels:
            return None
        num_id, ilvl = _num_pr(paragraph)
        key = num_id or ""
        levels = self.levels.get(key)
        if not levels or ilvl not in levels:
            return None
        counters = self.counters.setdefault(self.counter_key[key], {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][0] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a new entry restarts the levels below it
        _, fmt, text = levels[ilvl]
        if _format(counters[ilvl], fmt) is None:
            return None

        def field(m: re.Match) -> str:
            level = int(m.group(1)) - 1
            if level not in levels:
                return ""
            return _format(counters.get(level, levels[level][0]), levels[level][1]) or ""

        label = _LEVEL_FIELD.sub(field, text).strip()
        # a bare number ("1 Indledning", lvlText "%1") is set apart from the text by Word's tab; the
        # genre writes it "1."
        return label + "." if label.isdigit() else label or None


def _num_pr(paragraph) -> tuple[str | None, int]:
    """(numId, level) of the paragraph's list, set on it or inherited from its style."""
    ppr = paragraph._p.pPr
    num_pr = ppr.find(_W + "numPr") if ppr is not None else None
    style = None
    if num_pr is None:
        try:
            style = paragraph.style
        except (KeyError, AttributeError, ValueError):
            style = None
    depth = 0
    while num_pr is None and style is not None and depth < 20:
        spr = style.element.find(_W + "pPr")
        num_pr = spr.find(_W + "numPr") if spr is not None else None
        style, depth = style.base_style, depth + 1
    if num_pr is None:
        return None, 0
    num_id = _val(num_pr, "numId")
    ilvl = _val(num_pr, "ilvl")
    return (None if num_id in (None, "0") else num_id), int(ilvl) if ilvl and ilvl.isdigit() else 0


def _style_level(paragraph) -> int:
    try:
        name = paragraph.style.name if paragraph.style is not None else ""
    except (KeyError, AttributeError, ValueError):
        return 0
    name = name or ""
    if not name or name == "Normal":
        # a package salvaged without its styles part: the style's id ("Overskrift2") still says it
        name = _val(paragraph._p.pPr, "pStyle") or name
    m = _HEADING_STYLE.match(name)
    if m:
        return max(1, min(int(m.group(1)), 6))
    return 1 if _TITLE_STYLE.match(name) else 0


def _run_bold(run, paragraph) -> bool:
    if run.bold is not None:
        return bool(run.bold)
    try:
        style = run.style
        if style is not None and style.font.bold:
            return True
        pstyle = paragraph.style
        while pstyle is not None:
            if pstyle.font.bold is not None:
                return bool(pstyle.font.bold)
            pstyle = pstyle.base_style
    except (KeyError, AttributeError, ValueError):
        return False
    return False


#: the runs a reader sees, wherever Word nests them: in links, content controls, tracked insertions,
#: smart tags and simple fields (python-docx's Paragraph.runs has the direct ones only); deleted text
#: and text boxes anchored in the paragraph are not part of its text
_VISIBLE_RUNS = ".//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom) and not(ancestor::w:txbxContent)]"


def _runs(paragraph) -> list:
    from docx.text.run import Run

    return [Run(r, paragraph) for r in paragraph._p.xpath(_VISIBLE_RUNS)]


def _blocks(container, parent) -> Iterator:
    """Paragraphs and tables of a body or cell in document order, content controls (w:sdt) and
    custom XML opened: Word templates put whole fields of the minutes in them."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        tag = child.tag
        if tag == _W + "p":
            yield Paragraph(child, parent)
        elif tag == _W + "tbl":
            yield Table(child, parent)
        elif tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _blocks(content, parent)
        elif tag == _W + "customXml":
            yield from _blocks(child, parent)


def _paragraph_lines(paragraph, numbering: _Numbering) -> list[Line]:
    """One line per soft line break, each with its own bold ("**Beslutning**<br>Godkendt.")."""
    level = _style_level(paragraph)
    label = numbering.label(paragraph)
    # the list number takes the weight of the text after it: None, so that it counts for neither
    rows: list[list[tuple[str, bool | None]]] = [[(label + " ", None)] if label else []]
    for run in _runs(paragraph):
        text = run.text
        if not text:
            continue
        bold = _run_bold(run, paragraph)
        for n, part in enumerate(text.split("\n")):
            if n:
                rows.append([])
            rows[-1].append((part, bold))
    out: list[Line] = []
    for pieces in rows:
        text = clean("".join(t for t, _ in pieces))
        visible = [b for t, b in pieces if t.strip() and b is not None]
        if not text or not visible:
            continue
        out.append(Line(text, level=level, bold=all(visible), lead_bold=visible[0], para=not out))
    return out


def _row_cells(row) -> list:
    seen: set[int] = set()
    cells = []
    for cell in row.cells:
        if id(cell._tc) in seen:  # a merged cell is repeated by python-docx
            continue
        seen.add(id(cell._tc))
        cells.append(cell)
    return cells


def _simple_cells(blocks: list[list], numbering: _Numbering) -> list[list[Line]] | None:
    """The lines of each cell of a row whose cells hold one paragraph at most; None for a row
    with more in a cell."""
    from docx.table import Table

    if not all(len(b) <= 1 and not any(isinstance(x, Table) for x in b) for b in blocks):
        return None
    return [_paragraph_lines(b[0], numbering) if b else [] for b in blocks]


def _table_lines(table, depth: int, numbering: _Numbering) -> list[Line]:
    from docx.table import Table

    out: list[Line] = []
    if depth > 20:
        return out
    key = table_key()
    labels: list[str] | None = None  # the texts of the row before, if it was a row of header labels
    for row in table.rows:
        blocks = [list(_blocks(cell._tc, cell)) for cell in _row_cells(row)]
        cells = _simple_cells(blocks, numbering)
        if cells is None:
            labels = None
            for cell_blocks in blocks:
                for block in cell_blocks:
                    if isinstance(block, Table):
                        out.extend(_table_lines(block, depth + 1, numbering))
                    else:
                        out.extend(_paragraph_lines(block, numbering))
            continue
        # a simple row is one line: "Sagsnr.: | 16/3842"
        texts = [" ".join(line.text for line in lines) for lines in cells]
        columns = label_columns(labels, texts) if labels is not None else None
        if columns is not None:
            out[-1:] = columns  # the line of the labels gives way to one line per column
            labels = None
            continue
        labels = texts if is_label_row(texts) else None
        parts = [line for lines in cells for line in lines]
        if len(cells) == 1:  # a row of one cell is a paragraph, its soft line breaks kept
            out.extend(parts)
            continue
        line = pair_line(*texts) if len(cells) == 2 else Line(clean(" ".join(texts))) if parts else None
        if line is not None:
            line.bold = all(p.bold for p in parts)
            # the row's cells too, for a table in the text (importers.items.Text keeps it a table)
            line.cells, line.table, line.header = tuple(clean(t) for t in texts), key, line.bold
            out.append(line)
    return out


def read_docx(data: bytes) -> list[Line]:
    data = check_package(data)
    try:
        import docx
        from docx.table import Table

        document = docx.Document(io.BytesIO(data))
        # python-docx finds a style (and the default one) by a linear search of the styles part on
        # every lookup; the answers do not change while the document is read
        document.part.get_style = functools.lru_cache(maxsize=None)(document.part.get_style)  # type: ignore[method-assign]
        numbering = _Numbering(document)
        lines: list[Line] = []
        for block in _blocks(document.element.body, document._body):
            if isinstance(block, Table):
                lines.extend(_table_lines(block, 0, numbering))
            else:
                lines.extend(_paragraph_lines(block, numbering))
    except ImportRefused:
        raise
    except Exception as err:  # python-docx and lxml raise many types for a broken package
        raise ImportRefused(f"DOCX-filen er ødelagt og kan ikke læses ({err.__class__.__name__})") from err
    return lines
