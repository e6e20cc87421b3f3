"""One agenda item being read: its fields, and how a line of its body is filed."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date

from .dates import find_date, find_time
from .lines import Line, join_wrapped
from .vocab import (
    ACCESS_ALONE,
    ACCESS_END,
    ACCESS_NOTE,
    ATTACHMENT_DOC_FIRST,
    ATTACHMENT_DOC_SUFFIX,
    ATTACHMENT_NOISE,
    ATTACHMENT_ROW,
    BODY_WORD,
    BULLET,
    CASE_ALONE,
    CASE_TYPE_WORD,
    CODES,
    DOC_NUMBER_LINE,
    LIST_NUMBER,
    META,
    NO_ATTACHMENTS,
    OTHER_LABEL,
)

_QUALIFIED = re.compile(r"^\s*(?:i|fra)\s+[\w.\-]{1,20}\s*:\s*")


def _is_table(rows: list[tuple[int, tuple[str, ...], bool]]) -> bool:
    """Rows of a table that holds data (an economy table), not a layout of labels and values: two rows
    at least, and three columns or a row of column headings over them; a column of labels ending in a
    colon ("Sagsnr.: | 20/1877") is a layout."""
    columns = max(len(cells) for _, cells, _ in rows)
    if len(rows) < 2 or columns < 2:
        return False
    if all(cells[0].endswith(":") for _, cells, _ in rows):
        return False
    return columns >= 3 or rows[0][2]


def _table_html(rows: list[tuple[int, tuple[str, ...], bool]]) -> str:
    columns = max(len(cells) for _, cells, _ in rows)
    head = 0
    while head < len(rows) - 1 and rows[head][2]:
        head += 1

    def row(cells: tuple[str, ...], tag: str) -> str:
        padded = [*cells, *[""] * (columns - len(cells))]
        return "<tr>" + "".join(f"<{tag}>{html.escape(c, quote=False)}</{tag}>" for c in padded) + "</tr>"

    thead = "".join(row(cells, "th") for _, cells, _ in rows[:head])
    tbody = "".join(row(cells, "td") for _, cells, _ in rows[head:])
    return "<table>" + (f"<thead>{thead}</thead>" if thead else "") + f"<tbody>{tbody}</tbody></table>"


@dataclass(slots=True)
class Text:
    """Paragraphs of lines; a paragraph starts where the layout says so.

    A table of the document (rows of a DOCX or HTML table that hold data, see `_is_table`) stays a
    table: the text is then HTML (paragraphs and the table, protokol.common.richtext's allow-list);
    any other text stays plain text as before.
    """

    paragraphs: list[list[str]] = field(default_factory=list)
    #: paragraph index -> (table number, cells, header row) of a paragraph that is a table's row
    rows: dict[int, tuple[int, tuple[str, ...], bool]] = field(default_factory=dict)

    def add(self, line: Line) -> None:
        if line.table and line.cells:
            self.rows[len(self.paragraphs)] = (line.table, line.cells, line.header)
            self.paragraphs.append([line.text])
        elif line.para or not self.paragraphs:
            self.paragraphs.append([line.text])
        else:
            self.paragraphs[-1].append(line.text)

    def add_text(self, text: str) -> None:
        self.paragraphs.append([text])

    def _tables(self) -> dict[int, list[int]]:
        """First paragraph index -> the indices of a run of rows of one table that is a table of data."""
        runs: dict[int, list[int]] = {}
        start = -1
        for index in sorted(self.rows):
            key = self.rows[index][0]
            if start >= 0 and index == runs[start][-1] + 1 and self.rows[start][0] == key:
                runs[start].append(index)
            else:
                start = index
                runs[start] = [index]
        return {first: run for first, run in runs.items() if _is_table([self.rows[i] for i in run])}

    def render(self) -> str:
        tables = self._tables()
        if not tables:
            return "\n\n".join("\n".join(p) for p in self.paragraphs).strip()
        out, skip = [], set()
        for index, lines in enumerate(self.paragraphs):
            if index in skip:
                continue
            if index in tables:
                out.append(_table_html([self.rows[i] for i in tables[index]]))
                skip.update(tables[index])
            elif any(line.strip() for line in lines):
                out.append(
                    "<p>" + "<br>".join(html.escape(line.strip(), quote=False) for line in lines) + "</p>"
                )
        return "".join(out)

    def __bool__(self) -> bool:
        return any(any(t.strip() for t in p) for p in self.paragraphs)


@dataclass(slots=True)
class Decision:
    body: str | None
    date: date | None
    text: Text = field(default_factory=Text)
    earlier: bool = False  # from a Sagsforløb: a step of the route


@dataclass(slots=True)
class Item:
    number: int | str
    title: str
    public: bool = True
    # True where `public` was only inferred from a closed or open zone, so the item's own mark overrides it.
    public_from_zone: bool = False
    case_number: str | None = None
    journal_number: str | None = None
    document_number: str | None = None
    case_type: str | None = None
    route_parts: list[str] | None = None
    sections: list[tuple[str, Text]] = field(default_factory=list)
    attachments: list[dict] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    history_text: Text = field(default_factory=Text)
    intro: Text = field(default_factory=Text)
    absent: list[str] = field(default_factory=list)
    disqualified: list[str] = field(default_factory=list)
    closed_reason: str | None = None
    order: int = 0

    # --- filing ----------------------------------------------------------------------------
    def add_meta(self, text: str) -> bool:
        """Read "Sagsnr.: X J.nr.: Y Dokumentnr.: Z [Åbent]"; False if the line is not that."""
        labels = list(META.finditer(text))
        if not labels or labels[0].start() != 0:
            alone = CASE_ALONE.match(text)
            if alone and self.case_number is None:
                self.case_number = text
                return True
            return False
        end = ACCESS_END.search(text)
        if end:
            self.public = not end.group("closed")
            text = text[: end.start()]
            labels = list(META.finditer(text))
        for i, m in enumerate(labels):
            stop = labels[i + 1].start() if i + 1 < len(labels) else len(text)
            raw = text[m.end() : stop]
            raw = _QUALIFIED.sub("", raw)  # "Sagsnr. i ESDH: 25/23642": the system it is the number in
            other = OTHER_LABEL.search(raw)  # "Sagsnr.: 21/5567 Sagsbehandler: Mette Lund"
            value = (raw[: other.start()] if other else raw).strip(" ,;:") or None
            if value and len(value) > 60:
                return i > 0  # a long first value is a sentence, not a label
            label = m.group("label").casefold()
            if label.startswith("sag"):
                self.case_number = self.case_number or value
            elif label.startswith(("j", "kle")):
                self.journal_number = self.journal_number or value
            else:
                self.document_number = self.document_number or value
        return True

    def add_attachment(self, text: str) -> str:
        """File one entry of Bilag; returns its form (see :func:`attachment_form`)."""
        if NO_ATTACHMENTS.match(text):
            return "none"
        form = attachment_form(text)
        doc = None
        public = None
        lead = ATTACHMENT_DOC_FIRST.match(text)
        row = ATTACHMENT_ROW.match(text) if lead is None else None
        if lead:  # eDoc: "2012-200782 - Titel"
            doc, text = lead.group("n"), lead.group("title")
        elif row:  # Acadre: "1 | Åben | Titel | 222359/12"
            doc, text = row.group("n"), row.group("title")
            public = not row.group("closed")
        text = LIST_NUMBER.sub("", BULLET.sub("", text))
        text = ATTACHMENT_NOISE.sub("", text).strip().rstrip(":").rstrip()  # "Notat: | (PDF, 88 KB)"
        if not text:
            return form
        number = DOC_NUMBER_LINE.match(text)
        if doc is None and number and self.attachments and self.attachments[-1]["document_number"] is None:
            self.attachments[-1]["document_number"] = number.group("n")
            return form
        suffix = ATTACHMENT_DOC_SUFFIX.search(text) if doc is None else None
        if suffix and suffix.start() > 0:
            doc = suffix.group("n") or suffix.group("labelled")
            text = text[: suffix.start()].rstrip(" -–,")
        key = " ".join(text.split()).casefold().rstrip(".")
        for existing in self.attachments:  # listed twice (before and after the decision): once
            if " ".join(existing["title"].split()).casefold().rstrip(".") == key:
                existing["document_number"] = existing["document_number"] or doc
                return form
        entry: dict = {"title": text, "document_number": doc}
        if public is False:
            entry["public"] = False
        self.attachments.append(entry)
        return form

    def section(self, heading: str) -> Text:
        text = Text()
        self.sections.append((heading, text))
        return text


def attachment_form(text: str) -> str:
    """The form of an entry under Bilag: "numbered" (a document number first, "2012-200782 -
    Titel"), "row" (a row of a table: number, access, title, document number) or "plain"."""
    if ATTACHMENT_DOC_FIRST.match(text):
        return "numbered"
    if ATTACHMENT_ROW.match(text):
        return "row"
    return "plain"


def case_type_of(value: str) -> str | None:
    """ "Beslutning." / "Beslutningssag" / "B" -> "Beslutning"."""
    value = value.strip(" .:;,()")
    if value.upper() in CODES:
        return CODES[value.upper()]
    if not value or not CASE_TYPE_WORD.search(value) or len(value.split()) > 4:
        return None
    value = re.sub(r"(?i)s?sag$", "", value).strip()
    return value[:1].upper() + value[1:]


def access_of(text: str) -> bool | None:
    m = ACCESS_ALONE.match(text)
    if not m:
        return False if ACCESS_NOTE.match(text) else None
    return not m.group("closed")


_ROUTE_SPLIT = re.compile(r"\s*(?:,|;|→|->|>|/|\bog\b|\bsamt\b)\s*")


def route_of(text: str) -> list[str] | None:
    """A short list of bodies ("Direktion, Økonomiudvalg, Kommunalbestyrelse.") or None."""
    text = " ".join(text.split()).strip(" .")
    if not text or len(text) > 200 or "\n" in text:
        return None
    parts = [p.strip(" .") for p in _ROUTE_SPLIT.split(text) if p.strip(" .")]
    if not parts or len(parts) > 10:
        return None
    for p in parts:
        if len(p.split()) > 5 or not p[0].isupper() or any(ch in p for ch in "!?"):
            return None
    if len(parts) == 1 and not BODY_WORD.search(parts[0]) and len(parts[0].split()) > 2:
        return None
    return parts


def genitive_body(text: str) -> str:
    """ "Direktionens" -> "Direktionen", "Teknisk Udvalgs" -> "Teknisk Udvalg"."""
    text = text.strip()
    return text[:-1] if text.endswith("s") and not text.endswith("ss") else text


def date_only(text: str) -> date | None:
    """A date that is all the text says (a trailing time is allowed), else None."""
    hit = find_date(text)
    if not hit:
        return None
    rest = text[hit[2] :].strip(" ,.:-–")
    if rest and not (find_time(rest) and len(rest) <= 16):
        return None
    return hit[0]


def join_title(first: str, second: str) -> str:
    return join_wrapped(first.rstrip(), second.lstrip())
