"""What every package reader shares: the reading it returns, safe XML, HTML fields as text, member names."""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..errors import ImportRefused

SCHEMA = "protokol/meeting@1"

#: one interchange document (protokol/meeting@1), as store_document takes it
Doc = dict[str, Any]


@dataclass
class Member:
    """A member as the package lists them; `email` stays out of the interchange (never public)."""

    name: str
    party: str | None
    role: str
    present: bool | None = None
    email: str = ""


@dataclass
class Reading:
    """A package read: the meeting, the files its attachments point to, and what was missing."""

    system: str
    doc: Doc
    #: attachment_key(title) -> the attachment's file in the package
    files: dict[str, Path] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: the committee's members as the package lists them (not those at one meeting)
    committee: list[Member] = field(default_factory=list)


# XML 1.0 allows no control characters, not even as a reference; eDoc writes a page break as "&#xC;".
_BAD_REFERENCE = re.compile(
    rb"&#(?:x0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F])|0*(?:[0-8]|1[1-2]|1[4-9]|2[0-9]|3[01]));"
)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


def parse_xml(data: bytes, name: str) -> ET.Element:
    """The root element; refuses (one line) what is not well-formed XML, and any DTD (no entity tricks)."""
    if _DOCTYPE.search(data[:4096]):
        raise ImportRefused(f"{name}: XML med DOCTYPE afvises")
    data = _BAD_REFERENCE.sub(b" ", data)
    try:
        return ET.fromstring(data)
    except ET.ParseError as err:
        line, column = err.position
        raise ImportRefused(f"{name}: ugyldig XML (linje {line}, kolonne {column})") from err


def read_xml(path: Path) -> ET.Element:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ImportRefused(f"{path.name}: kan ikke læses ({err.strerror or err})") from err
    return parse_xml(data, path.name)


def text_of(element: ET.Element | None, path: str = "") -> str:
    """The stripped text at `path` under `element` ("" where absent)."""
    if element is None:
        return ""
    found = element.find(path) if path else element
    return " ".join((found.text or "").split()) if found is not None else ""


def raw_text_of(element: ET.Element | None, path: str) -> str:
    found = element.find(path) if element is not None else None
    return (found.text or "") if found is not None else ""


_BLOCK = {"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote"}


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.paragraphs.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK or tag == "br":
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK:
            self.flush()

    def handle_data(self, data: str) -> None:
        self.current.append(data)


def html_text(markup: str) -> str:
    """The text of an HTML field: one paragraph per block, joined by a blank line; empty ones left out."""
    if "<" not in markup:
        return "\n\n".join(p for p in (" ".join(x.split()) for x in re.split(r"\n\s*\n", markup)) if p)
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    parser.flush()
    return "\n\n".join(parser.paragraphs)


_NAME_PARTY = re.compile(r"^(?P<name>.+?)\s*\((?P<party>[A-ZÆØÅ]{1,2})\)\s*(?:[-–,]\s*(?P<role>.+))?$")
_ROLES = {
    "formand": "formand",
    "næstformand": "naestformand",
    "medlem": "medlem",
    "stedfortræder": "stedfortraeder",
}


def split_name(raw: str) -> tuple[str, str | None, str]:
    """ "Jesper  Mathiesen (A)" -> ("Jesper Mathiesen", "A", ""); "Lolan Ottesen (A) - formand" -> (..., "formand")."""
    raw = " ".join(raw.split())
    found = _NAME_PARTY.match(raw)
    if not found:
        return raw, None, ""
    return found.group("name"), found.group("party"), role_of(found.group("role") or "")


def role_of(raw: str) -> str:
    """The membership role a package names ("Medlem", "Formand", "Næstformand"); "" when unknown."""
    return _ROLES.get(" ".join(raw.split()).casefold(), "")


def participants(members: list[Member]) -> list[dict[str, Any]] | None:
    """The interchange `participants` (name, party, role, present), or None where the package does not say
    who was present: a member list of an agenda is who is called, not who came, and stored as attendance it
    would record them all as present."""
    if not members or any(m.present is None for m in members):
        return None
    return [
        {"name": m.name, "party": m.party, "role": m.role or "medlem", "present": m.present} for m in members
    ]


def empty_doc(*, body: str, kind: str, start: str | None, location: str | None) -> Doc:
    return {"schema": SCHEMA, "body": body, "kind": kind, "start": start, "location": location, "items": []}


def attachment_key(name: str) -> str:
    """The loose key store_document finds an attachment's file by (store.attachment_key; no Django here)."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def _loose(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def find_file(folder: Path, relative: str) -> Path | None:
    """The file `relative` (either slash) names under `folder`, its name matched without regard to case or
    Unicode normalisation (a zip made on a Mac spells "å" decomposed); None where absent or outside."""
    parts = [p for p in relative.replace("\\", "/").split("/") if p not in ("", ".")]
    if not parts or ".." in parts or relative.startswith(("/", "\\")):
        return None
    current = folder
    for part in parts:
        direct = current / part
        if direct.exists():
            current = direct
            continue
        if not current.is_dir():
            return None
        match = next((p for p in current.iterdir() if _loose(p.name) == _loose(part)), None)
        if match is None:
            return None
        current = match
    return current if current.is_file() else None
