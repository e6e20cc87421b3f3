"""One agenda item being read: its fields, and how a line of its body is filed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .dates import find_date, find_time
from .lines import Line, join_wrapped
from .vocab import (
    ACCESS_ALONE,
    ACCESS_END,
    ACCESS_NOTE,
    ATTACHMENT_DOC_SUFFIX,
    ATTACHMENT_NOISE,
    BODY_WORD,
    BULLET,
    CASE_ALONE,
    CASE_TYPE_WORD,
    CODES,
    DOC_NUMBER_LINE,
    LIST_NUMBER,
    META,
    OTHER_LABEL,
)


@dataclass(slots=True)
class Text:
    """Paragraphs of lines; a paragraph starts where the layout says so."""

    paragraphs: list[list[str]] = field(default_factory=list)

    def add(self, line: Line) -> None:
        if line.para or not self.paragraphs:
            self.paragraphs.append([line.text])
        else:
            self.paragraphs[-1].append(line.text)

    def add_text(self, text: str) -> None:
        self.paragraphs.append([text])

    def render(self) -> str:
        return "\n\n".join("\n".join(p) for p in self.paragraphs).strip()

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
    number: int
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

    def add_attachment(self, text: str) -> None:
        text = LIST_NUMBER.sub("", BULLET.sub("", text))
        text = ATTACHMENT_NOISE.sub("", text).strip().rstrip(":").rstrip()  # "Notat: | (PDF, 88 KB)"
        if not text:
            return
        number = DOC_NUMBER_LINE.match(text)
        if number and self.attachments and self.attachments[-1]["document_number"] is None:
            self.attachments[-1]["document_number"] = number.group("n")
            return
        doc = None
        suffix = ATTACHMENT_DOC_SUFFIX.search(text)
        if suffix and suffix.start() > 0:
            doc = suffix.group("n") or suffix.group("labelled")
            text = text[: suffix.start()].rstrip(" -–,")
        key = " ".join(text.split()).casefold().rstrip(".")
        for existing in self.attachments:  # listed twice (before and after the decision): once
            if " ".join(existing["title"].split()).casefold().rstrip(".") == key:
                existing["document_number"] = existing["document_number"] or doc
                return
        self.attachments.append({"title": text, "document_number": doc})

    def section(self, heading: str) -> Text:
        text = Text()
        self.sections.append((heading, text))
        return text


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
