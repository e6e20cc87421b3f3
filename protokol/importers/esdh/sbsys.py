"""SBSYS: `PublicationN.xml` (with `Enclosures/`), and the variant Aarhus exported, `publication.xml` with
the minutes as a PDF in an open and an open-and-closed edition.

An item's fields are `ItemField`s: a caption and HTML content, decisions marked `IsFeedback`. Where every
field is empty (Aarhus), the fields are read from the minutes document the package carries, cut at the
items the XML names.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

from .. import vocab
from ..dates import find_date
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
    raw_text_of,
    read_xml,
    split_name,
    text_of,
)
from .fields import Field, split_items

_EMPTY = {"", "tomt indhold"}
#: the pseudo-items Aarhus uses to carry the minutes documents ("Åbent referat", "Lukket referat")
_DOCUMENT_ITEM = "0"


def _start(raw: str) -> str | None:
    try:
        return datetime.strptime(raw.strip(), "%d-%m-%Y %H:%M:%S").isoformat()
    except ValueError:
        return None


def _presence(member: ET.Element) -> bool | None:
    status = text_of(member, "ParticipationStatusAsText").casefold()
    if status in ("participating", "present", "deltager"):
        return True
    if status in ("notparticipating", "absent", "deltagerikke"):
        return False
    return None


def _members(elements: list[ET.Element], *, presence: bool) -> list[Member]:
    out = []
    for element in elements:
        name, party, role = split_name(text_of(element, "Name"))
        if name:
            out.append(
                Member(
                    name=name,
                    party=party,
                    role=role or "medlem",
                    present=_presence(element) if presence else None,
                    email=text_of(element, "EmailAddress"),
                )
            )
    return out


def _as_written(name: str) -> str:
    """A name the system keeps in capitals ("FORRETNINGSUDVALGET") as a name is written."""
    return name[:1].upper() + name[1:].lower() if name.isupper() else name


def _decision_body(caption: str, meeting_body: str) -> str:
    """ "FORRETNINGSUDVALGETS BESLUTNING" -> "Forretningsudvalget"; "Beslutning" -> the meeting's body."""
    words = caption.split()
    if len(words) < 2 or words[-1].casefold() != "beslutning":
        return meeting_body
    name = " ".join(words[:-1])
    return _as_written(name[:-1] if name.casefold().endswith("s") else name)


def _number(raw: str) -> int | str | None:
    raw = raw.strip()
    return int(raw) if raw.isdigit() else (raw or None)


def read(path: Path) -> Reading:
    root = read_xml(path)
    if root.tag != "Publication":
        raise ImportRefused(f"{path.name}: ikke en SBSYS-publicering (rodelementet er {root.tag})")
    agenda = root.find("Agendas/Agenda")
    if agenda is None:
        raise ImportRefused(f"{path.name}: publiceringen har ingen dagsorden")
    aarhus = path.name == "publication.xml"
    meeting = agenda.find("Meeting")
    body = _as_written(text_of(agenda, "Committee/Name") or text_of(agenda, "Name"))
    kind_value = text_of(root, "PublicationTypeAsEnum") or text_of(agenda, "PublicationTypeAsEnum")
    type_value = text_of(root, "PublicationTypeAsValue") or text_of(agenda, "PublicationTypeAsValue")
    kind = "minutes" if kind_value.casefold() == "minutes" or type_value == "2" else "agenda"
    doc = empty_doc(
        body=body,
        kind=kind,
        start=_start(text_of(meeting, "When")),
        location=text_of(meeting, "Where") or None,
    )
    reading = Reading(system="sbsys_aarhus" if aarhus else "sbsys", doc=doc)
    attending = _members(
        meeting.findall("Members/MeetingMember") if meeting is not None else [], presence=True
    )
    if (stated := participants(attending)) is not None:
        doc["participants"] = stated
    reading.committee = _members(agenda.findall("Committee/Members/CommitteeMember/Member"), presence=False)
    loose = agenda.findall("Enclosures/Enclosure")
    documents: list[ET.Element] = []
    for element in agenda.findall("Items/Item"):
        if text_of(element, "Number") == _DOCUMENT_ITEM and aarhus:
            documents.append(element)
            continue
        doc["items"].append(_item(element, loose, path.parent, reading))
    if documents and not any(it["sections"] or it["decisions"] for it in doc["items"]):
        _fields_from_document(documents, path.parent, reading)
    return reading


def _item(element: ET.Element, loose: list[ET.Element], folder: Path, reading: Reading) -> Doc:
    public = text_of(element, "IsPublic").casefold() != "false"
    number = _number(text_of(element, "Number"))
    item: Doc = {
        "number": number,
        "title": text_of(element, "Caption"),
        "public": public,
        "case_number": text_of(element, "Case/Number") or None,
        "journal_number": None,
        "document_number": None,
        "case_type": None,
        "sections": [],
        "attachments": [],
        "decisions": [],
    }
    for field in element.findall("Fields/ItemField"):
        caption = text_of(field, "Caption")
        content = raw_text_of(field, "Content")
        text = (
            html_text(content)
            if text_of(field, "FieldTypeAsEnum").casefold() == "html" or "<" in content
            else ("\n\n".join(p for p in (" ".join(x.split()) for x in content.splitlines()) if p))
        )
        if text.casefold().strip(" .") in _EMPTY or (caption and caption == item["title"] and not text):
            continue
        if text_of(field, "IsFeedback").casefold() == "true" or vocab.key(caption) in vocab.DECISION_HEADINGS:
            found = find_date(text[:40])
            day = (
                found[0].isoformat() if found and found[1] == 0 else (reading.doc["start"] or "")[:10] or None
            )
            item["decisions"].append(
                {"body": _decision_body(caption, reading.doc["body"]), "date": day, "text": text}
            )
        elif caption:
            item["sections"].append({"heading": caption, "text": text})
    enclosures = element.findall("Enclosures/Enclosure") or [
        e for e in loose if text_of(e, "ItemNumber") == text_of(element, "Number")
    ]
    for enclosure in enclosures:
        title = text_of(enclosure, "Name")
        if not title:
            continue
        said = text_of(enclosure, "IsPublic").casefold()
        # SBSYS has no access per enclosure; a title that says it is not published is taken at its word.
        withheld = said == "false" or title.casefold().startswith(
            ("ikke offentliggjort", "lukket", "fortrolig")
        )
        item["attachments"].append(
            {"title": title, "document_number": None, "public": public and not withheld}
        )
        relative = (
            text_of(enclosure, "InstantiationFilePathRelative")
            or (
                f"Enclosures/{text_of(enclosure, 'InstantiationFileName')}"
                if text_of(enclosure, "InstantiationFileName")
                else ""
            )
            or text_of(enclosure, "FileName")
        ).replace("\\", "/")
        candidate = find_file(folder, relative) if relative else None
        if candidate is not None:
            reading.files[attachment_key(title)] = candidate
        else:
            reading.warnings.append(f"bilag mangler i pakken: {relative or title}")
    return item


def _fields_from_document(documents: list[ET.Element], folder: Path, reading: Reading) -> None:
    """Aarhus: the items' fields from the minutes PDF, the open edition first."""
    from ..readers import read_file

    files = []
    for element in sorted(documents, key=lambda e: text_of(e, "IsPublic").casefold() != "true"):
        for enclosure in element.findall("Enclosures/Enclosure"):
            name = text_of(enclosure, "FileName")
            found = find_file(folder, name) if name else None
            if found is not None:
                files.append(found)
            elif name:
                reading.warnings.append(f"referatet mangler i pakken: {name}")
    if not files:
        return
    try:
        lines = [line.text for line in read_file(files[0])]
    except ImportRefused as err:
        reading.warnings.append(f"{files[0].name}: {err}")
        return
    items = reading.doc["items"]
    starts = _item_starts(lines, items)
    texts = []
    for n, start in enumerate(starts):
        end = next((s for s in starts[n + 1 :] if s is not None), len(lines))
        texts.append(lines[start + 1 : end] if start is not None else [])
    for item, fields in zip(items, split_items(texts, blank_before=False), strict=True):
        _apply_fields(item, fields, reading)


def _heading_key(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


def _item_starts(lines: list[str], items: list[Doc]) -> list[int | None]:
    """The line each item's heading stands on ("1.1 Status siden sidst"), searched in order."""
    starts: list[int | None] = []
    at = 0
    for item in items:
        wanted = _heading_key(f"{item['number']} {item['title']}")
        found = next((i for i in range(at, len(lines)) if _heading_key(lines[i]) == wanted), None)
        starts.append(found)
        if found is not None:
            at = found + 1
    return starts


def _apply_fields(item: Doc, fields: list[Field], reading: Reading) -> None:
    for field in fields[1:]:
        heading = field.heading or ""
        text = "\n".join(" ".join(line.split()) for line in field.lines if line.strip())
        if not text:
            continue
        if vocab.key(heading) in vocab.DECISION_HEADINGS:
            day = (reading.doc["start"] or "")[:10] or None
            item["decisions"].append({"body": reading.doc["body"], "date": day, "text": text})
        else:
            item["sections"].append({"heading": heading, "text": text})
