"""The intermediate form every reader produces and the genre parser consumes.

A reader knows the layout (fonts, tags, styles, gaps); the genre parser knows what municipal
minutes say. They meet in a flat list of logical lines: one line is a paragraph or a hard line
of one, already re-joined where the layout only wrapped it, with the few layout facts the
parser needs to tell a heading from text.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .vocab import HEADER_LABEL


@dataclass(slots=True)
class Line:
    text: str
    #: 0 = body text; 1..6 = a heading by layout (h1-h6, Word heading style, larger font)
    level: int = 0
    #: the whole line is bold (or strong)
    bold: bool = False
    #: the line starts in bold ("**Beslutning:** Godkendt.")
    lead_bold: bool = False
    #: the line starts a paragraph (a blank line or a new element before it)
    para: bool = True
    #: the line starts a new field: set off by extra space or an empty heading, not a new paragraph only
    brk: bool = False
    #: what the reader knows for sure: "item" (an agenda item heading "N. Title")
    role: str | None = None
    #: a row of a table in the text: its cells, the table it belongs to (a number per table of the
    #: document, 0 for none) and whether it is a row of column headings (th, or bold throughout)
    cells: tuple[str, ...] | None = None
    table: int = 0
    header: bool = False

    @property
    def styled(self) -> bool:
        return self.level > 0 or self.bold


# Control characters, BOMs, zero-width spaces and soft hyphens (invisible where the line does not
# break: "Samar&shy;bejde" reads "Samarbejde") are deleted; every other kind of white space
# (tabs, no-break and thin spaces) becomes one space. str.translate and str.split run in C,
# which keeps this off the profile of a text parse.
_DELETE = dict.fromkeys([*range(0x00, 0x09), *range(0x0E, 0x1C), 0x7F, 0xAD, 0xFEFF, 0xFFFE, 0xFFFF, 0x200B])


_WORD_HYPHEN_END = re.compile(r"\w-$")


def clean(text: str) -> str:
    """One line of text: no control characters, single spaces, no outer space."""
    if not text.isprintable():  # rare: only then the (slower) deletion table
        text = text.translate(_DELETE)
    return " ".join(text.split())


def join_wrapped(first: str, second: str) -> str:
    """Re-join a line the layout wrapped: a line-final hyphen after a letter is kept and joins
    without a space ("p-" + "huse" = "p-huse"), as the corpus labels it."""
    if not first:
        return second
    if not second:
        return first
    if _WORD_HYPHEN_END.search(first):
        return first + second
    return first + " " + second


_ITEM_NUMBER = re.compile(r"^(?:\d{1,4}\.?|(?:Punkt|Pkt\.?)\s*\d{1,4}\.?)$")


_TABLES = itertools.count(1)


def table_key() -> int:
    """A new number for a table of a document (Line.table)."""
    return next(_TABLES)


def pair_line(label: str, value: str) -> Line | None:
    """A label and its value in cells of their own ("Udvalg" | "Økonomiudvalget", <dt>/<dd>) as
    the genre writes them on one line: "Udvalg: Økonomiudvalget", the label leading in bold. A
    number in the first cell is an item number ("3." | "Budget"), not a label."""
    label, value = clean(label), clean(value)
    if not label or not value:
        return Line(label or value) if label or value else None
    if _ITEM_NUMBER.match(label):
        return Line(f"{label} {value}")
    return Line(f"{label} {value}" if label.endswith(":") else f"{label}: {value}", lead_bold=True)


#: a row of meeting facts has this many columns at the least and at the most
LABEL_COLUMNS = (2, 5)


def is_header_label(text: str) -> bool:
    """Whether a word or cell is one of the labels the header parser reads alone ("Mødedato", "Sted:")."""
    label = HEADER_LABEL.match(clean(text))
    return bool(label and not label.group("v"))


def is_label_row(cells: list[str]) -> bool:
    """Whether a row heads columns of meeting facts ("Mødedato | Mødetidspunkt | Mødested"): each
    of its 2-5 cells a label of the header and nothing else."""
    return LABEL_COLUMNS[0] <= len(cells) <= LABEL_COLUMNS[1] and all(is_header_label(c) for c in cells)


def label_columns(labels: list[str], values: list[str]) -> list[Line] | None:
    """The lines "Label: value", one per column with a value, where a table row of header labels
    stands over a row of as many values: read row by row, neither line says which value is which.
    None for any other pair of rows, an empty row of values included."""
    values = [clean(value) for value in values]
    if len(values) != len(labels) or not any(values) or not is_label_row(labels):
        return None
    return [
        Line(f"{clean(label).rstrip(':')}: {value}", lead_bold=True)
        for label, value in zip(labels, values, strict=True)
        if value
    ]
