"""HTML minutes: the text a reader of the page sees, as lines, without the web interface.

Block elements (p, div, li, h1-h6, table rows) start lines; <br> breaks one. Headings keep
their level; an empty heading (FirstAgenda prints ``<h3></h3>`` before unheaded fields) marks
the next line as the start of a new field. A table row whose first cell is only a number and
whose second cell opens with a heading is an agenda item ("Punkt | Titel" tables); so is a
heading whose number stands in an element of its own (``<h2><span>3</span> Titel</h2>``, or a
number badge right before the heading). A short first cell of two, and a ``<dt>`` before its
``<dd>``, is a label: "Sagsnr. | 20/1877" reads "Sagsnr.: 20/1877"; a row of header labels over a
row of values is read by column ("Dato | Sted" over "12.03.2019 | Salen": "Dato: 12.03.2019",
"Sted: Salen"). Links that are controls of the page ("Print", "Del") are left out.
"""

from __future__ import annotations

import re

from ..errors import ImportRefused
from ..lines import Line, clean, is_label_row, label_columns, pair_line, table_key
from ..vocab import INTERFACE
from .text import decode

#: documents nested deeper than this are refused (a parser bomb, not minutes)
MAX_DEPTH = 250

_SKIP_TAGS = {
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "button", "select", "option",
    "input", "textarea", "svg", "canvas", "iframe", "object", "embed", "head", "title", "meta", "link", "dialog",
    "menu",
}  # fmt: skip
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
    "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "figure", "figcaption", "address", "center",
    "fieldset", "body", "html", "details", "summary", "hr",
}  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BOLD_TAGS = {"b", "strong"}
_NOISE_CLASS = re.compile(
    r"(?i)(?:^|[\s_-])(?:cookie\w*|consent|gdpr|modal|dropdown(?:-menu)?|badge|spinner|sr-only|visually-hidden|skip-?link"
    r"|breadcrumbs?|share|social|pagination|print-?only|pdf-label|(?:site-?|page-?)?footer)(?:$|[\s_-])"
)
_NOISE_ID = re.compile(r"(?i)cookie|consent|gdpr|modal|dialog")
_HIDDEN_STYLE = re.compile(r"(?i)display\s*:\s*none|visibility\s*:\s*hidden")
_NUMBER_CELL = re.compile(r"^\d{1,4}\.?$")
_STRUCTURE = ["p", "div", "ul", "ol", "dl", "table", "h1", "h2", "h3", "h4", "h5", "h6", "br"]


class _Builder:
    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.parts: list[tuple[str, bool]] = []  # text, bold
        self.level = 0
        self.para = True
        self.brk = False

    def text(self, text: str, bold: bool) -> None:
        self.parts.append((text, bold))

    def flush(self, *, hard: bool = False) -> None:
        """End the current line; ``hard`` for a <br> (same paragraph goes on)."""
        text = clean("".join(t for t, _ in self.parts))
        if text and text.casefold() not in INTERFACE:
            visible = [(t, b) for t, b in self.parts if t.strip()]
            bold = all(b for _, b in visible)
            lead = bool(visible) and visible[0][1]
            self.lines.append(
                Line(text, level=self.level, bold=bold, lead_bold=lead, para=self.para, brk=self.brk)
            )
            self.para = self.brk = False
        self.parts = []
        if not hard:
            self.para = True

    def emit(self, line: Line) -> None:
        self.flush()
        line.brk = line.brk or self.brk
        self.lines.append(line)
        self.para, self.brk = True, False


def _is_noise(tag) -> bool:
    attrs = tag.attrs or {}
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    cls = attrs.get("class")
    if cls and _NOISE_CLASS.search(" ".join(cls) if isinstance(cls, list) else str(cls)):
        return True
    ident = attrs.get("id")
    if ident and isinstance(ident, str) and _NOISE_ID.search(ident):
        return True
    style = attrs.get("style")
    return bool(style and isinstance(style, str) and _HIDDEN_STYLE.search(style))


def _cells(row) -> list:
    return [c for c in row.find_all(["td", "th"], recursive=False)]


def _label_cell(cell) -> bool:
    """A first cell that is a label of the cell after it: short text, not an item number."""
    text = cell.get_text(" ", strip=True)
    return 0 < len(text) <= 40 and not _NUMBER_CELL.match(text) and cell.find(_STRUCTURE) is None


def _is_interface(tag) -> bool:
    """A link that is a control of the page ("Print", "Del", "Til toppen"), not text."""
    return clean(tag.get_text(" ")).casefold() in INTERFACE


def _next_tag(tag):
    sibling = tag.next_sibling
    while sibling is not None and getattr(sibling, "name", None) is None and not str(sibling).strip():
        sibling = sibling.next_sibling
    return sibling


def _simple(tag, name: str | None = None) -> bool:
    """An element holding a short run of text only (no blocks inside)."""
    if tag is None or getattr(tag, "name", None) is None or (name and tag.name != name):
        return False
    return tag.find(_STRUCTURE) is None and len(tag.get_text()) <= 200


def _number_label(heading):
    """The first element of a heading when it holds nothing but an item number, else None."""
    for child in heading.children:
        if getattr(child, "name", None) is None:
            if str(child).strip():
                return None
            continue
        text = child.get_text(strip=True)
        return child if _NUMBER_CELL.match(text) and clean(heading.get_text(" ")) != text else None
    return None


def _first_heading(cell):
    for el in cell.descendants:
        name = getattr(el, "name", None)
        if name in _HEADINGS:
            return el
        if name is None and str(el).strip():
            return None
    return None


def _label_columns(tr, cells: list) -> list[Line] | None:
    """ "Label: value" lines for a row of header labels over a row of as many values in the same
    table ("<th>Dato</th><th>Sted</th>" over "<td>12.03.2019</td><td>Salen</td>"), the row of values
    taken out of the walk; None for any other row."""
    labels = [cell.get_text(" ") for cell in cells]
    if not is_label_row(labels):
        return None
    below = tr.find_next("tr")
    if below is None or below.find_parent("table") is not tr.find_parent("table"):
        return None  # the next row belongs to another table
    columns = label_columns(labels, [cell.get_text(" ") for cell in _cells(below)])
    if columns is not None:
        below.extract()
    return columns


class _Walker:
    def __init__(self) -> None:
        self.out = _Builder()
        self.tables: dict[int, int] = {}  # id of a <table> -> its Line.table number

    def walk(self, node, depth: int, bold: bool) -> None:
        if depth > MAX_DEPTH:
            raise ImportRefused(f"HTML-dokumentet er indlejret for dybt (over {MAX_DEPTH} niveauer)")
        from bs4 import Comment, NavigableString, Tag

        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                if child.parent is not None and child.parent.name in _SKIP_TAGS:
                    continue
                # HTML collapses white space, line breaks in the source included (not in <pre>)
                text = str(child)
                if child.parent is None or child.parent.name != "pre":
                    text = " ".join(text.split()) if text.strip() else " "
                    if text != " " and str(child)[:1].isspace():
                        text = " " + text
                    if text != " " and str(child)[-1:].isspace():
                        text = text + " "
                self.out.text(text, bold)
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name in _SKIP_TAGS and not (name == "button" and child.find(list(_HEADINGS))):
                continue
            if _is_noise(child) or (name == "a" and _is_interface(child)):
                continue
            if name == "br":
                self.out.flush(hard=True)
            elif name == "hr":
                self.out.flush()
                self.out.brk = True
            elif name in _HEADINGS:
                self.heading(child, depth, _HEADINGS[name])
            elif name == "tr":
                self.row(child, depth, bold)
            elif name == "dt" and _simple(child) and _simple(_next_tag(child), "dd"):
                self.pair(child, _next_tag(child))
            elif name in _BLOCK_TAGS:
                self.out.flush()
                self.walk(child, depth + 1, bold or name == "dt")  # a term heads its <dd>
                self.out.flush()
            else:
                self.walk(child, depth + 1, bold or name in _BOLD_TAGS)

    def pair(self, dt, dd) -> None:
        """ "<dt>Sagsnr.</dt><dd>20/15022</dd>": one line, a label and its value."""
        line = pair_line(dt.get_text(" "), dd.get_text(" "))
        if line is not None:
            self.out.emit(line)
        dd.extract()

    def heading(self, tag, depth: int, level: int) -> None:
        self.out.flush()
        if not tag.get_text(strip=True):
            self.out.brk = True  # an empty heading: an unheaded field follows
            return
        number = _number_label(tag)
        if number is not None:
            # "<h2><span>3</span> Titel</h2>": the number in an element of its own is the item's
            number.extract()
            title = " ".join(tag.get_text(" ").split())
            self.out.emit(
                Line(
                    f"{number.get_text(strip=True).rstrip('.')}. {title}", level=level, bold=True, role="item"
                )
            )
            self.out.brk = True
            return
        self.out.level = level
        self.walk(tag, depth + 1, True)
        self.out.flush()
        self.out.level = 0
        self.out.brk = True

    def row(self, tr, depth: int, bold: bool) -> None:
        self.out.flush()
        cells = _cells(tr)
        columns = _label_columns(tr, cells)
        if columns is not None:
            for line in columns:
                self.out.emit(line)
            return
        if len(cells) >= 2 and _NUMBER_CELL.match(cells[0].get_text(strip=True)):
            heading = _first_heading(cells[1])
            if heading is not None:
                number = cells[0].get_text(strip=True).rstrip(".")
                title = " ".join(heading.get_text(" ").split())
                self.out.emit(
                    Line(f"{number}. {title}", level=_HEADINGS[heading.name], bold=True, role="item")
                )
                heading.extract()
                for cell in cells[1:]:
                    self.walk(cell, depth + 1, bold)
                    self.out.flush()
                return
        label = len(cells) == 2 and _label_cell(cells[0])
        if any(c.find(["p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6"]) for c in cells):
            for n, cell in enumerate(cells):
                # "Sagsfremstilling | <p>...</p><p>...</p>": the short first cell is the field's heading
                self.walk(cell, depth + 1, bold or cell.name == "th" or (label and n == 0))
                self.out.flush()
            return
        # a simple row is one line: "Mødedato: | onsdag den 1. oktober 2025"; a label cell without
        # its colon gets one, as the genre writes a label ("Sagsnr. | 20/1877" -> "Sagsnr.: 20/1877")
        before = len(self.out.lines)
        for n, cell in enumerate(cells):
            self.walk(cell, depth + 1, bold or cell.name == "th" or (label and n == 0))
            if label and n == 0 and not cell.get_text(strip=True).endswith(":"):
                self.out.text(":", bold)
            self.out.text(" ", bold)
        self.out.flush()
        if len(cells) >= 2 and len(self.out.lines) == before + 1:
            # the row's cells too, for a table in the text (importers.items.Text keeps it a table)
            line = self.out.lines[-1]
            table = tr.find_parent("table")
            line.cells = tuple(clean(c.get_text(" ")) for c in cells)
            line.table = self.tables.setdefault(id(table), table_key())
            line.header = all(c.name == "th" for c in cells) or (
                tr.parent is not None and tr.parent.name == "thead"
            )


def _check_depth(text: str) -> None:
    """Refuse too deep nesting before BeautifulSoup builds it (seconds for 100,000 levels); lxml's own
    parser measures it in a millisecond (libxml2 stops counting at 256 levels, past MAX_DEPTH)."""
    import lxml.etree
    import lxml.html

    try:
        doc = lxml.html.document_fromstring(text)
    except (lxml.etree.LxmlError, ValueError):
        return  # not for this check to judge; BeautifulSoup reads what it can
    depth = deepest = 0
    for event, _element in lxml.etree.iterwalk(doc, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    if deepest > MAX_DEPTH + 2:  # html and body above the walker's first level
        raise ImportRefused(f"HTML-dokumentet er indlejret for dybt (over {MAX_DEPTH} niveauer)")


def read_html(data: bytes) -> list[Line]:
    from bs4 import BeautifulSoup

    text = decode(data)
    _check_depth(text)
    try:
        soup = BeautifulSoup(text, "lxml")
    except Exception as err:  # lxml and bs4 raise many types for hostile input
        raise ImportRefused(f"HTML-dokumentet kan ikke læses ({err.__class__.__name__})") from err
    root = soup.body or soup
    walker = _Walker()
    try:
        walker.walk(root, 0, False)
    except RecursionError as err:
        raise ImportRefused("HTML-dokumentet er indlejret for dybt") from err
    walker.out.flush()
    return _numbers_into_headings(walker.out.lines)


def _numbers_into_headings(lines: list[Line]) -> list[Line]:
    """An item number in a block of its own right before a heading ("<div class="nr">3</div>
    <h2>Titel</h2>", a badge) is that heading's number."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and line.level
            and not prev.level
            and _NUMBER_CELL.match(prev.text)
            and not line.text[:1].isdigit()
        ):
            out[-1] = Line(f"{prev.text.rstrip('.')}. {line.text}", level=line.level, bold=True, role="item")
            continue
        out.append(line)
    return out
