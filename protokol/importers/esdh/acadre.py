"""Acadre (Syddjurs): `XML_<agenda>.xml` names the produced agenda and minutes; the minutes' data is
`Files_<agenda>_<doc>/<fusion id>.XML` next to its documents.

Acadre writes everything as `<table name="...">` with `<field name="...">` rows; an item's fields are
"bullets" (heading and HTML content) and its attachments "enclosures" with their own access.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

from ..errors import ImportRefused
from .common import (
    Doc,
    Member,
    Reading,
    attachment_key,
    empty_doc,
    find_file,
    html_text,
    participants,
    read_xml,
    split_name,
)

_DECISION = re.compile(
    r"(?i)^Beslutning(?:\s+i\s+(?P<body>.+?))?(?:\s+den\s+(?P<date>\d{1,2}-\d{1,2}-\d{4}))?\s*$"
)
_MINUTES_TYPE = "2"


def _fields(table: ET.Element) -> dict[str, str]:
    """The `<fields>` rows directly under a table, by name (the outer XML writes the name as an attribute)."""
    out: dict[str, str] = {}
    for fields in table.findall("fields"):
        for row in fields.findall("field"):
            if "name" in row.attrib:
                out.setdefault(row.attrib["name"], (row.text or "").strip())
    return out


def _attribute_rows(fields: ET.Element) -> dict[str, str]:
    """The outer XML's style: `<field sysid="57"/>`, one attribute a row."""
    out: dict[str, str] = {}
    for row in fields.findall("field"):
        for k, v in row.attrib.items():
            out.setdefault(k, v)
    return out


def _tables(parent: ET.Element, name: str) -> list[ET.Element]:
    return [t for t in parent.findall("table") if t.get("name") == name]


def _members(table: ET.Element | None, *, with_presence: bool) -> list[Member]:
    out: list[Member] = []
    for member in table.iter("table") if table is not None else []:
        if member.get("name") != "member":
            continue
        f = _fields(member)
        name, party, _role = split_name(f.get("name", ""))
        if not name:
            continue
        role = {"formand": "formand", "næstformand": "naestformand"}.get(
            f.get("role", "").casefold(), "medlem"
        )
        present = f.get("absent", "0") in ("", "0") if with_presence else None
        out.append(
            Member(
                name=name,
                party=party or (f.get("party") or None),
                role=role,
                present=present,
                email=f.get("email", ""),
            )
        )
    return out


def minutes_folder(outer: Path) -> tuple[Path, Path, bool]:
    """(the data XML, its files folder, whether it is the minutes) of the newest produced document."""
    root = read_xml(outer)
    produced: list[dict[str, str]] = []
    for table in root.findall("table"):
        if table.get("name") == "producedAgenda":
            produced.extend(_attribute_rows(fields) for fields in table.findall("fields"))
    candidates = []
    for row in produced:
        folder = outer.parent / row.get("filesfolder", "")
        if row.get("filesfolder") and folder.is_dir():
            fusion = row.get("xmlFusionID", "")
            data = next(
                (p for p in folder.iterdir() if p.stem == fusion and p.suffix.lower() == ".xml"), None
            )
            if data is not None:
                candidates.append((row.get("type") == _MINUTES_TYPE, data, folder))
    if not candidates:
        raise ImportRefused(
            f"{outer.name}: pakken har ingen Files_-mappe med dagsordenens eller referatets XML"
        )
    minutes, data, folder = max(candidates, key=lambda c: c[0])
    return data, folder, minutes


def _location(meeting: dict[str, str]) -> str | None:
    parts = [meeting.get("location", "")]
    parts += re.split(r"(?i)<br\s*/?>|\n", meeting.get("address", ""))
    joined = ", ".join(p.strip() for p in parts if p.strip() and p.strip() != "????")
    return joined or None


def _start(raw: str) -> str | None:
    for fmt in ("%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(raw.strip(), fmt).isoformat()
        except ValueError:
            continue
    return None


def _attachment_file(folder: Path, f: dict[str, str]) -> Path | None:
    """The enclosure's file: its PDF rendition where the package has one (old .DOC is unreadable), else the file."""
    rendition = find_file(folder, f"{f['name']}.pdf") if f.get("name") else None
    if rendition is not None:
        return rendition
    filename = f.get("filename", "")
    return find_file(folder, filename) if filename else None


def read(outer: Path) -> Reading:
    data, folder, minutes = minutes_folder(outer)
    root = read_xml(data)
    agenda = next((t for t in root.iter("table") if t.get("name") == "agenda"), None)
    if agenda is None:
        raise ImportRefused(f"{data.name}: ingen dagsorden i XML'en")
    committee = next(iter(_tables(agenda, "committee")), None)
    meeting = next(iter(_tables(agenda, "meeting")), None)
    if committee is None or meeting is None:
        raise ImportRefused(f"{data.name}: XML'en nævner ikke udvalget eller mødet")
    body = _fields(committee).get("name", "")
    m = _fields(meeting)
    agenda_name = _fields(agenda).get("name", "")
    kind = "minutes" if minutes or "referat" in agenda_name.casefold() else "agenda"
    doc = empty_doc(body=body, kind=kind, start=_start(m.get("date", "")), location=_location(m))
    reading = Reading(system="acadre", doc=doc)
    reading.committee = _members(next(iter(_tables(committee, "commember")), None), with_presence=False)
    present = _members(next(iter(_tables(meeting, "meetmember")), None), with_presence=kind == "minutes")
    if (stated := participants(present)) is not None:
        doc["participants"] = stated
    for parent in _tables(agenda, "agendaitemparents"):
        item_table = next(iter(_tables(parent, "agendaitem")), None)
        if item_table is not None:
            doc["items"].append(_item(parent, item_table, folder, reading))
    return reading


def _item(parent: ET.Element, table: ET.Element, folder: Path, reading: Reading) -> Doc:
    f = _fields(table)
    sort = _fields(parent).get("sort", "")
    number: int | str | None = int(sort) if sort.isdigit() else (sort or None)
    access = f.get("accessname", "").casefold()
    public = access.startswith("åben") if access else f.get("access", "1") == "1"
    item: Doc = {
        "number": number,
        "title": f.get("name", ""),
        "public": public,
        "case_number": f.get("caseno") or None,
        "journal_number": None,
        "document_number": None,
        "case_type": None,
        "sections": [],
        "attachments": [],
        "decisions": [],
    }
    if f.get("comname"):
        # Acadre's minutes print the deciding committee under each item's heading.
        item["sections"].append({"heading": "Sagen afgøres i", "text": f["comname"]})
    bullets = sorted(
        _tables(table, "bullet"),
        key=lambda b: int(_fields(b).get("bulletsortorder", "0") or 0),
    )
    for bullet in bullets:
        b = _fields(bullet)
        heading = " ".join(b.get("bulletname", "").split())
        text = html_text(b.get("bulletcontent", ""))
        decision = _DECISION.match(heading)
        if decision:
            if text:
                day = decision.group("date")
                item["decisions"].append(
                    {
                        "body": decision.group("body") or reading.doc["body"],
                        "date": datetime.strptime(day, "%d-%m-%Y").date().isoformat() if day else None,
                        "text": text,
                    }
                )
        elif heading.casefold() != "bilag" and heading and text:
            item["sections"].append({"heading": heading, "text": text})
    for enclosure in _tables(table, "enclosure"):
        e = _fields(enclosure)
        title = e.get("name", "").strip()
        if not title:
            continue
        access = e.get("accessname", "").casefold()
        item["attachments"].append(
            {
                "title": title,
                "document_number": e.get("fileno") or None,
                "public": public and (access.startswith("åben") if access else e.get("access", "1") == "1"),
            }
        )
        path = _attachment_file(folder, e)
        if path is None:
            reading.warnings.append(f"bilag mangler i pakken: {e.get('filename') or title}")
        else:
            reading.files[attachment_key(title)] = path
    return item
