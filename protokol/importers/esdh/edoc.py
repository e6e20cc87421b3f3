"""eDoc (Ballerup): `eDocAgendaPublishing.xml` with the committee, date and state, one `MeetingAgendaType`
per edition (open, closed), its items with title, neutral title, attachments, and each item's text as the
minutes print it (`FullText`), which is where the fields, case numbers and decisions are.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from difflib import SequenceMatcher
from pathlib import Path

from ..errors import ImportRefused
from .common import (
    Doc,
    Member,
    Reading,
    attachment_key,
    empty_doc,
    find_file,
    participants,
    raw_text_of,
    read_xml,
    split_name,
    text_of,
)
from .fields import Field, split_items

XML_NAME = "eDocAgendaPublishing.xml"
_DECISION = re.compile(
    r"^(?P<body>\S.{2,120}?)\s+beslutning\s+den\s+(?P<date>\d{1,2}\.\d{1,2}\.\d{4})(?:\s+Punkt\s+\S+)?$"
)
_DECISION_MARK = "\x00beslutning"
_CASE = re.compile(r"(?im)^\s*Sagsnr\.?:\s*(\S+)")
_DOCUMENT = re.compile(r"(?im)^\s*Dok\.?\s*nr\.?:\s*(\S+)")
_ATTACHMENT = re.compile(r"^(?P<number>\d{4}\s*[-–]\s*\d+)\s+[-–]\s+(?P<title>.+)$")
_NUMBER_TITLE = re.compile(r"^\s*(\d{1,4})\.\s+")


_ABSENT = re.compile(r"(?i)^Følgende deltog ikke i behandlingen af punktet:?\s*(?P<rest>.*)$")


def _absent(lines: list[str]) -> list[str]:
    """The names under "Følgende deltog ikke i behandlingen af punktet:" (on its line or the lines after)."""
    names: list[str] = []
    taking = False
    for raw in lines:
        line = " ".join(raw.split())
        found = _ABSENT.match(line)
        if found:
            taking = True
            line = found.group("rest")
        if taking and line:
            names += [split_name(part)[0] for part in re.split(r",|\bog\b", line) if part.strip()]
    return names


def _special(line: str) -> str | None:
    return _DECISION_MARK + line if _DECISION.match(line) else None


def _body_of(genitive: str, meeting_body: str) -> str:
    """ "Sundheds- og Forebyggelsesudvalgets" -> "Sundheds- og Forebyggelsesudvalget"."""
    name = genitive.strip()
    if name.casefold() == (meeting_body + "s").casefold():
        return meeting_body
    return name[:-1] if name.endswith("s") else name


def _meeting_facts(text: str) -> tuple[str | None, list[Member]]:
    """The place ("i Mødecenter C, ...") and the members present and absent from the front page."""
    lines = [" ".join(x.split()) for x in text.splitlines()]
    location = None
    for i, line in enumerate(lines):
        if (
            re.search(r"\bkl\.\s*\d{1,2}[:.]\d{2}", line)
            and i + 1 < len(lines)
            and lines[i + 1].startswith("i ")
        ):
            location = lines[i + 1][2:].strip()
            break
    members: list[Member] = []
    mode: bool | None = None
    for line in lines:
        low = line.casefold()
        if low in ("tilstede", "til stede", "deltagere"):
            mode = True
        elif low.startswith(("afbud", "fraværende")):
            mode = False
        elif mode is not None and (low in ("sekretær", "indholdsfortegnelse") or low.startswith("referat")):
            break
        elif mode is not None and line:
            name, party, role = split_name(line)
            if party:
                members.append(Member(name=name, party=party, role=role or "medlem", present=mode))
    return location, members


def _start(raw: str) -> str | None:
    try:
        return datetime.strptime(raw.strip(), "%d-%m-%Y %H:%M:%S").isoformat()
    except ValueError:
        return None


def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, attachment_key(a), attachment_key(b)).ratio()


def read(path: Path) -> Reading:
    root = read_xml(path)
    if root.tag != "Meeting":
        raise ImportRefused(f"{path.name}: ikke en eDoc-publicering (rodelementet er {root.tag})")
    body = text_of(root, "Committee")
    state = text_of(root, "MeetingState")
    kind = "minutes" if "referat" in state.casefold() else "agenda"
    editions = root.findall("MeetingAgendaTypes/MeetingAgendaType")
    front = next((raw_text_of(e, "FullText") for e in editions if raw_text_of(e, "FullText").strip()), "")
    location, members = _meeting_facts(front)
    doc = empty_doc(body=body, kind=kind, start=_start(text_of(root, "MeetingDate")), location=location)
    if kind == "minutes" and (stated := participants(members)) is not None:
        doc["participants"] = stated
    reading = Reading(system="edoc", doc=doc)
    entries: list[tuple[ET.Element, bool]] = []
    for edition in editions:
        public = "lukket" not in text_of(edition, "AgendaType").casefold()
        entries += [(e, public) for e in edition.findall("MeetingAgendaItems/MeetingAgendaItem")]
    texts = [raw_text_of(e, "FullText").replace("\r\n", "\n").split("\n") for e, _ in entries]
    fields = split_items(texts, blank_before=True, special=_special)
    items: dict[int | str, Doc] = {}
    for (entry, public), item_fields in zip(entries, fields, strict=True):
        item = _item(entry, public, item_fields, path.parent, reading)
        items.setdefault(item["number"], item)
    doc["items"] = sorted(
        items.values(), key=lambda it: (isinstance(it["number"], str), str(it["number"]).zfill(6))
    )
    return reading


def _item(entry: ET.Element, public: bool, fields: list[Field], folder: Path, reading: Reading) -> Doc:
    document = entry.find("Document")
    number_text = text_of(entry, "AgendaItemNumber")
    number: int | str | None = int(number_text) if number_text.isdigit() else (number_text or None)
    title = text_of(document, "Title")
    neutral = text_of(document, "NeutralTitle")
    preamble = "\n".join(fields[0].lines) if fields else ""
    case = _CASE.search(preamble)
    document_number = _DOCUMENT.search(preamble)
    item: Doc = {
        "number": number,
        "title": title,
        "public": public,
        "case_number": case.group(1) if case else None,
        "journal_number": None,
        "document_number": document_number.group(1) if document_number else None,
        "case_type": None,
        "sections": [],
        "attachments": [],
        "decisions": [],
    }
    if not public and neutral and neutral != title:
        item["public_title"] = neutral
    printed: list[tuple[str | None, str]] = []
    for f in fields[1:]:
        heading = f.heading or ""
        if heading.startswith(_DECISION_MARK):
            found = _DECISION.match(heading[len(_DECISION_MARK) :])
            if found and f.text:
                day = datetime.strptime(found.group("date"), "%d.%m.%Y").date().isoformat()
                body = _body_of(found.group("body"), reading.doc["body"])
                item["decisions"].append({"body": body, "date": day, "text": f.text})
                absent = _absent(f.lines)
                if absent:
                    item["absent"] = absent
        elif heading.casefold().startswith("bilag"):
            # The list runs to the first blank line; "Ingen" says there is none.
            for line in f.lines:
                line = " ".join(line.split())
                if not line:
                    if printed:
                        break
                    continue
                if line.casefold().rstrip(".") != "ingen":
                    att = _ATTACHMENT.match(line)
                    printed.append((att.group("number"), att.group("title")) if att else (None, line))
        elif f.text:
            item["sections"].append({"heading": heading, "text": f.text})
    _attachments(item, document, printed, folder, reading)
    return item


def _attachments(
    item: Doc,
    document: ET.Element | None,
    printed: list[tuple[str | None, str]],
    folder: Path,
    reading: Reading,
) -> None:
    """The attachments as the minutes print them (document number, title), each paired with the XML's
    entry for its file and access; the XML's title where the minutes print no list."""
    listed = document.findall("Attachments/Attachment") if document is not None else []
    unpaired = list(listed)
    pairs: list[tuple[str | None, str, ET.Element | None]] = []
    for number, title in printed:
        best = max(unpaired, key=lambda a: _similar(title, text_of(a, "Title")), default=None)
        if best is not None and _similar(title, text_of(best, "Title")) >= 0.6:
            unpaired.remove(best)
        else:
            best = None
        pairs.append((number, title, best))
    pairs += [(None, text_of(a, "Title"), a) for a in unpaired]
    for number, title, xml in pairs:
        if not title:
            continue
        allowed = "ikke" not in text_of(xml, "PublishingType").casefold() if xml is not None else True
        item["attachments"].append(
            {"title": title, "document_number": number, "public": item["public"] and allowed}
        )
        filename = text_of(xml, "PDFDocument") if xml is not None else ""
        if not filename:
            continue
        path = find_file(folder, filename)
        if path is not None:
            reading.files[attachment_key(title)] = path
        else:
            reading.warnings.append(f"bilag mangler i pakken: {filename} ({title})")
